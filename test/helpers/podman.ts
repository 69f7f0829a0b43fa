/**
 * A throwaway rootful Podman API service (Debian's podman) on a private unix socket, with private storage
 * (--root, --runroot, --tmpdir under a temp dir, vfs driver), so it never touches the machine's own
 * containers storage. Only listing, images and volumes are used: running containers may fail in a sandbox.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	rmdirSync,
	writeFileSync,
	copyFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import net from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {ensurePackage} from './tls.ts';
import {busyboxPath} from './fixtures.ts';
import {refuseInUnitRun} from './unit-guard.ts';

export type TestPodman = {
	dir: string;
	socketPath: string;
	/** unix:///…/podman.sock */
	host: string;
	/** Run podman on the same private storage, with an argv array. */
	podman(args: string[], options?: {input?: string}): Promise<{stdout: string; stderr: string}>;
	/** `podman build` of a context holding a static busybox; returns the image ID. */
	build(tag: string, dockerfile: string): Promise<string>;
	stop(): Promise<void>;
};

/** Why podman cannot run here, or undefined (installs it as root on Debian). */
export function podmanUnavailable(): string | undefined {
	if (process.getuid?.() !== 0) return 'the throwaway Podman service runs rootful and needs root';
	return ensurePackage('podman', '/usr/bin/podman');
}

/** Paths podman creates outside its --root when they are missing; removed again only if this helper made them. */
const SIDE_EFFECTS = ['/var/lib/containers', '/etc/cni/net.d/cni.lock'];
/** Directories podman creates (runc's state dir): removed only if this helper made them and they are empty. */
const SIDE_EFFECT_DIRS = ['/run/runc'];

export async function startPodman(): Promise<TestPodman> {
	refuseInUnitRun('Podman');
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-pm-'));
	const socketPath = path.join(dir, 'podman.sock');
	for (const sub of ['root', 'runroot', 'tmp']) mkdirSync(path.join(dir, sub));
	const preexisting = new Set([...SIDE_EFFECTS, ...SIDE_EFFECT_DIRS].filter((file) => existsSync(file)));
	const globalArgs = [
		'--root',
		path.join(dir, 'root'),
		'--runroot',
		path.join(dir, 'runroot'),
		'--tmpdir',
		path.join(dir, 'tmp'),
		'--storage-driver',
		'vfs',
		'--events-backend',
		'file',
		'--cgroup-manager',
		'cgroupfs',
	];
	const env = {...process.env};
	for (const key of ['DOCKER_HOST', 'CONTAINER_HOST', 'CONTAINER_CONNECTION']) delete env[key];

	const podman = (args: string[], options: {input?: string} = {}) =>
		new Promise<{stdout: string; stderr: string}>((resolve, reject) => {
			const child = execFile(
				'podman',
				[...globalArgs, ...args],
				{env, maxBuffer: 64 * 1024 * 1024},
				(error, stdout, stderr) => {
					if (error) reject(new Error(`podman ${args.join(' ')} failed: ${stderr.trim()}`));
					else resolve({stdout, stderr});
				},
			);
			child.stdin?.end(options.input);
		});

	const logFile = path.join(dir, 'service.log');
	const log = openSync(logFile, 'a');
	const child: ChildProcess = spawn(
		'podman',
		[...globalArgs, 'system', 'service', '--time=0', `unix://${socketPath}`],
		{stdio: ['ignore', log, log], env},
	);
	const start = Date.now();
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`podman system service exited with ${child.exitCode}: ${readFileSync(logFile, 'utf8').trim()}`);
		const up =
			existsSync(socketPath) &&
			(await new Promise<boolean>((resolve) => {
				const socket = net.connect({path: socketPath}, () => {
					socket.destroy();
					resolve(true);
				});
				socket.on('error', () => resolve(false));
			}));
		if (up) break;
		if (Date.now() - start > 30_000)
			throw new Error(`podman system service did not listen: ${readFileSync(logFile, 'utf8').trim()}`);
		await sleep(50);
	}

	return {
		dir,
		socketPath,
		host: `unix://${socketPath}`,
		podman,
		build: async (tag, dockerfile) => {
			const context = mkdtempSync(path.join(dir, 'ctx-'));
			copyFileSync(busyboxPath, path.join(context, 'busybox'));
			writeFileSync(path.join(context, 'Dockerfile'), dockerfile);
			const result = await podman(['build', '-q', '--network', 'none', '-t', tag, context]);
			return result.stdout.trim().split('\n').pop()!.trim();
		},
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			rmSync(dir, {recursive: true, force: true, maxRetries: 3});
			for (const file of SIDE_EFFECTS) if (!preexisting.has(file)) rmSync(file, {recursive: true, force: true});
			for (const made of SIDE_EFFECT_DIRS) {
				if (preexisting.has(made)) continue;
				try {
					rmdirSync(made);
				} catch {
					// In use or not empty: not ours to remove.
				}
			}
		},
	};
}
