/**
 * Ctrl-Z (and a SIGTSTP sent from outside): give the terminal back to the shell, stop as a job, and take the
 * terminal back on `fg`, as vim, less and htop do.
 *
 * In raw mode the terminal sends Ctrl-Z as a byte instead of stopping the job, so tsdock stops itself: Ink lets go
 * of the terminal (its suspendTerminal: frame erased, alternate screen left, raw mode and bracketed paste off), stdin
 * stops being read, the cursor is shown, and SIGTSTP goes to our whole process group, as the terminal would have
 * sent it. With no SIGTSTP listener its default action stops the process: `process.kill` returns once the shell
 * continues us. After `fg`, Ink takes the terminal back; after `bg` we stop again at once (as vim and less do, by the
 * terminal's SIGTTOU), since the terminal is the shell's and `fg` of a running job sends no SIGCONT. Ink takes it back and draws the whole screen again from the store (Ink
 * stays mounted: every view, even an open log stream, is as it was). The SIGWINCH a resize sends while we are
 * stopped goes to the foreground job (the shell), not to us: on resume we send it to ourselves, so Node reads the
 * size again and the screen is drawn at the new size.
 *
 * Job control is checked first. A process group with no parent in another group of the same session (tsdock
 * started by `sh -c …` as a terminal's or an SSH session's only program) is orphaned: the kernel discards its
 * SIGTSTP, so there is no shell to return to. Then the status line says so instead of leaving the terminal for
 * nothing. Refused too while another program (an exec shell) has the terminal.
 */
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Store} from './store.ts';

/** `background`: a job of a shell with job control, but not the terminal's foreground job (after `bg`). */
export type JobControl = {ok: true} | {ok: false; reason: string; background?: true};

/** The fields of /proc/PID/stat that job control depends on. */
export type ProcStat = {pid: number; ppid: number; pgrp: number; session: number; ttyNr: number; tpgid: number};

/**
 * One /proc/PID/stat line: `pid (comm) state ppid pgrp session tty_nr tpgid …`. The command name may hold spaces
 * and parentheses, so the fields are counted after its last ')'.
 */
export function parseStat(text: string): ProcStat | undefined {
	const open = text.indexOf('(');
	const close = text.lastIndexOf(')');
	if (open < 0 || close < open) return undefined;
	const pid = Number(text.slice(0, open).trim());
	const [, ppid, pgrp, session, ttyNr, tpgid] = text
		.slice(close + 1)
		.trim()
		.split(/\s+/)
		.map(Number);
	const stat = {pid, ppid: ppid!, pgrp: pgrp!, session: session!, ttyNr: ttyNr!, tpgid: tpgid!};
	return Object.values(stat).every((value) => Number.isInteger(value)) ? stat : undefined;
}

/**
 * Whether `self` can stop as a job and be continued by a shell: it has a controlling terminal, its process group is
 * not orphaned (some member's parent is in another process group of the same session: the shell that started the
 * job and will take it back), and it is the terminal's foreground group.
 */
export function jobControlOf(self: ProcStat, processes: readonly ProcStat[]): JobControl {
	if (self.ttyNr === 0 || self.tpgid <= 0) return {ok: false, reason: 'no controlling terminal'};
	const byPid = new Map(processes.map((process) => [process.pid, process]));
	byPid.set(self.pid, self);
	const shell = [...byPid.values()].some((member) => {
		if (member.pgrp !== self.pgrp) return false;
		const parent = byPid.get(member.ppid);
		return parent !== undefined && parent.pgrp !== self.pgrp && parent.session === self.session;
	});
	if (!shell) return {ok: false, reason: 'no job control here (not started from an interactive shell)'};
	if (self.tpgid !== self.pgrp)
		return {ok: false, reason: "tsdock is not the terminal's foreground job", background: true};
	return {ok: true};
}

const readStat = (pid: string): ProcStat | undefined => {
	try {
		return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		// Gone since the directory was listed, or not ours to read.
		return undefined;
	}
};

/** Every process as `ps` sees it, where there is no /proc (macOS, the BSDs). */
function psTable(): {self?: ProcStat; all: ProcStat[]} | undefined {
	try {
		const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,sess=,tpgid=,tty='], {
			encoding: 'utf8',
			timeout: 2000,
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const all = out
			.split('\n')
			.map((line) => line.trim().split(/\s+/))
			.filter((fields) => fields.length >= 6)
			.map(([pid, ppid, pgrp, session, tpgid, tty]) => ({
				pid: Number(pid),
				ppid: Number(ppid),
				pgrp: Number(pgrp),
				// Compared for equality only (some systems print it in hex).
				session: Number.parseInt(session!, 16),
				ttyNr: tty === '?' || tty === '??' ? 0 : 1,
				tpgid: Number(tpgid),
			}));
		return {self: all.find((entry) => entry.pid === process.pid), all};
	} catch {
		return undefined;
	}
}

