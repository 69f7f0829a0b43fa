/**
 * What every end-to-end file of the TUI shares: one throwaway daemon for the file (set up by `setup`), the built
 * tsdock launched in a fresh tmux server with its own HOME and settings, and everything torn down after.
 */
import {after, before} from 'node:test';
import {startDaemon, type TestDaemon} from './daemon.ts';
import {builtCli} from './cli.ts';
import {childEnv, nodeBinary, startTmux, type TmuxSession} from './tmux.ts';

export type LaunchOptions = {width?: number; height?: number; args?: string[]; env?: Record<string, string>};

export type TuiSuite = {
	readonly daemon: TestDaemon;
	/** Start tsdock against the suite's daemon and wait until it is connected. */
	launch(options?: LaunchOptions): Promise<TmuxSession>;
	/** Run `cleanup` after the file's tests (last registered, first run). */
	defer(cleanup: () => unknown): void;
};

export function tuiSuite(setup: (daemon: TestDaemon) => Promise<unknown>): TuiSuite {
	let daemon: TestDaemon | undefined;
	const cleanups: Array<() => unknown> = [];
	before(async () => {
		daemon = await startDaemon();
		await setup(daemon);
	});
	after(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
		await daemon?.stop();
	});
	return {
		get daemon() {
			if (!daemon) throw new Error('the suite daemon is not started yet');
			return daemon;
		},
		async launch(options = {}) {
			const home = childEnv(options.env);
			cleanups.push(home.cleanup);
			const tmux = await startTmux([nodeBinary, builtCli, '--host', this.daemon.host, ...(options.args ?? [])], {
				width: options.width ?? 100,
				height: options.height ?? 30,
				env: home.env,
			});
			cleanups.push(() => tmux.kill());
			await tmux.waitFor('● connected');
			return tmux;
		},
		defer(cleanup) {
			cleanups.push(cleanup);
		},
	};
}

/** Select a row by filtering the current list down to `name` and keeping the filter. */
export async function selectByFilter(tmux: TmuxSession, name: string): Promise<void> {
	await tmux.press('/');
	await tmux.send([name], {literal: true});
	await tmux.waitFor('(1 of ');
	await tmux.press('Enter');
	await tmux.waitFor(`filter: ${name}`);
}
