/**
 * A throwaway Docker daemon for tests: its own data-root, exec-root, pidfile and unix socket under a temp dir,
 * no bridge, no iptables. It never touches the machine's default daemon or anyone's images.
 */
import {spawn, execFile, type ChildProcess} from 'node:child_process';
import {mkdtempSync, mkdirSync, existsSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {refuseInUnitRun} from './unit-guard.ts';

export type DockerResult = {stdout: string; stderr: string; exitCode: number};

export type TestDaemon = {
	dir: string;
	socketPath: string;
	/** unix:///…/docker.sock */
	host: string;
	/** process.env with DOCKER_HOST pointing at this daemon (and nothing pointing elsewhere). */
	env: NodeJS.ProcessEnv;
	/** Run the docker CLI (Debian's, /usr/bin/docker) against this daemon with an argv array. */
	docker(args: string[], options?: {input?: string; allowFail?: boolean}): Promise<DockerResult>;
	/** Stop the daemon (SIGTERM, then SIGKILL) and keep its data for a restart. */
	pause(): Promise<void>;
	/** Start it again on the same data-root and socket. */
	resume(): Promise<void>;
	/** Stop the daemon and remove everything it made. */
	stop(): Promise<void>;
};

/** The docker CLI used to check answers: Debian's (same release as the daemon) when present. */
export const dockerCli = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

const dockerdPath = existsSync('/usr/sbin/dockerd') ? '/usr/sbin/dockerd' : 'dockerd';

export function runDocker(
	host: string,
	args: string[],
	options: {input?: string; allowFail?: boolean; env?: Record<string, string>} = {},
): Promise<DockerResult> {
	return new Promise((resolve, reject) => {
		const child = execFile(
			dockerCli,
			['--host', host, ...args],
			{maxBuffer: 256 * 1024 * 1024, env: {...cleanEnv(), DOCKER_HOST: host, ...options.env}},
			(error, stdout, stderr) => {
				const exitCode = error
					? typeof (error as {code?: unknown}).code === 'number'
						? (error as {code: number}).code
						: 1
					: 0;
				if (exitCode !== 0 && !options.allowFail) {
					reject(new Error(`docker ${args.join(' ')} failed (${exitCode}): ${stderr.trim()}`));
					return;
				}
				resolve({stdout, stderr, exitCode});
			},
		);
		if (options.input !== undefined) child.stdin?.end(options.input);
		else child.stdin?.end();
	});
}

function cleanEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	for (const key of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_TLS'])
		delete env[key];
	return env;
}

async function waitForSocket(
	socketPath: string,
	child: ChildProcess,
	logFile: string,
	timeoutMs = 60_000,
): Promise<void> {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		if (child.exitCode !== null) {
			const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
			throw new Error(`dockerd exited with ${child.exitCode} before it was ready:\n${log}`);
		}
		if (existsSync(socketPath)) {
			const ok = await runDocker(`unix://${socketPath}`, ['version', '--format', '{{.Server.Version}}'], {
				allowFail: true,
			});
			if (ok.exitCode === 0) return;
		}
		await sleep(100);
	}
	throw new Error(`dockerd did not become ready within ${timeoutMs} ms (log: ${logFile})`);
}

export type StartDaemonOptions = {
	/** Extra dockerd arguments, e.g. another `--host tcp://127.0.0.1:PORT` with `--tlsverify` and its certificates. */
	extraArgs?: string[];
};

export async function startDaemon(options: StartDaemonOptions = {}): Promise<TestDaemon> {
	refuseInUnitRun('a Docker daemon');
	if (process.getuid?.() !== 0)
		throw new Error('the test daemon needs root (run the tests as root, e.g. in CI or with sudo)');
	// Short paths: unix socket paths are limited to 108 bytes.
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-'));
	const socketPath = path.join(dir, 'docker.sock');
	const logFile = path.join(dir, 'dockerd.log');
	mkdirSync(path.join(dir, 'data'));
	mkdirSync(path.join(dir, 'exec'));
	const host = `unix://${socketPath}`;
	let child: ChildProcess | undefined;

	const launch = async () => {
		const {openSync} = await import('node:fs');
		const log = openSync(logFile, 'a');
		child = spawn(
			dockerdPath,
			[
				'--data-root',
				path.join(dir, 'data'),
				'--exec-root',
				path.join(dir, 'exec'),
				'--pidfile',
				path.join(dir, 'docker.pid'),
				'--host',
				host,
				'--bridge=none',
				'--iptables=false',
				'--ip-masq=false',
				'--ip6tables=false',
				'--userland-proxy=false',
				'--containerd-namespace',
				`tsd-${path.basename(dir)}`,
				'--containerd-plugins-namespace',
				`tsdp-${path.basename(dir)}`,
				...(options.extraArgs ?? []),
			],
			{stdio: ['ignore', log, log], env: cleanEnv(), detached: false},
		);
		// If the test process ends without stop() (a crash, a cancelled test), the daemon must not outlive it.
		const started = child;
		const reap = () => {
			if (started.exitCode === null) started.kill('SIGTERM');
		};
		process.once('exit', reap);
		started.once('exit', () => process.off('exit', reap));
		await waitForSocket(socketPath, child, logFile);
	};

	const halt = async () => {
		const current = child;
		if (!current || current.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
		current.kill('SIGTERM');
		const timer = setTimeout(() => current.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	};

	await launch();
	const daemon: TestDaemon = {
		dir,
		socketPath,
		host,
		env: {...cleanEnv(), DOCKER_HOST: host},
		docker: (args, options) => runDocker(host, args, options),
		pause: halt,
		resume: launch,
		stop: async () => {
			try {
				const ids = await runDocker(host, ['ps', '-aq'], {allowFail: true});
				const list = ids.stdout.split('\n').filter(Boolean);
				if (list.length > 0) await runDocker(host, ['rm', '-f', ...list], {allowFail: true});
				// A user network outlives its daemon as a bridge interface on the host: remove every one first.
				const networks = await runDocker(host, ['network', 'ls', '--filter', 'type=custom', '--format', '{{.ID}}'], {
					allowFail: true,
				});
				const made = networks.stdout.split('\n').filter(Boolean);
				if (made.length > 0) await runDocker(host, ['network', 'rm', ...made], {allowFail: true});
			} catch {
				// The daemon may already be gone.
			}
			await halt();
			// Overlay mounts under the data root must go before the files.
			await new Promise<void>((resolve) => execFile('umount', ['-R', path.join(dir, 'data')], () => resolve()));
			rmSync(dir, {recursive: true, force: true, maxRetries: 3});
		},
	};
	return daemon;
}
