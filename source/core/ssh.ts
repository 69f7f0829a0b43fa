/**
 * ssh:// endpoints, the way the docker CLI does them: the user's own `ssh` runs `docker system dial-stdio` on
 * the remote host and HTTP is spoken over its stdin/stdout, so ~/.ssh/config, agents, jump hosts and
 * known_hosts all apply.
 *
 * Every HTTP connection is one `docker system dial-stdio` process on the remote; what makes that cheap is
 * OpenSSH connection multiplexing: the first connection becomes a ControlMaster (socket in a private 0700
 * directory) and every later one (event stream, logs, lists, exec) is a new channel over it, with no new
 * handshake. The master is told to exit, and the directory removed, when the client closes (or the process
 * exits); ControlPersist=60 bounds its life if tsdock is killed.
 */
import type {ChildProcess} from 'node:child_process';
import {nodeChildProcess} from './builtin.ts';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Duplex} from 'node:stream';
import type {Endpoint} from './endpoint.ts';
import {TsdockError} from './errors.ts';

export type SshConnectorOptions = {
	/** The ssh program (default: `ssh` from PATH). */
	command?: string;
	/** Share one SSH connection between all HTTP connections (default true). */
	multiplex?: boolean;
	/** Environment for ssh (default: process.env). */
	env?: NodeJS.ProcessEnv;
	/** Channels over the master before further connections get their own SSH connection (sshd's MaxSessions is 10). */
	maxChannels?: number;
};

/** A connector that owns processes: `close()` ends the shared SSH connection and removes its directory. */
export type SshConnector = (() => Duplex) & {
	close: () => Promise<void>;
	readonly controlDir?: string;
	readonly target: string;
};

const NO_PROMPT = '(tsdock does not prompt for passwords: use an ssh agent or key)';

/** The remote as the user wrote it, e.g. "me@box:2222". */
export function sshTarget(endpoint: Endpoint): string {
	const ssh = endpoint.ssh!;
	return `${ssh.user === undefined ? '' : `${ssh.user}@`}${ssh.host}${ssh.port === undefined ? '' : `:${ssh.port}`}`;
}

function destinationArgs(endpoint: Endpoint): string[] {
	const ssh = endpoint.ssh!;
	const args: string[] = [];
	if (ssh.port !== undefined) args.push('-p', String(ssh.port));
	if (ssh.user !== undefined) args.push('-l', ssh.user);
	// "--" ends ssh's own options: a host can never be read as a flag.
	args.push('--', ssh.host);
	return args;
}

const baseOptions = [
	'-o',
	'ConnectTimeout=15',
	'-o',
	'BatchMode=yes',
	'-o',
	'ServerAliveInterval=30',
	'-o',
	'ServerAliveCountMax=3',
];

/** The argv of one dial-stdio connection. `control` undefined: a connection of its own. */
export function sshDialArgs(endpoint: Endpoint, control: string | undefined): string[] {
	const mux =
		control === undefined
			? ['-o', 'ControlMaster=no', '-o', 'ControlPath=none']
			: ['-o', 'ControlMaster=auto', '-o', `ControlPath=${control}`, '-o', 'ControlPersist=60'];
	return [...baseOptions, ...mux, ...destinationArgs(endpoint), 'docker', 'system', 'dial-stdio'];
}

/**
 * Turn ssh's exit code and stderr into one line naming the host. Exit 255 is ssh's own failure; anything else
 * comes from the remote command.
 */
