/**
 * Drive a real terminal: tmux on a private socket (one server per test), argv arrays only (execFile),
 * screen captures, waiting for text, resizing.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {nodeBinary} from './cli.ts';
import {refuseInUnitRun} from './unit-guard.ts';

export {nodeBinary};

/** The tmux server's own environment: none of the test runner's colour or CI settings leak into the terminal. */
function serverEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	for (const key of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'TMUX', 'TMUX_PANE']) delete env[key];
	return env;
}

function run(file: string, args: string[], options: {allowFail?: boolean} = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(file, args, {maxBuffer: 16 * 1024 * 1024, env: serverEnv()}, (error, stdout, stderr) => {
			if (error && !options.allowFail) reject(new Error(`${file} ${args.join(' ')}: ${stderr || error.message}`));
			else resolve(stdout);
		});
	});
}

export type TmuxSession = {
	socket: string;
	target: string;
	/** Send keys as tmux names them (e.g. 'Down', 'Enter', 'Escape', 'C-c', 'BTab') or literal text with literal: true. */
	send(keys: string[], options?: {literal?: boolean}): Promise<void>;
	/** One key per call with a short pause, as a person types. */
	press(...keys: string[]): Promise<void>;
	capture(): Promise<string>;
	waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	display(format: string): Promise<string>;
	resize(width: number, height: number): Promise<void>;
	/** Record every byte the pane's program writes to `file` (tmux pipe-pane). */
	pipeTo(file: string): Promise<void>;
	kill(): Promise<void>;
};

let counter = 0;

/** One argument for a POSIX shell command line: single-quoted, a ' inside spelt '\''. */
export const shellQuote = (part: string): string => `'${part.replaceAll("'", "'\\''")}'`;

/** Start `command` (argv) in a fresh tmux server with a `width`x`height` window. */
export async function startTmux(
	command: string[],
	options: {width: number; height: number; env: Record<string, string>; shellFirst?: boolean},
): Promise<TmuxSession> {
	refuseInUnitRun('tmux');
	const socket = `tsd-${process.pid}-${Date.now()}-${counter++}`;
	const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args]);
	const envArgs = Object.entries(options.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
	// A plain sh as the pane's program lets tests see the shell's screen before and after tsdock.
	const quoted = command.map(shellQuote).join(' ');
	const shellCommand = options.shellFirst ? ['sh'] : ['sh', '-c', `${quoted}; echo "tsdock exited $?"; sleep 600`];
	await tmux(
		'-f',
		'/dev/null',
		'new-session',
		'-d',
		'-x',
		String(options.width),
		'-y',
		String(options.height),
		...envArgs,
		'-s',
		'main',
		...shellCommand,
	);
	await tmux('set-option', '-g', 'status', 'off');
	await tmux('set-option', '-g', 'window-size', 'manual');
	await tmux('resize-window', '-t', 'main', '-x', String(options.width), '-y', String(options.height));
	const target = 'main';
	const session: TmuxSession = {
		socket,
		target,
		async send(keys, sendOptions = {}) {
			await tmux('send-keys', '-t', target, ...(sendOptions.literal ? ['-l'] : []), ...keys);
		},
		async press(...keys) {
			for (const key of keys) {
				await tmux('send-keys', '-t', target, key);
				// Ink waits a moment after a lone ESC to tell it from the start of an escape sequence (Alt-x).
				await sleep(key === 'Escape' ? 150 : 60);
			}
		},
		capture: () => tmux('capture-pane', '-p', '-t', target),
		async waitFor(test, timeoutMs = 15_000) {
			const check =
				typeof test === 'function'
					? test
					: (screen: string) => (typeof test === 'string' ? screen.includes(test) : test.test(screen));
			const start = Date.now();
			let screen = '';
			while (Date.now() - start < timeoutMs) {
				screen = await session.capture();
				if (check(screen)) return screen;
				await sleep(50);
			}
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(test)}; the screen was:\n${screen}`);
		},
		display: async (format) => (await tmux('display-message', '-p', '-t', target, format)).trim(),
		async resize(width, height) {
			await tmux('resize-window', '-t', target, '-x', String(width), '-y', String(height));
		},
		async pipeTo(file) {
			await tmux('pipe-pane', '-t', target, '-o', `cat >> '${file}'`);
		},
		async kill() {
			await run('tmux', ['-L', socket, 'kill-server'], {allowFail: true});
		},
	};
	return session;
}

/** The environment a tsdock child gets: a private HOME and config dir, CI=false (Ink draws nothing with CI=true). */
export function childEnv(extra: Record<string, string> = {}): {
	env: Record<string, string>;
	dir: string;
	cleanup: () => void;
} {
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-home-'));
	const env: Record<string, string> = {
		PATH: `${path.dirname(nodeBinary)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		HOME: dir,
		TSDOCK_CONFIG_DIR: path.join(dir, 'config'),
		CI: 'false',
		TERM: 'tmux-256color',
		LANG: 'C.UTF-8',
		LC_ALL: '',
		LC_CTYPE: '',
		NO_COLOR: '',
		...extra,
	};
	return {env, dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** The text inside the pane's border (below the header and tabs), lines joined: wrapped messages read as one string. */
export const bodyText = (screen: string): string =>
	screen
		.split('\n')
		.slice(3)
		.map((line) =>
			line
				.replace(/^[│|]/, '')
				.replace(/[│|]\s*$/, '')
				.trim(),
		)
		.join(' ')
		.replace(/\s+/g, ' ');
