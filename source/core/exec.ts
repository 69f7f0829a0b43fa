import type {Duplex} from 'node:stream';
import type {EngineClient} from './client.ts';
import {LogDecoder} from './logs.ts';

export type ExecCreateOptions = {
	cmd: string[];
	tty: boolean;
	stdin: boolean;
	env?: string[];
	user?: string;
	workingDir?: string;
};

export async function createExec(client: EngineClient, container: string, options: ExecCreateOptions): Promise<string> {
	const response = await client.request<{Id: string}>('POST', `/containers/${encodeURIComponent(container)}/exec`, {
		body: {
			AttachStdin: options.stdin,
			AttachStdout: true,
			AttachStderr: true,
			Tty: options.tty,
			Cmd: options.cmd,
			Env: options.env,
			User: options.user,
			WorkingDir: options.workingDir,
		},
	});
	return response.Id;
}

/** Start an exec over a hijacked connection: a raw duplex to the process (TTY) or multiplexed frames (no TTY). */
export const startExec = (
	client: EngineClient,
	execId: string,
	tty: boolean,
	size?: {rows: number; columns: number},
): Promise<{socket: Duplex; head: Buffer}> =>
	client.hijack(`/exec/${encodeURIComponent(execId)}/start`, {
		Detach: false,
		Tty: tty,
		ConsoleSize: size && tty ? [size.rows, size.columns] : undefined,
	});

export const resizeExec = (client: EngineClient, execId: string, rows: number, columns: number) =>
	client.request<void>('POST', `/exec/${encodeURIComponent(execId)}/resize`, {query: {h: rows, w: columns}});

export const inspectExec = (client: EngineClient, execId: string) =>
	client.request<{Running: boolean; ExitCode: number | null; Pid: number}>(
		'GET',
		`/exec/${encodeURIComponent(execId)}/json`,
	);

/** Run a command to completion without a TTY and collect its output (used to probe for a shell). */
export async function runExec(
	client: EngineClient,
	container: string,
	cmd: string[],
	timeoutMs = 10_000,
): Promise<{exitCode: number | null; stdout: string; stderr: string}> {
	const execId = await createExec(client, container, {cmd, tty: false, stdin: false});
	const {socket, head} = await startExec(client, execId, false);
	const decoder = new LogDecoder({multiplexed: true, timestamps: false});
	const out = {stdout: [] as string[], stderr: [] as string[]};
	const take = (chunk: Buffer) => {
		for (const line of decoder.push(chunk)) out[line.stream].push(line.text);
	};
	if (head.length > 0) take(head);
	await new Promise<void>((resolve) => {
		const timer = setTimeout(() => {
			socket.destroy();
			resolve();
		}, timeoutMs);
		socket.on('data', take);
		socket.on('close', () => {
			clearTimeout(timer);
			resolve();
		});
		socket.on('end', () => {
			clearTimeout(timer);
			resolve();
		});
		socket.on('error', () => resolve());
	});
	for (const line of decoder.end()) out[line.stream].push(line.text);
	const info = await inspectExec(client, execId);
	return {exitCode: info.ExitCode, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n')};
}