export function sshFailure(endpoint: Endpoint, code: number | null, stderr: string): TsdockError {
	const where = `ssh://${sshTarget(endpoint)}`;
	const text = stderr.replace(/\r/g, '');
	const lines = text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !/^Warning: Permanently added/i.test(line));
	const last = lines.at(-1) ?? (code === null ? 'ssh was killed' : `ssh exited with ${code}`);
	if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No \S+ host key is known/i.test(text)) {
		return new TsdockError(
			'permission',
			`cannot connect to ${where}: host key verification failed (the host is not in known_hosts or its key changed; run \`ssh ${sshTarget(endpoint)}\` once by hand to check and accept it)`,
		);
	}
	if (/Permission denied|Too many authentication failures|no more authentication methods/i.test(text)) {
		return new TsdockError('permission', `cannot log in to ${where}: permission denied ${NO_PROMPT}`);
	}
	if (/Could not resolve hostname/i.test(text))
		return new TsdockError('unreachable', `cannot connect to ${where}: unknown host name`);
	if (/Connection refused/i.test(text))
		return new TsdockError('unreachable', `cannot connect to ${where}: connection refused (is sshd running there?)`);
	if (/timed out/i.test(text)) return new TsdockError('timeout', `cannot connect to ${where}: connection timed out`);
	if (
		code === 127 ||
		/docker: (command )?not found|docker: No such file or directory|exec: "?docker"?: .*not found/i.test(text)
	) {
		return new TsdockError(
			'config',
			`no docker command on ${where}: tsdock runs \`docker system dial-stdio\` there, so the Docker CLI must be on the PATH of non-interactive ssh sessions`,
		);
	}
	if (
		/unknown command "dial-stdio"|docker: 'system dial-stdio' is not a docker command|Usage:\s+docker system COMMAND/i.test(
			text,
		)
	) {
		return new TsdockError(
			'config',
			`the docker command on ${where} is too old for \`docker system dial-stdio\` (needs Docker 18.09+)`,
		);
	}
	if (
		/Cannot connect to the Docker daemon|Is the docker daemon running|permission denied while trying to connect/i.test(
			text,
		)
	) {
		return new TsdockError('unreachable', `the Docker daemon on ${where} is not reachable: ${last}`);
	}
	return new TsdockError('unreachable', `cannot connect to the Docker daemon at ${where}: ${last}`);
}

/** Private runtime directory for control sockets: $XDG_RUNTIME_DIR when usable, else the temp dir. Short, since socket paths are limited to 108 bytes. */
function makeControlDir(env: NodeJS.ProcessEnv): string {
	const runtime = env.XDG_RUNTIME_DIR;
	const base = runtime && runtime.length < 40 && existsSync(runtime) ? runtime : tmpdir();
	// mkdtemp creates the directory with mode 0700.
	return mkdtempSync(path.join(base, 'tsdock-ssh-'));
}

const liveConnectors = new Set<{closeSync: () => void}>();
let exitHookInstalled = false;
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const connector of liveConnectors) connector.closeSync();
	});
}

/** A Duplex over an ssh child's stdio that can exist before the child does (while the master comes up). */
class SshStream extends Duplex {
	constructor() {
		// When the daemon's side ends, ours ends too, so the remote dial-stdio exits.
		super({allowHalfOpen: false});
	}

	child?: ChildProcess;
	private pending: Array<{chunk: Buffer; callback: (error?: Error | null) => void}> = [];
	private endPending = false;
	private referenced = true;
	stderr = '';

