/**
 * tcp:// with mutual TLS against a throwaway daemon that also listens on 127.0.0.1 with --tlsverify, using
 * certificates made by openssl: lists equal the docker CLI's; a wrong CA, a missing client certificate and a
 * certificate from another CA fail with kind 'tls' and one clear line; there is never a fall-back to plain TCP.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {ensurePackage, freePort, makeTlsFiles, tlsDaemonArgs, type TlsFiles} from './helpers/tls.ts';
import {runCli} from './helpers/cli.ts';
import {
	TsdockError,
	createClient,
	listContainers,
	listImages,
	listVolumes,
	systemVersion,
} from '../source/core/index.ts';
import {engineName} from '../source/core/hosts.ts';

const unavailable = ensurePackage('openssl', '/usr/bin/openssl');
let daemon: TestDaemon;
let files: TlsFiles;
let port: number;
let tcpHost: string;
let certRoot: string;

before(async () => {
	if (unavailable) return;
	certRoot = mkdtempSync(path.join(tmpdir(), 'tsd-tls-'));
	files = makeTlsFiles(certRoot);
	port = await freePort();
	tcpHost = `tcp://127.0.0.1:${port}`;
	daemon = await startDaemon({extraArgs: tlsDaemonArgs(files, port)});
	await buildBase(daemon);
	await daemon.docker(['volume', 'create', 'tsd-tls-vol']);
	await daemon.docker(['create', '--name', 'tsd-tls-idle', 'tsd-base:1', 'true']);
});

after(async () => {
	await daemon?.stop();
	if (certRoot) rmSync(certRoot, {recursive: true, force: true});
});

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
const tlsEnv = (certPath: string): NodeJS.ProcessEnv => ({
	HOME: certRoot,
	DOCKER_HOST: tcpHost,
	DOCKER_TLS_VERIFY: '1',
	DOCKER_CERT_PATH: certPath,
});

function expectTlsError(pattern: RegExp) {
	return (error: unknown) => {
		assert.ok(error instanceof TsdockError, `a TsdockError, got ${String(error)}`);
		assert.equal(error.kind, 'tls', error.message);
		assert.match(error.message, pattern);
		assert.ok(error.message.includes(tcpHost), 'names the endpoint');
		assert.ok(!error.message.includes('\n'), 'one line');
		return true;
	};
}

test('DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: lists over mutual TLS equal the docker CLI over the socket', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const client = createClient({env: tlsEnv(files.clientDir)});
	try {
		assert.equal(client.endpoint.kind, 'tcp');
		assert.equal(client.endpoint.tls?.verify, true);
		const [containers, images, volumes] = await Promise.all([
			listContainers(client, {all: true}),
			listImages(client, {all: true}),
			listVolumes(client),
		]);
		assert.deepEqual(
			new Set(containers.map((container) => container.Id)),
			new Set(lines((await daemon.docker(['ps', '-a', '-q', '--no-trunc'])).stdout)),
		);
		assert.deepEqual(
			new Set(images.map((image) => image.Id)),
			new Set(lines((await daemon.docker(['images', '-a', '-q', '--no-trunc'])).stdout)),
		);
		assert.deepEqual(
			new Set(volumes.map((volume) => volume.Name)),
			new Set(lines((await daemon.docker(['volume', 'ls', '-q'])).stdout)),
		);
		assert.ok(containers.length >= 1 && volumes.some((volume) => volume.Name === 'tsd-tls-vol'));
		assert.equal(await engineName(client), 'Docker', 'dockerd sends no Libpod-Api-Version');
		const started = Date.now();
		for (let i = 0; i < 20; i++) await systemVersion(client);
		t.diagnostic(`${((Date.now() - started) / 20).toFixed(1)} ms per request over TLS (keep-alive)`);
	} finally {
		client.close();
	}
});

test('the --tlsverify --tlscacert --tlscert --tlskey flags of dist/cli.js, and the same as environment', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const flags = [
		'--host',
		tcpHost,
		'--tlsverify',
		'--tlscacert',
		files.caCert,
		'--tlscert',
		files.clientCert,
		'--tlskey',
		files.clientKey,
	];
	const ps = await runCli([...flags, 'ps', '-a', '--json'], {
		...process.env,
		HOME: certRoot,
		DOCKER_HOST: '',
		DOCKER_CERT_PATH: '',
		DOCKER_TLS_VERIFY: '',
	});
	assert.equal(ps.exitCode, 0, ps.stderr);
	const theirs = new Set(lines((await daemon.docker(['ps', '-a', '-q', '--no-trunc'])).stdout));
	assert.deepEqual(new Set((JSON.parse(ps.stdout) as Array<{id: string}>).map((container) => container.id)), theirs);

	const volumes = await runCli(['volumes', '--json'], {...process.env, ...tlsEnv(files.clientDir)});
	assert.equal(volumes.exitCode, 0, volumes.stderr);
	assert.ok(
		(JSON.parse(volumes.stdout) as Array<{name: string}>).some((volume) => volume.name === 'tsd-tls-vol'),
		volumes.stdout,
	);

	const wrong = await runCli(['ps'], {...process.env, ...tlsEnv(files.wrongCaDir)});
	assert.notEqual(wrong.exitCode, 0);
	assert.equal(lines(wrong.stderr).length, 1, wrong.stderr);
	assert.match(
		wrong.stderr,
		/TLS error talking to tcp:\/\/127\.0\.0\.1:\d+: the daemon certificate is not signed by the trusted CA/,
	);
});

test('a wrong CA fails with kind tls and one line', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const client = createClient({env: tlsEnv(files.wrongCaDir)});
	try {
		await assert.rejects(
			listContainers(client),
			expectTlsError(/the daemon certificate is not signed by the trusted CA: check the CA certificate/),
		);
	} finally {
		client.close();
	}
});

test('no client certificate, or one from another CA, is refused with a clear line', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const noCert = createClient({env: tlsEnv(files.noCertDir)});
	try {
		assert.equal(noCert.endpoint.tls?.cert, undefined);
		await assert.rejects(listContainers(noCert), expectTlsError(/the daemon requires a client certificate/));
	} finally {
		noCert.close();
	}
	const rogue = createClient({env: tlsEnv(files.rogueDir)});
	try {
		await assert.rejects(listContainers(rogue), expectTlsError(/the daemon rejected the client certificate/));
	} finally {
		rogue.close();
	}
});

test('TLS settings never fall back to plain TCP: a plain-HTTP port is a tls error and sees no HTTP request', async (t) => {
	if (unavailable) return t.skip(unavailable);
	// A listener that answers like a plain-TCP Docker API and records what it was sent.
	const received: Buffer[] = [];
	const server = net.createServer((socket) => {
		socket.on('data', (chunk) => {
			received.push(chunk);
			socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const plainPort = (server.address() as net.AddressInfo).port;
	const client = createClient({
		host: `tcp://127.0.0.1:${plainPort}`,
		tlsVerify: true,
		tlsCaCert: files.caCert,
		tlsCert: files.clientCert,
		tlsKey: files.clientKey,
		env: {HOME: certRoot},
	});
	try {
		await assert.rejects(listContainers(client), (error: unknown) => {
			assert.ok(error instanceof TsdockError);
			assert.equal(error.kind, 'tls', error.message);
			assert.match(error.message, /does not speak TLS on this port/);
			return true;
		});
	} finally {
		client.close();
		server.close();
	}
	const bytes = Buffer.concat(received);
	assert.ok(bytes.length > 0 && bytes[0] === 0x16, 'only a TLS ClientHello was sent');
	assert.ok(!bytes.toString('latin1').includes('GET /'), 'no plain HTTP request');

	// And the TLS port itself refuses a plain tcp:// client (the daemon needs TLS): no silent success.
	const plain = createClient({host: tcpHost, env: {HOME: certRoot}});
	try {
		await assert.rejects(
			listContainers(plain),
			(error: unknown) => error instanceof TsdockError && error.kind !== 'tls',
		);
	} finally {
		plain.close();
	}
});