/** This process's job control, from /proc (Linux) or `ps`; when neither answers, assumed present. */
export function jobControl(): JobControl {
	if (process.platform === 'win32') return {ok: false, reason: 'no job control on Windows'};
	const self = readStat('self');
	if (self) {
		let pids: string[] = [];
		try {
			pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
		} catch {
			// No /proc listing: judged on our own line alone below.
		}
		const all = pids.map(readStat).filter((stat): stat is ProcStat => stat !== undefined);
		return jobControlOf(self, all);
	}
	const table = psTable();
	if (table?.self) return jobControlOf(table.self, table.all);
	// Nothing to tell from: try. A stop the kernel discards returns at once, and the terminal is taken back.
	return {ok: true};
}

/** Ink's suspendTerminal in its callback form: the terminal is ours again when the returned promise settles. */
export type ReleaseTerminal = (whileReleased: () => Promise<void>) => Promise<void>;

export type SuspendOptions = {
	store: Store;
	/** Who else has the terminal right now ("the shell in web"), if anyone: then Ctrl-Z is refused. */
	owner?: () => string | undefined;
	stdin: {pause(): unknown};
	stdout: {write(text: string): unknown};
	/** Job control now (read before a stop, and after each continue). */
	jobControl?: () => JobControl;
	/** Stop as a job; returns when continued (or at once, when the stop was discarded). */
	stop?: () => void;
	/** Read the terminal's size again (a resize while stopped was not seen). */
	refreshSize?: () => void;
};

export class Suspender {
	private release?: ReleaseTerminal;
	private suspended = false;
	private ended = false;
	private refused?: string;
	private readonly onSignal = () => this.request();

	constructor(private readonly options: SuspendOptions) {}

	/** The mounted App hands over Ink's suspendTerminal (undefined while Ink is not mounted). */
	bind(release: ReleaseTerminal | undefined): void {
		this.release = release;
	}

	/** A SIGTSTP from outside (`kill -TSTP`) suspends the same way; without this it would stop us in raw mode. */
	listen(): () => void {
		process.on('SIGTSTP', this.onSignal);
		return () => {
			process.off('SIGTSTP', this.onSignal);
			this.ended = true;
		};
	}

	/** A refusal while another program had the terminal (its status line was not on screen), once. */
	takeRefusal(): string | undefined {
		const refused = this.refused;
		this.refused = undefined;
		return refused;
	}

	/** True while the terminal is given back (until `fg`). */
	get active(): boolean {
		return this.suspended;
	}

	/** Ctrl-Z: suspend, or say on the status line why not. */
	request(): void {
		const {store} = this.options;
		const say = (text: string) => store.dispatch({type: 'status', status: {text, tone: 'error'}});
		if (this.suspended || this.ended) return;
		const owner = this.options.owner?.();
		if (owner) {
			this.refused = 'Ctrl-Z was refused meanwhile';
			return say(`Ctrl-Z: not while ${owner} has the terminal`);
		}
		const release = this.release;
		if (!release) return say('Ctrl-Z: cannot suspend while the screen is being set up');
		const jobs = this.options.jobControl ?? jobControl;
		const now = jobs();
		if (!now.ok) return say(`Ctrl-Z: cannot suspend, ${now.reason}`);
		this.suspended = true;
		const stop = this.options.stop ?? this.stopGroup;
		release(async () => {
			this.options.stdin.pause();
			// Attributes reset and the cursor shown, whatever Ink left.
			this.options.stdout.write('\u001B[0m\u001B[?25h');
			stop();
			// Continued. After `bg` the job runs but the terminal is the shell's (and `fg` of a running job sends no
			// SIGCONT): stop again, as vim or less do on `bg` (the terminal's SIGTTOU stops them), so `fg` continues us
			// with the terminal ours. Otherwise (fg, or the terminal gone: SIGHUP follows) take it back.
			for (let again = jobs(); !this.ended && !again.ok && again.background; again = jobs()) {
				stop();
				// Never a busy loop, should a stop not stop.
				await sleep(50);
			}
			// The size now, read while Ink is still let go (it draws nothing then), so the redraw is at the new size.
			(this.options.refreshSize ?? (() => refreshSize(this.options.stdout)))();
		})
			.catch((error: unknown) => say(`Ctrl-Z: ${error instanceof Error ? error.message : String(error)}`))
			.finally(() => {
				this.suspended = false;
			});
	}

	/** SIGTSTP to our process group with its default action (stop): our own listener is off meanwhile. */
	private readonly stopGroup = () => {
		const listening = process.listeners('SIGTSTP').includes(this.onSignal);
		process.off('SIGTSTP', this.onSignal);
		try {
			process.kill(0, 'SIGTSTP');
		} finally {
			if (listening && !this.ended) process.on('SIGTSTP', this.onSignal);
		}
	};
}

/**
 * Read the terminal's size again: Node's tty stream does it on SIGWINCH (and emits 'resize', which Ink and
 * useWindowSize follow); at once through the same method where it has it, else by sending ourselves the SIGWINCH.
 */
function refreshSize(stdout: object): void {
	const refresh = (stdout as {_refreshSize?: unknown})._refreshSize;
	try {
		if (typeof refresh === 'function') refresh.call(stdout);
		else process.kill(process.pid, 'SIGWINCH');
	} catch {
		// The size stays as it was; the next resize event corrects it.
	}
}