	attach(child: ChildProcess, onFailure: (code: number | null, stderr: string) => TsdockError): void {
		if (this.destroyed) {
			child.kill();
			return;
		}
		this.child = child;
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			if (this.stderr.length < 8192) this.stderr += chunk;
		});
		let gotData = false;
		child.stdout!.on('data', (chunk: Buffer) => {
			gotData = true;
			if (!this.push(chunk)) child.stdout!.pause();
		});
		// The daemon closed a connection that worked: EOF now (dial-stdio itself exits only once stdin ends too).
		// Without any data, wait for the exit status to tell EOF from an ssh failure.
		child.stdout!.on('end', () => {
			if (gotData && !this.destroyed) this.push(null);
		});
		child.stdin!.on('error', () => {});
		child.on('error', (error: NodeJS.ErrnoException) => {
			const message = error.code === 'ENOENT' ? 'no "ssh" command on this machine' : `cannot run ssh: ${error.message}`;
			this.destroy(new TsdockError('unreachable', message));
		});
		// 'close' comes after the exit and after stdout has ended: the right moment to tell EOF from failure.
		child.on('close', (code) => {
			if (this.destroyed || this.readableEnded) return;
			if (code === 0 || gotData) this.push(null);
			else this.destroy(onFailure(code, this.stderr));
		});
		if (!this.referenced) this.unref();
		for (const {chunk, callback} of this.pending) child.stdin!.write(chunk, callback);
		this.pending = [];
		if (this.endPending) child.stdin!.end();
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		if (this.child) this.child.stdin!.write(chunk, callback);
		else this.pending.push({chunk, callback});
	}

	override _final(callback: (error?: Error | null) => void): void {
		if (this.child) this.child.stdin!.end();
		else this.endPending = true;
		callback();
	}

	override _read(): void {
		this.child?.stdout!.resume();
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
		for (const {callback: done} of this.pending) done(error ?? new Error('closed'));
		this.pending = [];
		callback(error);
	}

	// What http.Agent expects of a socket it keeps alive.
	setKeepAlive(): this {
		return this;
	}
	setNoDelay(): this {
		return this;
	}
	setTimeout(_ms: number, callback?: () => void): this {
		if (callback) this.once('timeout', callback);
		return this;
	}
	ref(): this {
		this.referenced = true;
		const child = this.child;
		if (child) {
			child.ref();
			for (const stream of [child.stdin, child.stdout, child.stderr])
				(stream as unknown as {ref?: () => void} | null)?.ref?.();
		}
		return this;
	}
	unref(): this {
		this.referenced = false;
		const child = this.child;
		if (child) {
			child.unref();
			for (const stream of [child.stdin, child.stdout, child.stderr])
				(stream as unknown as {unref?: () => void} | null)?.unref?.();
		}
		return this;
	}
}

const isControlSocket = (name: string) => /^m\d+-[0-9a-f]{40}$/.test(name);

/** One shared SSH connection: its control socket and how many channels (HTTP connections) it carries. */
type Master = {prefix: string; socket?: string; starting?: Promise<void>; channels: number};

/**
 * A Connector for an ssh:// endpoint. With multiplexing on, the first connection brings a master up and the
 * ones asked for meanwhile wait for it, so a burst of requests at start-up costs one handshake, not several.
 * A master carries at most `maxChannels` channels (sshd refuses sessions past MaxSessions, 10 by default);
 * past that a second master is started, and so on.
 */
