/**
 * Handing the real terminal to an interactive shell inside a container, and taking it back.
 *
 * The recipe (see /work/shared/design/ink-notes.md): the App asks for a shell and exits Ink; run.tsx then
 * calls handOver() with Ink unmounted (Ink has left the alternate screen and stopped reading stdin), and
 * renders the App again from the store when the shell ends. Raw mode is switched on again at once, so
 * keystrokes typed while the exec starts queue up for the shell instead of being echoed or read by us.
 */
import {errorLine, sanitizeField, type TerminalIo} from '../core/index.ts';
import type {EnginePort} from './engine-port.ts';
import type {StatusMessage} from './state/types.ts';
import type {ContainerTarget} from './state/view-types.ts';

export type ShellRequest = ContainerTarget & {cmd: string[]};

type Stdin = TerminalIo['stdin'] & {pause(): unknown};

/** The one pending request between the App (which asks) and run.tsx (which hands over). */
export class ExecHandoff {
	private pending?: ShellRequest;
	private current?: ShellRequest;
	/** True while a shell has the terminal. */
	running = false;

	/** Who has (or is about to get) the terminal: "the shell in NAME", or undefined. Ctrl-Z is refused meanwhile. */
	owner(): string | undefined {
		const shell = this.current ?? this.pending;
		return shell ? `the shell in ${sanitizeField(shell.name)}` : undefined;
	}

	request(shell: ShellRequest): void {
		this.pending = shell;
	}

	take(): ShellRequest | undefined {
		const shell = this.pending;
		this.pending = undefined;
		return shell;
	}

	/** Run the shell on the real terminal; Ink must be unmounted. Returns what the status line says afterwards. */
	async handOver(
		port: EnginePort,
		shell: ShellRequest,
		io: {stdin: Stdin; stdout: TerminalIo['stdout']},
	): Promise<StatusMessage> {
		const {stdin, stdout} = io;
		const name = sanitizeField(shell.name);
		this.running = true;
		this.current = shell;
		try {
			if (stdin.isTTY) stdin.setRawMode?.(true);
			stdin.pause();
			stdout.write(`tsdock: shell in ${name} (exit to return)\r\n`);
			const {exitCode} = await port.runShell(shell.id, shell.cmd, {stdin, stdout});
			return {
				text: `shell in ${name} ended${exitCode === null ? '' : ` (exit code ${exitCode})`}`,
				tone: exitCode ? 'error' : 'info',
			};
		} catch (error) {
			return {text: `shell in ${name}: ${errorLine(error)}`, tone: 'error'};
		} finally {
			stdin.pause();
			this.running = false;
			this.current = undefined;
		}
	}
}

/** Give the terminal back in a usable state when we must leave while a shell has it (SIGTERM, SIGHUP). */
export function restoreTerminal(
	stdin: {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown},
	stdout: NodeJS.WritableStream,
): void {
	try {
		if (stdin.isTTY) stdin.setRawMode?.(false);
	} catch {
		// The terminal is gone already (SSH dropped): nothing to restore.
	}
	try {
		// Show the cursor, reset attributes; a new line after whatever the shell left half-written.
		stdout.write('\u001B[0m\u001B[?25h\r\n');
	} catch {
		// Same: a dead terminal takes no writes.
	}
}
