/**
 * A real terminal from the outside: a private tmux server with a fixed-size window, the program held at a
 * gate (a fifo) until the clock starts, every byte it writes recorded (pipe-pane to a file) and streamed to us
 * live through a tmux control-mode client (`%output` notifications), which also carries the keys we send
 * (no tmux client process per key).
 */
import {execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';

let counter = 0;

function tmuxRun(socket: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('tmux', ['-L', socket, ...args], {maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			if (error) reject(new Error(`tmux ${args.join(' ')}: ${stderr || error.message}`));
			else resolve(stdout);
		});
	});
}

/** Undo tmux control mode's escaping (octal for bytes < 32 and for backslash). Returns raw bytes. */
export function decodeOutput(text: string): Buffer {
	const bytes: number[] = [];
	const raw = Buffer.from(text, 'utf8');
	for (let i = 0; i < raw.length; i++) {
		if (raw[i] === 0x5c && i + 3 < raw.length + 0 && /^[0-7]{3}$/.test(raw.subarray(i + 1, i + 4).toString('latin1'))) {
			bytes.push(parseInt(raw.subarray(i + 1, i + 4).toString('latin1'), 8));
			i += 3;
		} else {
			bytes.push(raw[i]);
		}
	}
	return Buffer.from(bytes);
}

export type Chunk = {t: number; bytes: number};

export type Term = {
	pid: number;
	/** performance.now() when the gate opened. */
	startedAt: number;
	/** Every output chunk with its arrival time. */
	chunks: Chunk[];
	/** Open the gate: the program starts now. */
	go(): number;
	/** Resolves with performance.now() of the first output chunk (from now on) whose text matches. */
	waitForOutput(pattern: RegExp, timeoutMs: number): Promise<number>;
	/** Send keys (tmux key names) through the control client; returns performance.now() just before writing. */
	sendKeys(keys: string[]): number;
	/** Bytes recorded by pipe-pane so far. */
	pipedBytes(): number;
	/** Bytes seen through %output so far. */
	outputBytes(): number;
	capture(withEscapes?: boolean): Promise<string>;
	waitForScreen(test: (screen: string) => boolean, timeoutMs: number): Promise<string>;
	/** Wait until no output has arrived for quietMs (or maxMs passed). */
	waitQuiet(quietMs: number, maxMs: number): Promise<void>;
	paneDead(): Promise<boolean>;
	kill(): Promise<void>;
};

export type TermStart = {
	width: number;
	height: number;
	env: Record<string, string>;
	/**
	 * For a program that prints and exits at once (`docker ps -a`): keep the pty open a moment after it exits.
	 * When the pane's program writes and exits within one read, tmux 3.3 drops the output for control clients
	 * (it is on the screen, but no %output comes): 11–51 of 60–150 such runs here. Holding only the pty open (a
	 * background sleep) still lost 2 of 60; keeping the pane's process alive lost none. So with linger the
	 * pane's shell runs the program as a child (one fork, not an exec) and then sleeps; `pid` is the shell's.
	 */
	linger?: boolean;
};