export function sshConnector(endpoint: Endpoint, options: SshConnectorOptions = {}): SshConnector {
	if (endpoint.kind !== 'ssh' || !endpoint.ssh)
		throw new TsdockError('config', `${endpoint.url} is not an ssh:// host`);
	const command = options.command ?? 'ssh';
	const multiplex = options.multiplex ?? true;
	const maxChannels = Math.max(1, options.maxChannels ?? 8);
	const env = options.env ?? process.env;
	const target = sshTarget(endpoint);
	const failure = (code: number | null, stderr: string) => sshFailure(endpoint, code, stderr);

	let controlDir: string | undefined;
	const masters: Master[] = [];
	let closed = false;

	const dir = () => {
		if (!controlDir) {
			controlDir = makeControlDir(env);
			installExitHook();
			liveConnectors.add(handle);
		}
		return controlDir;
	};
	const controlPath = (master: Master) => path.join(dir(), `${master.prefix}%C`);

	const findSocket = (master: Master): string | undefined => {
		if (!controlDir) return undefined;
		try {
			const name = readdirSync(controlDir).find((entry) => entry.startsWith(master.prefix) && isControlSocket(entry));
			return name === undefined ? undefined : path.join(controlDir, name);
		} catch {
			return undefined;
		}
	};

	const spawnChannel = (stream: SshStream, control: string | undefined, release: () => void) => {
		if (stream.destroyed) {
			release();
			return undefined;
		}
		const child = nodeChildProcess().spawn(command, sshDialArgs(endpoint, control), {
			stdio: ['pipe', 'pipe', 'pipe'],
			env,
		});
		child.once('close', release);
		child.once('error', release);
		stream.attach(child, failure);
		return child;
	};

	/** The master's first channel: ssh logs in, forks the master into the background and carries on as a channel. */
	const startMaster = (master: Master, stream: SshStream, release: () => void) => {
		const child = spawnChannel(stream, controlPath(master), release);
		if (!child) return;
		master.starting = new Promise<void>((resolve) => {
			const done = () => {
				clearInterval(poll);
				clearTimeout(limit);
				master.starting = undefined;
				resolve();
			};
			const poll = setInterval(() => {
				const socket = findSocket(master);
				if (socket) {
					master.socket = socket;
					done();
				}
			}, 15);
			// Failed (auth, host key, …): the next connection tries again and reports its own error.
			child.once('close', done);
			const limit = setTimeout(done, 20_000);
			poll.unref();
			limit.unref();
		});
	};

	const pickMaster = (): Master => {
		for (const master of masters) if (master.channels < maxChannels) return master;
		const master: Master = {prefix: `m${masters.length}-`, channels: 0};
		masters.push(master);
		return master;
	};

	const connect = (): Duplex => {
		const stream = new SshStream();
		if (closed) {
			process.nextTick(() =>
				stream.destroy(new TsdockError('unreachable', `the connection to ssh://${target} was closed`)),
			);
			return stream;
		}
		if (!multiplex) {
			spawnChannel(stream, undefined, () => {});
			return stream;
		}
		const master = pickMaster();
		master.channels++;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			master.channels--;
		};
		stream.once('close', () => {
			if (!stream.child) release();
		});
		if (master.socket && !existsSync(master.socket)) master.socket = undefined; // ControlPersist expired: start over.
		if (master.starting) {
			void master.starting.then(() => {
				if (master.socket) spawnChannel(stream, controlPath(master), release);
				else if (master.starting) void master.starting.then(() => spawnChannel(stream, controlPath(master), release));
				else startMaster(master, stream, release);
			});
		} else if (!master.socket) {
			startMaster(master, stream, release);
		} else {
			spawnChannel(stream, controlPath(master), release);
		}
		return stream;
	};

	const liveMasters = () => masters.filter((master) => (master.socket = findSocket(master)) !== undefined);
	const exitArgs = (master: Master) => [
		'-o',
		`ControlPath=${controlPath(master)}`,
		'-O',
		'exit',
		...destinationArgs(endpoint),
	];
	const forget = () => {
		if (controlDir) rmSync(controlDir, {recursive: true, force: true});
		controlDir = undefined;
		masters.length = 0;
	};

	/** Mark the connector closed; the masters still to be told to exit (none when there is no control dir). */
	const beginClose = (): Master[] => {
		closed = true;
		liveConnectors.delete(handle);
		return controlDir ? liveMasters() : [];
	};

	const closeSync = () => {
		for (const master of beginClose())
			nodeChildProcess().spawnSync(command, exitArgs(master), {stdio: 'ignore', env, timeout: 5000});
		forget();
	};

	const close = async () => {
		await Promise.all(
			beginClose().map(
				(master) =>
					new Promise<void>((resolve) => {
						const child = nodeChildProcess().spawn(command, exitArgs(master), {stdio: 'ignore', env});
						const timer = setTimeout(() => child.kill(), 5000);
						child.on('error', () => resolve());
						child.on('close', () => {
							clearTimeout(timer);
							resolve();
						});
					}),
			),
		);
		forget();
	};

	const handle = {closeSync};
	const connector = Object.assign(connect, {close, target});
	Object.defineProperty(connector, 'controlDir', {get: () => controlDir, enumerable: true});
	return connector as SshConnector;
}

/** The control sockets of the shared SSH connections that are up (for tests and diagnostics). */
export function sshControlSockets(connector: SshConnector): string[] {
	const dir = connector.controlDir;
	if (!dir || !existsSync(dir)) return [];
	return readdirSync(dir).filter(isControlSocket);
}
