/** Readings from /proc from outside a process: CPU time (utime+stime), RSS, children, the machine. */
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {execFileSync} from 'node:child_process';

let tickHz = 100;
try {
	tickHz = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
} catch {
	// 100 is Linux's USER_HZ almost everywhere.
}
export const CLOCK_TICKS = tickHz;

/** Fields of /proc/<pid>/stat after the command name (field 3 is index 0). */
function statFields(pid: number): string[] | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return text.slice(text.lastIndexOf(')') + 2).split(' ');
	} catch {
		return undefined;
	}
}

export function processName(pid: number): string | undefined {
	try {
		return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return undefined;
	}
}

/** utime + stime of every thread (live and exited) of a process, in seconds; NaN when it is gone. */
export function cpuSeconds(pid: number): number {
	const fields = statFields(pid);
	if (!fields) return NaN;
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export function parentPid(pid: number): number | undefined {
	const fields = statFields(pid);
	return fields ? Number(fields[1]) : undefined;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : NaN;
	} catch {
		return NaN;
	}
}

export function allPids(): number[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number);
}

export function childrenOf(pid: number): number[] {
	return allPids().filter((candidate) => parentPid(candidate) === pid);
}

/** dockerd (from the pidfile) and the containerd it started (its child). */
export function daemonPids(daemonDir: string): {dockerd: number; containerd?: number} {
	const dockerd = Number(readFileSync(`${daemonDir}/docker.pid`, 'utf8').trim());
	const containerd = childrenOf(dockerd).find((pid) => processName(pid) === 'containerd');
	return {dockerd, containerd};
}

/** containerd-shim processes serving this daemon's containers (they re-parent away from containerd). */
export function shimPids(daemonDir: string): number[] {
	return allPids().filter((pid) => {
		if (!/^containerd-shim/.test(processName(pid) ?? '')) return false;
		try {
			return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(daemonDir);
		} catch {
			return false;
		}
	});
}

export type Machine = {cpuModel: string; cpus: number; memTotalMiB: number; kernel: string; os: string};

export function machine(): Machine {
	const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
	const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
	const cpus = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
	const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? NaN);
	const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
	let os = 'Linux';
	if (existsSync('/etc/os-release'))
		os = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
	return {cpuModel, cpus, memTotalMiB: Math.round(memKb / 1024), kernel, os};
}
