/**
 * A throwaway OpenSSH server on 127.0.0.1 for ssh:// tests (Debian's openssh-server, run as root in the
 * foreground): its own host key, one authorized client key, and a throwaway HOME whose ~/.ssh/config names
 * the aliases below. Its `docker` is Debian's 20.10 CLI pointed at a test daemon (SetEnv DOCKER_HOST), so
 * `ssh … docker system dial-stdio` reaches the throwaway daemon.
 *
 * ssh reads ~/.ssh/config from the passwd entry, not $HOME, so `env.PATH` starts with a `ssh` wrapper that
 * adds `-F <home>/.ssh/config`; tsdock still just runs `ssh` from PATH.
 *
 * Aliases: tsd-remote (good key), tsd-badkey (a key sshd does not know), tsd-unknown (empty known_hosts),
 * tsd-nodocker (second port, where the session PATH has no docker); ssh://root@127.0.0.1:PORT works directly.
 */
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import net from 'node:net';
import {dockerCli} from './daemon.ts';
import {ensurePackage, freePort} from './tls.ts';
import {refuseInUnitRun} from './unit-guard.ts';

export type TestSshd = {
	dir: string;
	port: number;
	/** The port whose sessions have no docker on PATH. */
	noDockerPort: number;
	home: string;
	/** HOME and PATH (with the ssh wrapper first) for tsdock. */
	env: NodeJS.ProcessEnv;
	/** The ssh wrapper (reads the throwaway config). */
	sshCommand: string;
	/** Successful logins so far (sshd's "Accepted publickey" lines): one per SSH handshake. */
	logins(): number;
	log(): string;
	stop(): Promise<void>;
};

/** Why sshd cannot run here, or undefined when it can (installs openssh-server as root on Debian). */
export function sshdUnavailable(): string | undefined {
	if (process.getuid?.() !== 0) return 'the throwaway sshd needs root';
	return ensurePackage('openssh-server', '/usr/sbin/sshd') ?? ensurePackage('openssh-client', '/usr/bin/ssh');
}

const keygen = (file: string, comment: string) =>
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], {stdio: 'ignore'});

/** Direct children of a process, from /proc. */
function childrenOf(pid: number | undefined): number[] {
	if (pid === undefined) return [];
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) found.push(Number(entry));
		} catch {
			// Exited meanwhile.
		}
	}
	return found;
}

