/** Timed runs of programs: plain (stdout to a pipe) and in a tmux pty (until a pattern is written). */
import {spawn} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {startTerm, type Term, type TermStart} from './term.ts';

export type Timed = {ms: number; exitCode: number; stdoutBytes: number; stdout: string};

/** Wall time from spawn to exit, stdout read through a pipe (what `time cmd > /dev/null`-style timings show). */
export function timeProcess(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn(file, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.stderr.resume();
		child.on('error', reject);
		child.on('close', (code) => {
			const ms = performance.now() - start;
			const stdout = Buffer.concat(chunks).toString('utf8');
			resolve({ms, exitCode: code ?? 1, stdoutBytes: Buffer.byteLength(stdout), stdout});
		});
	});
}

export type TermOptions = TermStart;

/**
 * Start `argv` in a pty, open the gate, and time until `pattern` appears in what it writes. Leaves the term open.
 * If the control client missed output that is on the screen (seen once in CI: the pattern was drawn but never
 * reported), the sample is a miss of the method, not of the program: it is taken again once, in a new pty.
 */
export async function launchUntil(
	argv: string[],
	pattern: RegExp,
	options: TermOptions,
	timeoutMs = 60_000,
	retry = true,
): Promise<{term: Term; ms: number}> {
	const term = await startTerm(argv, options);
	try {
		const seen = term.waitForOutput(pattern, timeoutMs);
		const start = term.go();
		const at = await seen;
		return {term, ms: at - start};
	} catch (error) {
		const screen = await term.capture().catch(() => '(no capture)');
		await term.kill();
		if (retry && pattern.test(screen)) {
			console.error(
				`[bench] ${argv.slice(0, 3).join(' ')}: the output was drawn but not reported by the control client; taking the sample again`,
			);
			return launchUntil(argv, pattern, options, timeoutMs, false);
		}
		throw new Error(
			`${argv.slice(0, 3).join(' ')}: ${error instanceof Error ? error.message : String(error)}; the screen was:\n${screen.trimEnd()}`,
			{cause: error},
		);
	}
}

/** Time `argv` (a program that prints and exits) in a pty until `pattern` is printed, then close the terminal. */
export async function timeInPty(argv: string[], pattern: RegExp, options: TermOptions): Promise<number> {
	const {term, ms} = await launchUntil(argv, pattern, {...options, linger: true});
	await term.kill();
	return ms;
}

/** Quit a TUI with q; kill the tmux server if it is still there after `graceMs`. */
export async function quit(term: Term, graceMs = 5000): Promise<boolean> {
	term.sendKeys(['q']);
	const start = performance.now();
	let clean = false;
	while (performance.now() - start < graceMs) {
		if (await term.paneDead()) {
			clean = true;
			break;
		}
		await sleep(50);
	}
	await term.kill();
	return clean;
}
