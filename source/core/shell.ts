import type {EngineClient} from './client.ts';
import {createExec, inspectExec, resizeExec, runExec, startExec} from './exec.ts';
import {TsdockError} from './errors.ts';

/**
 * Interactive shells inside containers over the Engine API: no docker CLI needed on the server.
 */

/** Split a user's --shell value ("bash -l") into argv; no shell parsing, so "$(x)" is just text. */
export const shellArgv = (text: string): string[] => text.trim().split(/\s+/).filter(Boolean);

/**
 * The shell to run: the user's choice if given, else bash when the image has it, else sh. The probe is one
 * non-interactive exec; it does not depend on the image's user being in /etc/passwd.
 */
export async function pickShell(client: EngineClient, container: string, preferred?: string): Promise<string[]> {
	if (preferred && preferred.trim() !== '') return shellArgv(preferred);
	try {
		const probe = await runExec(client, container, [
			'sh',
			'-c',
			'if command -v bash >/dev/null 2>&1; then echo bash; else echo sh; fi',
		]);
		const answer = probe.stdout.trim();
		if (probe.exitCode === 0 && (answer === 'bash' || answer === 'sh')) return [answer];
	} catch (error) {
		if (error instanceof TsdockError && error.kind !== 'engine' && error.kind !== 'bad-request') throw error;
	}
	// No sh to probe with: bash alone may still exist.
	const bash = await runExec(client, container, ['bash', '-c', 'exit 0']).catch(() => undefined);
	if (bash?.exitCode === 0) return ['bash'];
	throw new TsdockError('not-found', 'no shell in this container (tried bash and sh); use --shell to name one');
}

export type TerminalIo = {
	stdin: NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};
	stdout: NodeJS.WritableStream & {
		rows?: number;
		columns?: number;
		on(event: 'resize', listener: () => void): unknown;
		off(event: 'resize', listener: () => void): unknown;
	};
};

/**
 * Run `cmd` in the container on a TTY, wired to the given terminal: raw keystrokes in, output out, the window
 * size at start and on every resize. Resolves with the exit code when the process ends. The caller owns the
 * terminal before and after (leaving the alternate screen, pausing its own input).
 */
export async function runInteractiveExec(
	client: EngineClient,
	container: string,
	cmd: string[],
	io: TerminalIo,
	env: string[] = [],
): Promise<{exitCode: number | null}> {
	const term = process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm';
	const execId = await createExec(client, container, {cmd, tty: true, stdin: true, env: [`TERM=${term}`, ...env]});
	const size = () => ({rows: io.stdout.rows ?? 24, columns: io.stdout.columns ?? 80});
	const {socket, head} = await startExec(client, execId, true, size());
	// API < 1.42 ignores ConsoleSize on start: size it explicitly, as the docker CLI does.
	const resize = () => {
		const {rows, columns} = size();
		resizeExec(client, execId, rows, columns).catch(() => {});
	};
	resize();
	const onInput = (chunk: Buffer | string) => socket.write(chunk);
	const wasRaw = io.stdin.isTTY ? (io.stdin as {isRaw?: boolean}).isRaw === true : false;
	if (io.stdin.isTTY) io.stdin.setRawMode?.(true);
	io.stdin.on('data', onInput);
	io.stdin.resume();
	io.stdout.on('resize', resize);
	if (head.length > 0) io.stdout.write(head);
	socket.on('data', (chunk: Buffer) => io.stdout.write(chunk));
	await new Promise<void>((resolve) => {
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			resolve();
		};
		socket.on('end', finish);
		socket.on('close', finish);
		socket.on('error', finish);
	});
	io.stdin.off('data', onInput);
	io.stdin.pause();
	io.stdout.off('resize', resize);
	if (io.stdin.isTTY) io.stdin.setRawMode?.(wasRaw);
	socket.destroy();
	const info = await inspectExec(client, execId).catch(() => ({ExitCode: null}));
	return {exitCode: info.ExitCode};
}
