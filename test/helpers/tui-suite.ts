/**
 * What every end-to-end file of the TUI shares: one throwaway daemon for the file (set up by `setup`), the built
 * tsdock launched in a fresh tmux server with its own HOME and settings, and everything torn down after.
 */
import {after, before} from 'node:test';
import {startDaemon, type TestDaemon} from './daemon.ts';
import {builtCli} from './cli.ts';
import {childEnv, nodeBinary, shellQuote, startTmux, type TmuxSession} from './tmux.ts';

export type ChildHome = ReturnType<typeof childEnv>;

export type LaunchOptions = {
	/** The terminal's size: 100x30 unless given. */
	width?: number;
	height?: number;
	/** tsdock's --host; null for none (tsdock then finds its endpoint itself). A suite's launch defaults to its daemon. */
	host?: string | null;
	/** More tsdock arguments, after --host. */
	args?: string[];
	/** More environment for a fresh HOME (see childEnv); not used with `home`. */
	env?: Record<string, string>;
	/** A HOME made with childEnv() and cleaned up by the caller (to share settings between runs, or prepare it). */
	home?: ChildHome;
	/** argv in front of node, e.g. setpriv to run tsdock as another user or a waiter that reports its status. */
	prefix?: string[];
	/** Node's own options, between node and the CLI (e.g. --import, --max-old-space-size). */
	nodeOptions?: string[];
	/**
	 * Run a plain sh as the pane's program and type the command line into it, instead of running tsdock as the
	 * pane's program: `before` runs first (the shell is up), `line` makes the line typed from the quoted command.
	 */
	shell?: {before?: (tmux: TmuxSession) => Promise<unknown>; line?: (command: string) => string};
	/** What the screen shows before the session is returned: '● connected' unless given; null to return at once. */
	ready?: string | RegExp | ((screen: string) => boolean) | null;
};

export type TsdockSession = TmuxSession & {home: ChildHome};

/**
 * The one way an end-to-end test starts the built tsdock: in a fresh tmux server with its own HOME, as
 * `[...prefix, node, ...nodeOptions, dist/cli.js, --host <host>, ...args]`. The tmux server (and the HOME, unless
 * the caller gave one) are handed to `defer` to be removed after the file's tests.
 */
export async function launchTsdock(
	options: LaunchOptions & {host: string | null; defer: (cleanup: () => unknown) => void},
): Promise<TsdockSession> {
	const home = options.home ?? childEnv(options.env);
	if (!options.home) options.defer(home.cleanup);
	const command = [
		...(options.prefix ?? []),
		nodeBinary,
		...(options.nodeOptions ?? []),
		builtCli,
		...(options.host === null ? [] : ['--host', options.host]),
		...(options.args ?? []),
	];
	const size = {width: options.width ?? 100, height: options.height ?? 30, env: home.env};
	const tmux = options.shell ? await startTmux([], {...size, shellFirst: true}) : await startTmux(command, size);
	options.defer(() => tmux.kill());
	if (options.shell) {
		await options.shell.before?.(tmux);
		const quoted = command.map(shellQuote).join(' ');
		await tmux.send([options.shell.line ? options.shell.line(quoted) : quoted], {literal: true});
		await tmux.send(['Enter']);
	}
	const ready = options.ready === undefined ? '● connected' : options.ready;
	if (ready !== null) await tmux.waitFor(ready);
	return Object.assign(tmux, {home});
}

export type TuiSuite = {
	readonly daemon: TestDaemon;
	/** Start tsdock (launchTsdock) against the suite's daemon unless `host` says otherwise. */
	launch(options?: LaunchOptions): Promise<TsdockSession>;
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
		launch(options = {}) {
			return launchTsdock({
				...options,
				host: options.host === undefined ? this.daemon.host : options.host,
				defer: (cleanup) => cleanups.push(cleanup),
			});
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