async function waitForPort(port: number, child: ChildProcess, logFile: string): Promise<void> {
	const start = Date.now();
	while (Date.now() - start < 20_000) {
		if (child.exitCode !== null)
			throw new Error(`sshd exited with ${child.exitCode}: ${readFileSync(logFile, 'utf8').trim()}`);
		const open = await new Promise<boolean>((resolve) => {
			const socket = net.connect({host: '127.0.0.1', port}, () => {
				socket.destroy();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		await sleep(50);
	}
	throw new Error(`sshd did not listen on ${port}: ${readFileSync(logFile, 'utf8').trim()}`);
}

export async function startSshd(options: {dockerHost: string}): Promise<TestSshd> {
	refuseInUnitRun('sshd');
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-ssh-'));
	const port = await freePort();
	const noDockerPort = await freePort();
	const home = path.join(dir, 'home');
	const sshDir = path.join(home, '.ssh');
	const binDir = path.join(home, 'bin');
	const remoteBin = path.join(dir, 'remote-bin');
	for (const made of [sshDir, binDir, remoteBin]) mkdirSync(made, {recursive: true, mode: 0o700});
	// sshd refuses to start without its privilege separation directory.
	if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', {mode: 0o755});

	keygen(path.join(dir, 'host_key'), 'tsd host');
	keygen(path.join(dir, 'client_key'), 'tsd client');
	keygen(path.join(dir, 'bad_key'), 'tsd stranger');
	writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
	// The remote's docker: Debian's 20.10 CLI, which has `system dial-stdio`.
	symlinkSync(dockerCli, path.join(remoteBin, 'docker'));

	const config = path.join(dir, 'sshd_config');
	writeFileSync(
		config,
		[
			`ListenAddress 127.0.0.1:${port}`,
			`ListenAddress 127.0.0.1:${noDockerPort}`,
			`HostKey ${path.join(dir, 'host_key')}`,
			`PidFile ${path.join(dir, 'sshd.pid')}`,
			`AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
			'UsePAM no',
			'StrictModes no',
			'PermitRootLogin yes',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'LogLevel VERBOSE',
			'Subsystem sftp internal-sftp',
			`Match LocalPort ${port}`,
			`  SetEnv DOCKER_HOST=${options.dockerHost} PATH=${remoteBin}:/usr/bin:/bin`,
			`Match LocalPort ${noDockerPort}`,
			`  SetEnv PATH=${path.join(dir, 'empty-bin')}`,
			'',
		].join('\n'),
	);

	const hostKey = readFileSync(path.join(dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
	writeFileSync(
		path.join(sshDir, 'known_hosts'),
		[`[127.0.0.1]:${port} ${hostKey}`, `[127.0.0.1]:${noDockerPort} ${hostKey}`, ''].join('\n'),
	);
	writeFileSync(path.join(sshDir, 'known_hosts_empty'), '');
	const clientKey = path.join(dir, 'client_key');
	const block = (alias: string, lines: string[]) => [`Host ${alias}`, ...lines.map((line) => `  ${line}`)];
	writeFileSync(
		path.join(sshDir, 'config'),
		[
			...block('tsd-remote', ['HostName 127.0.0.1', `Port ${port}`, 'User root', `IdentityFile ${clientKey}`]),
			...block('tsd-badkey', [
				'HostName 127.0.0.1',
				`Port ${port}`,
				'User root',
				`IdentityFile ${path.join(dir, 'bad_key')}`,
			]),
			...block('tsd-unknown', [
				'HostName 127.0.0.1',
				`Port ${port}`,
				'User root',
				`IdentityFile ${clientKey}`,
				`UserKnownHostsFile ${path.join(sshDir, 'known_hosts_empty')}`,
			]),
			...block('tsd-nodocker', [
				'HostName 127.0.0.1',
				`Port ${noDockerPort}`,
				'User root',
				`IdentityFile ${clientKey}`,
			]),
			...block('127.0.0.1', [`IdentityFile ${clientKey}`]),
			...block('*', [
				'IdentitiesOnly yes',
				'IdentityAgent none',
				`UserKnownHostsFile ${path.join(sshDir, 'known_hosts')}`,
				'GlobalKnownHostsFile /dev/null',
				'StrictHostKeyChecking yes',
				'UpdateHostKeys no',
				'LogLevel ERROR',
			]),
			'',
		].join('\n'),
	);
	const sshCommand = path.join(binDir, 'ssh');
	writeFileSync(sshCommand, `#!/bin/sh\nexec /usr/bin/ssh -F ${path.join(sshDir, 'config')} "$@"\n`);
	chmodSync(sshCommand, 0o755);

	const logFile = path.join(dir, 'sshd.log');
	const log = openSync(logFile, 'a');
	const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], {stdio: ['ignore', log, log]});
	await waitForPort(port, child, logFile);
	await waitForPort(noDockerPort, child, logFile);

	const env: NodeJS.ProcessEnv = {...process.env, HOME: home, PATH: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`};
	for (const key of [
		'DOCKER_HOST',
		'DOCKER_CONTEXT',
		'DOCKER_TLS_VERIFY',
		'DOCKER_CERT_PATH',
		'DOCKER_TLS',
		'DOCKER_CONFIG',
		'SSH_AUTH_SOCK',
	])
		delete env[key];
	const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	return {
		dir,
		port,
		noDockerPort,
		home,
		env,
		sshCommand,
		log: readLog,
		logins: () =>
			readLog()
				.split('\n')
				.filter((line) => /Accepted publickey for/.test(line)).length,
		stop: async () => {
			// Session processes (one per SSH connection) outlive the listener: end them first, by pid.
			for (const pid of childrenOf(child.pid)) {
				try {
					process.kill(pid, 'SIGTERM');
				} catch {
					// Already gone.
				}
			}
			if (child.exitCode === null) {
				const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
