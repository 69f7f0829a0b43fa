import net from 'node:net';
import tls from 'node:tls';
import {spawn} from 'node:child_process';
import {Duplex} from 'node:stream';
import type {Endpoint} from './endpoint.ts';
import {TsdockError} from './errors.ts';

/** Opens one raw byte stream to the daemon; HTTP is spoken on top of it. */
export type Connector = () => Duplex;

function sshArgs(endpoint: Endpoint): string[] {
	const ssh = endpoint.ssh!;
	const args: string[] = ['-o', 'ConnectTimeout=15', '-o', 'BatchMode=yes'];
	if (ssh.port !== undefined) args.push('-p', String(ssh.port));
	if (ssh.user !== undefined) args.push('-l', ssh.user);
	// "--" ends ssh's own options: a host can never be read as a flag.
	args.push('--', ssh.host, 'docker', 'system', 'dial-stdio');
	return args;
}

/**
 * ssh:// endpoints: the user's own `ssh` runs `docker system dial-stdio` on the remote host, as the docker
 * CLI does, so ~/.ssh/config, agents, jump hosts and known_hosts all apply.
 */
function sshConnector(endpoint: Endpoint, sshCommand = 'ssh'): Connector {
	return () => {
		const child = spawn(sshCommand, sshArgs(endpoint), {stdio: ['pipe', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			if (stderr.length < 4096) stderr += chunk;
		});
		const duplex = new Duplex({
			write(chunk, _encoding, callback) {
				child.stdin.write(chunk, callback);
			},
			final(callback) {
				child.stdin.end();
				callback();
			},
			read() {
				child.stdout.resume();
			},
			destroy(error, callback) {
				child.kill();
				callback(error);
			},
		});
		child.stdout.on('data', (chunk: Buffer) => {
			if (!duplex.push(chunk)) child.stdout.pause();
		});
		child.stdout.on('end', () => duplex.push(null));
		child.on('error', (error: NodeJS.ErrnoException) => {
			const message = error.code === 'ENOENT' ? `cannot reach ${endpoint.url}: no "ssh" command on this machine` : `cannot run ssh for ${endpoint.url}: ${error.message}`;
			duplex.destroy(new TsdockError('unreachable', message));
		});
		child.on('exit', (code) => {
			if (code !== 0 && code !== null) {
				const reason = stderr.trim().split('\n').pop() ?? `ssh exited with ${code}`;
				duplex.destroy(new TsdockError('unreachable', `cannot connect to the Docker daemon at ${endpoint.url}: ${reason || `ssh exited with ${code}`}`));
			}
		});
		child.stdin.on('error', () => {});
		return duplex;
	};
}

export function connectorFor(endpoint: Endpoint): Connector {
	switch (endpoint.kind) {
		case 'unix':
			return () => net.connect({path: endpoint.socketPath!});
		case 'tcp': {
			if (!endpoint.tls) return () => net.connect({host: endpoint.host!, port: endpoint.port!});
			const material = endpoint.tls;
			return () =>
				tls.connect({
					host: endpoint.host!,
					port: endpoint.port!,
					servername: net.isIP(endpoint.host!) ? undefined : endpoint.host,
					ca: material.ca,
					cert: material.cert,
					key: material.key,
					rejectUnauthorized: material.verify,
				});
		}
		case 'ssh':
			return sshConnector(endpoint);
	}
}
