/**
 * Throwaway TLS material for a test daemon (CA, server certificate for 127.0.0.1, client certificate, and an
 * unrelated CA), made with openssl from argv arrays. Also: install a Debian package a test needs (as root on
 * Debian), and find a free loopback port.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync, copyFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {refuseInUnitRun} from './unit-guard.ts';

let aptUpdated = false;

/**
 * Make sure `file` exists, installing Debian package `pkg` when it does not (root on Debian only).
 * Returns undefined when it is there, else the reason it cannot be (for t.skip).
 */
export function ensurePackage(pkg: string, file: string): string | undefined {
	refuseInUnitRun(`apt-get (${pkg})`);
	if (existsSync(file)) return undefined;
	const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
	if (process.getuid?.() !== 0 || !isDebian)
		return `${file} is missing: install the Debian package ${pkg} (apt-get install ${pkg})`;
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	const apt = (args: string[]) =>
		spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
			stdio: ['ignore', 'ignore', 'pipe'],
			env,
			encoding: 'utf8',
		});
	for (let attempt = 0; attempt < 3 && !existsSync(file); attempt++) {
		if (!aptUpdated) aptUpdated = apt(['update', '-qq']).status === 0;
		const result = apt(['install', '-y', '-qq', '--no-install-recommends', pkg]);
		if (result.status !== 0 && attempt === 2)
			return `apt-get install ${pkg} failed: ${(result.stderr ?? '').trim().split('\n').pop()}`;
	}
	return existsSync(file) ? undefined : `${pkg} installed but ${file} is still missing`;
}

/** A free TCP port on 127.0.0.1 (free now; the caller binds it right away). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as net.AddressInfo).port;
			server.close(() => resolve(port));
		});
	});
}

export type TlsFiles = {
	dir: string;
	caCert: string;
	serverCert: string;
	serverKey: string;
	/** A DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem. */
	clientDir: string;
	clientCert: string;
	clientKey: string;
	/** A DOCKER_CERT_PATH whose ca.pem is another CA (the daemon's certificate does not chain to it). */
	wrongCaDir: string;
	/** A DOCKER_CERT_PATH with the right CA but no client certificate. */
	noCertDir: string;
	/** A client certificate signed by the other CA (the daemon must refuse it). */
	rogueDir: string;
};

const openssl = (args: string[], cwd: string) =>
	execFileSync('openssl', args, {cwd, stdio: ['ignore', 'pipe', 'pipe']});

function newKeyAndCsr(cwd: string, key: string, csr: string, subject: string): void {
	openssl(
		[
			'req',
			'-new',
			'-nodes',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-keyout',
			key,
			'-out',
			csr,
			'-subj',
			subject,
		],
		cwd,
	);
}

function newCa(cwd: string, key: string, cert: string, subject: string): void {
	openssl(
		[
			'req',
			'-x509',
			'-new',
			'-nodes',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'2',
			'-subj',
			subject,
		],
		cwd,
	);
}

function sign(cwd: string, csr: string, ca: string, caKey: string, out: string, extensions: string): void {
	const extFile = `${out}.ext`;
	writeFileSync(path.join(cwd, extFile), extensions);
	openssl(
		[
			'x509',
			'-req',
			'-in',
			csr,
			'-CA',
			ca,
			'-CAkey',
			caKey,
			'-CAcreateserial',
			'-out',
			out,
			'-days',
			'2',
			'-extfile',
			extFile,
		],
		cwd,
	);
}

/** CA + server (SAN IP:127.0.0.1) + client certificates under `dir`. */
export function makeTlsFiles(dir: string): TlsFiles {
	mkdirSync(dir, {recursive: true});
	newCa(dir, 'ca-key.pem', 'ca.pem', '/CN=tsdock test CA');
	newCa(dir, 'other-ca-key.pem', 'other-ca.pem', '/CN=some other CA');
	newKeyAndCsr(dir, 'server-key.pem', 'server.csr', '/CN=127.0.0.1');
	sign(
		dir,
		'server.csr',
		'ca.pem',
		'ca-key.pem',
		'server-cert.pem',
		'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
	);
	newKeyAndCsr(dir, 'client-key.pem', 'client.csr', '/CN=tsdock client');
	sign(dir, 'client.csr', 'ca.pem', 'ca-key.pem', 'client-cert.pem', 'extendedKeyUsage=clientAuth\n');
	newKeyAndCsr(dir, 'rogue-key.pem', 'rogue.csr', '/CN=rogue client');
	sign(dir, 'rogue.csr', 'other-ca.pem', 'other-ca-key.pem', 'rogue-cert.pem', 'extendedKeyUsage=clientAuth\n');

	const certDir = (name: string, files: {ca: string; cert?: string; key?: string}) => {
		const target = path.join(dir, name);
		mkdirSync(target);
		copyFileSync(path.join(dir, files.ca), path.join(target, 'ca.pem'));
		if (files.cert) copyFileSync(path.join(dir, files.cert), path.join(target, 'cert.pem'));
		if (files.key) copyFileSync(path.join(dir, files.key), path.join(target, 'key.pem'));
		return target;
	};
	const clientDir = certDir('client', {ca: 'ca.pem', cert: 'client-cert.pem', key: 'client-key.pem'});
	return {
		dir,
		caCert: path.join(dir, 'ca.pem'),
		serverCert: path.join(dir, 'server-cert.pem'),
		serverKey: path.join(dir, 'server-key.pem'),
		clientDir,
		clientCert: path.join(clientDir, 'cert.pem'),
		clientKey: path.join(clientDir, 'key.pem'),
		wrongCaDir: certDir('wrong-ca', {ca: 'other-ca.pem', cert: 'client-cert.pem', key: 'client-key.pem'}),
		noCertDir: certDir('no-cert', {ca: 'ca.pem'}),
		rogueDir: certDir('rogue', {ca: 'ca.pem', cert: 'rogue-cert.pem', key: 'rogue-key.pem'}),
	};
}

/** dockerd arguments for an extra TLS-verified listener on 127.0.0.1:port. */
export function tlsDaemonArgs(files: TlsFiles, port: number): string[] {
	return [
		'--host',
		`tcp://127.0.0.1:${port}`,
		'--tlsverify',
		'--tlscacert',
		files.caCert,
		'--tlscert',
		files.serverCert,
		'--tlskey',
		files.serverKey,
	];
}