export async function startTerm(argv: string[], options: TermStart): Promise<Term> {
	const socket = `tsdb-${process.pid}-${counter++}`;
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-term-'));
	const gate = path.join(dir, 'gate');
	const pipeFile = path.join(dir, 'out.bin');
	writeFileSync(pipeFile, '');
	execFileSync('mkfifo', [gate]);
	const envArgs = Object.entries(options.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
	// The pane's program waits for a line on the fifo, then execs the real program (same pid as the pane), or
	// with linger runs it as a child and sleeps.
	await tmuxRun(socket, [
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
		'sh',
		'-c',
		options.linger ? 'read _ < "$0"; "$@"; sleep 5' : 'read _ < "$0"; exec "$@"',
		gate,
		...argv,
	]);
	await tmuxRun(socket, ['set-option', '-g', 'status', 'off']);
	await tmuxRun(socket, ['set-option', '-g', 'window-size', 'manual']);
	await tmuxRun(socket, ['set-option', '-g', 'remain-on-exit', 'on']);
	await tmuxRun(socket, ['resize-window', '-t', 'main', '-x', String(options.width), '-y', String(options.height)]);
	await tmuxRun(socket, ['pipe-pane', '-t', 'main', '-o', `cat >> '${pipeFile}'`]);
	const pid = Number((await tmuxRun(socket, ['display-message', '-p', '-t', 'main', '#{pane_pid}'])).trim());
	const size = (await tmuxRun(socket, ['display-message', '-p', '-t', 'main', '#{pane_width}x#{pane_height}'])).trim();
	if (size !== `${options.width}x${options.height}`)
		throw new Error(`tmux pane is ${size}, wanted ${options.width}x${options.height}`);

	const control: ChildProcessWithoutNullStreams = spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', 'main'], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const chunks: Chunk[] = [];
	let total = 0;
	let lastOutputAt = performance.now();
	/** Each waiter sees only what arrived after it was registered (plus a short tail of that, for splits). */
	type Waiter = {pattern: RegExp; resolve: (t: number) => void; seen: string};
	let waiters: Waiter[] = [];
	let pending = '';
	let markAttached = () => {};
	const attached = new Promise<void>((resolve) => (markAttached = resolve));
	control.stdout.setEncoding('utf8');
	control.stdout.on('data', (text: string) => {
		const now = performance.now();
		pending += text;
		let newline: number;
		while ((newline = pending.indexOf('\n')) >= 0) {
			const line = pending.slice(0, newline);
			pending = pending.slice(newline + 1);
			if (!line.startsWith('%output ')) {
				if (line.startsWith('%session-changed')) markAttached();
				continue;
			}
			const data = decodeOutput(line.slice(line.indexOf(' ', 8) + 1));
			chunks.push({t: now, bytes: data.length});
			total += data.length;
			lastOutputAt = now;
			if (waiters.length) {
				const text = data.toString('utf8');
				const still: Waiter[] = [];
				for (const waiter of waiters) {
					const plain = waiter.seen + text;
					waiter.seen = plain.slice(-512);
					if (waiter.pattern.test(plain)) waiter.resolve(now);
					else still.push(waiter);
				}
				waiters = still;
			}
		}
	});
	control.stderr.resume();
	// The control client must be attached before the clock can start, or the first output is missed.
	const attachTimeout = setTimeout(() => markAttached(), 15_000);
	await attached;
	clearTimeout(attachTimeout);

	const term: Term = {
		pid,
		startedAt: NaN,
		chunks,
		go() {
			term.startedAt = performance.now();
			writeFileSync(gate, 'go\n');
			return term.startedAt;
		},
		waitForOutput(pattern, timeoutMs) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters = waiters.filter((waiter) => waiter.resolve !== done);
					reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms`));
				}, timeoutMs);
				const done = (t: number) => {
					clearTimeout(timer);
					resolve(t);
				};
				waiters.push({pattern, resolve: done, seen: ''});
			});
		},
		sendKeys(keys) {
			const t = performance.now();
			control.stdin.write(`send-keys -t main ${keys.map((key) => `'${key.replaceAll("'", "\\'")}'`).join(' ')}\n`);
			return t;
		},
		pipedBytes: () => statSync(pipeFile).size,
		outputBytes: () => total,
		capture: (withEscapes = false) =>
			tmuxRun(socket, ['capture-pane', '-p', ...(withEscapes ? ['-e'] : []), '-t', 'main']),
		async waitForScreen(test, timeoutMs) {
			const start = performance.now();
			let screen = '';
			while (performance.now() - start < timeoutMs) {
				screen = await term.capture();
				if (test(screen)) return screen;
				await sleep(50);
			}
			throw new Error(`screen did not match within ${timeoutMs} ms; it was:\n${screen}`);
		},
		async waitQuiet(quietMs, maxMs) {
			const start = performance.now();
			while (performance.now() - start < maxMs) {
				if (performance.now() - lastOutputAt >= quietMs) return;
				await sleep(Math.max(2, quietMs / 4));
			}
		},
		async paneDead() {
			return (
				(await tmuxRun(socket, ['display-message', '-p', '-t', 'main', '#{pane_dead}']).catch(() => '1')).trim() === '1'
			);
		},
		async kill() {
			control.kill();
			await tmuxRun(socket, ['kill-server']).catch(() => undefined);
			rmSync(dir, {recursive: true, force: true});
		},
	};
	return term;
}
