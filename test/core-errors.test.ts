import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {cliState, lines} from './helpers/compare.ts';
import {
	TsdockError,
	connectionError,
	createClient,
	createExec,
	errorLine,
	killContainer,
	listContainers,
	listImages,
	pruneImages,
	pruneVolumes,
	removeContainer,
	removeImage,
	runExec,
	startContainer,
	startExec,
	stopContainer,
	tagImage,
	type EngineClient,
} from '../source/core/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;
let daemon: TestDaemon;
const servers: Array<net.Server> = [];
const clients: EngineClient[] = [];

before(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'tsd-err-'));
	daemon = await startDaemon();
	await buildBase(daemon);
	await daemon.docker(['run', '-d', '--name', 'tsd-ro', '--network', 'none', 'tsd-base:1', 'sleep', '100000']);
	await daemon.docker(['volume', 'create', 'tsd-ro-vol']);
});

after(async () => {
	for (const client of clients) client.close();
	for (const server of servers) server.close();
	await daemon?.stop();
	rmSync(dir, {recursive: true, force: true});
});

const client = (host: string, options: {readOnly?: boolean; timeoutMs?: number} = {}) => {
	const made = createClient({host, ...options});
	clients.push(made);
	return made;
};

/** A unix socket in the temp dir served by a raw net server with the given connection handler. */
async function rawServer(name: string, onConnection: (socket: net.Socket) => void): Promise<string> {
	const socketPath = path.join(dir, `${name}.sock`);
	const server = net.createServer(onConnection);
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(socketPath, resolve));
	return socketPath;
}

/** A unix socket answering HTTP like a daemon would, with the given handler. */
async function httpServer(name: string, handler: http.RequestListener): Promise<{socketPath: string; paths: string[]}> {
	const socketPath = path.join(dir, `${name}.sock`);
	const paths: string[] = [];
	const server = http.createServer((request, response) => {
		paths.push(`${request.method} ${request.url}`);
		handler(request, response);
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(socketPath, resolve));
	return {socketPath, paths};
}

async function failure(promise: Promise<unknown>): Promise<TsdockError> {
	const error = await promise.then(
		() => assert.fail('expected a failure'),
		(error: unknown) => error,
	);
	assert.ok(error instanceof TsdockError, `a TsdockError, got ${String(error)}`);
	assert.equal(errorLine(error), error.message);
	assert.ok(!error.message.includes('\n'), 'one line');
	return error;
}

test('a request cancelled before it is sent rejects as cancelled and nothing is thrown later (no unhandled socket error)', async () => {
	// Pausing a log at the moment a stream is asked for sends a request whose signal is already aborted: Node then
	// emits "socket hang up" on the request a tick later, which crashed the process while no listener was on yet.
	const ours = client(daemon.host);
	await listContainers(ours, {all: true});
	for (let i = 0; i < 20; i++) {
		const controller = new AbortController();
		controller.abort();
		await assert.rejects(listContainers(ours, {all: true, signal: controller.signal}), /was cancelled/);
	}
	// Let the late socket events happen: an unhandled 'error' would fail this test as an uncaught exception.
	await new Promise((resolve) => setTimeout(resolve, 200));
	assert.ok(Array.isArray(await listContainers(ours, {all: true})), 'the client still works');
});

test('no daemon at the socket: unreachable, and the message names the socket path', async () => {
	const missing = path.join(dir, 'nobody-home.sock');
	const error = await failure(listContainers(client(`unix://${missing}`)));
	assert.equal(error.kind, 'unreachable');
	assert.ok(error.message.includes(missing), error.message);
	assert.match(error.message, /no such socket/);

	// A socket file nobody listens on any more (a daemon that was killed leaves it behind): refused.
	const stale = path.join(dir, 'stale.sock');
	await new Promise<void>((resolve) =>
		execFile(
			process.execPath,
			[
				'-e',
				`require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
			],
			() => resolve(),
		),
	);
	const refused = await failure(listContainers(client(`unix://${stale}`)));
	assert.equal(refused.kind, 'unreachable');
	assert.ok(refused.message.includes(stale));
	assert.match(refused.message, /refused/);
});

test('permission: EACCES/EPERM map to a "permission" error with the fix, naming the endpoint', () => {
	for (const code of ['EACCES', 'EPERM']) {
		const error = connectionError(
			Object.assign(new Error(`connect ${code} /var/run/docker.sock`), {code}),
			'unix:///var/run/docker.sock',
		);
		assert.equal(error.kind, 'permission');
		assert.ok(error.message.includes('unix:///var/run/docker.sock'));
		assert.match(error.message, /docker" group/);
		assert.ok(error.cause instanceof Error);
	}
	const timeout = connectionError(
		Object.assign(new Error('connect ETIMEDOUT'), {code: 'ETIMEDOUT'}),
		'tcp://10.0.0.1:2375',
	);
	assert.equal(timeout.kind, 'timeout');
	assert.match(timeout.message, /10\.0\.0\.1:2375/);
	assert.equal(
		connectionError(Object.assign(new Error('x'), {code: 'ERR_TLS_CERT_ALTNAME_INVALID'}), 'tcp://h:2376').kind,
		'tls',
	);
});

test('permission for real: a non-root user reaching a root-only daemon socket gets the permission error', async () => {
	// The test daemon's socket lives in a root-only temp dir; run the core as "nobody" against it.
	const script = `
		const core = await import(${JSON.stringify(path.join(root, 'source/core/index.ts'))});
		const client = core.createClient({host: process.argv[1]});
		try { await core.listContainers(client); console.log(JSON.stringify({ok: true})); }
		catch (error) { console.log(JSON.stringify({kind: error.kind, message: error.message})); }
		client.close();`;
	const output = await new Promise<string>((resolve, reject) => {
		execFile(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', script, daemon.host],
			{cwd: root, uid: 65534, gid: 65534, env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp'}},
			(error, stdout, stderr) => (error ? reject(new Error(`child failed: ${stderr}`)) : resolve(stdout)),
		);
	});
	const answer = JSON.parse(lines(output).at(-1)!) as {kind: string; message: string};
	assert.equal(answer.kind, 'permission');
	assert.ok(answer.message.includes(daemon.socketPath), answer.message);
	assert.match(answer.message, /permission denied/);
});

test('a socket that closes at once: a typed error naming the endpoint, no hang', async () => {
	const socketPath = await rawServer('closer', (socket) => socket.destroy());
	const started = Date.now();
	const error = await failure(listContainers(client(`unix://${socketPath}`)));
	assert.equal(error.kind, 'unreachable');
	assert.ok(error.message.includes(socketPath), error.message);
	assert.ok(Date.now() - started < 5000);
});

test('a socket that answers garbage: a typed error naming the endpoint, no hang', async () => {
	const socketPath = await rawServer('garbage', (socket) => {
		socket.on('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n'));
		socket.on('error', () => {});
	});
	const error = await failure(listContainers(client(`unix://${socketPath}`)));
	assert.ok(['unreachable', 'engine'].includes(error.kind), error.kind);
	assert.ok(error.message.includes(socketPath), error.message);
});

test("a socket that never answers: a timeout within the client's timeoutMs, naming the request", async () => {
	const held: net.Socket[] = [];
	const socketPath = await rawServer('silent', (socket) => {
		held.push(socket);
		socket.on('error', () => {});
	});
	const started = Date.now();
	const error = await failure(listContainers(client(`unix://${socketPath}`, {timeoutMs: 400})));
	const took = Date.now() - started;
	assert.equal(error.kind, 'timeout');
	assert.ok(error.message.includes(socketPath), error.message);
	assert.match(error.message, /GET \/_ping/, 'names the request that went unanswered');
	assert.match(error.message, /400 ms/, 'says how long it waited');
	assert.ok(took >= 350 && took < 3000, `gave up after ${took} ms`);
	for (const socket of held) socket.destroy();
});

test('a daemon that answers the ping but not the request: a timeout naming that request', async () => {
	const {socketPath, paths} = await httpServer('slow', (request, response) => {
		if (request.url === '/_ping') {
			response.writeHead(200, {'Api-Version': '1.41', 'Content-Type': 'text/plain'});
			response.end('OK');
			return;
		}
		if (request.url?.startsWith('/v1.41/images/json')) {
			// Headers, then a body that never completes.
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '100'});
			response.write('[{"Id":');
			return;
		}
		// Never answers.
	});
	const slow = client(`unix://${socketPath}`, {timeoutMs: 1500});
	const error = await failure(listContainers(slow));
	assert.equal(error.kind, 'timeout');
	assert.match(error.message, /GET \/containers\/json/);
	assert.ok(error.message.includes(socketPath));
	const body = await failure(listImages(slow));
	assert.equal(body.kind, 'timeout', 'a body that stops half way times out too');
	assert.match(body.message, /GET \/images\/json/);
	assert.deepEqual(paths.slice(0, 2), ['GET /_ping', 'GET /v1.41/containers/json?all=1']);
});

test('a daemon that drops the connection mid-answer: unreachable, "closed mid-answer"', async () => {
	const {socketPath} = await httpServer('dropper', (request, response) => {
		if (request.url === '/_ping') {
			response.writeHead(200, {'Api-Version': '1.41'});
			response.end('OK');
			return;
		}
		response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '1000'});
		response.write('[{"Id":', () => setTimeout(() => request.socket.destroy(), 50));
	});
	const error = await failure(listContainers(client(`unix://${socketPath}`)));
	assert.equal(error.kind, 'unreachable');
	assert.match(error.message, /closed mid-answer/);
});

test('cancelling a request (signal) while its body is being read: the cancel, not a dropped connection', async () => {
	const {socketPath} = await httpServer('cancel', (request, response) => {
		if (request.url === '/_ping') {
			response.writeHead(200, {'Api-Version': '1.41'});
			response.end('OK');
			return;
		}
		response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '1000'});
		response.write('[{"Id":');
	});
	const controller = new AbortController();
	const pending = listContainers(client(`unix://${socketPath}`), {signal: controller.signal});
	setTimeout(() => controller.abort(), 300);
	const error = await failure(pending);
	assert.equal(error.kind, 'timeout');
	assert.match(error.message, /GET \/containers\/json was cancelled/);
});

test('an API-too-old daemon (API 1.24): api-too-old, naming the version and the endpoint', async () => {
	const {socketPath, paths} = await httpServer('old', (request, response) => {
		response.writeHead(200, {
			'Api-Version': '1.24',
			'Content-Type': 'text/plain',
			'Docker-Experimental': 'false',
			Ostype: 'linux',
		});
		response.end('OK');
	});
	const old = client(`unix://${socketPath}`);
	const error = await failure(listContainers(old));
	assert.equal(error.kind, 'api-too-old');
	assert.match(error.message, /1\.24/);
	assert.match(error.message, /1\.40/);
	assert.ok(error.message.includes(socketPath));
	assert.deepEqual(paths, ['GET /_ping'], 'nothing else is asked of it');
});

test('a newer daemon: requests are versioned at our newest API, never above', async () => {
	const {socketPath, paths} = await httpServer('new', (request, response) => {
		if (request.url === '/_ping') {
			response.writeHead(200, {'Api-Version': '1.56', 'Content-Type': 'text/plain', Ostype: 'linux'});
			response.end('OK');
			return;
		}
		response.writeHead(200, {'Content-Type': 'application/json'});
		response.end('[]');
	});
	const newer = client(`unix://${socketPath}`);
	assert.deepEqual(await listContainers(newer), []);
	assert.equal(newer.apiVersion, '1.52');
	assert.deepEqual(paths, ['GET /_ping', 'GET /v1.52/containers/json?all=1']);
});

test("an Engine error answer keeps the daemon's message and maps the status", async () => {
	const {socketPath} = await httpServer('errors', (request, response) => {
		if (request.url === '/_ping') {
			response.writeHead(200, {'Api-Version': '1.41'});
			response.end('OK');
			return;
		}
		const status = Number(/status=(\d+)/.exec(request.url ?? '')?.[1] ?? 500);
		response.writeHead(status, {'Content-Type': 'application/json'});
		response.end(JSON.stringify({message: `daemon says ${status}`}));
	});
	const erring = client(`unix://${socketPath}`);
	const kinds: Record<number, string> = {
		400: 'bad-request',
		404: 'not-found',
		409: 'conflict',
		500: 'engine',
		503: 'engine',
	};
	for (const [status, kind] of Object.entries(kinds)) {
		const error = await failure(erring.request('GET', '/anything', {query: {status}}));
		assert.equal(error.kind, kind);
		assert.equal(error.statusCode, Number(status));
		assert.equal(error.message, `daemon says ${status}`);
	}
});

test('read-only: every mutating call is refused with kind read-only, and no mutating request leaves the process', async () => {
	const readOnly = client(daemon.host, {readOnly: true});
	const sent: string[] = [];
	readOnly.onRequest = (method, requestPath) => sent.push(`${method} ${requestPath}`);
	// Reads work.
	assert.ok((await listContainers(readOnly)).some((container) => container.Names.includes('/tsd-ro')));

	const attempts: Array<[string, () => Promise<unknown>]> = [
		['stop', () => stopContainer(readOnly, 'tsd-ro', 0)],
		['kill', () => killContainer(readOnly, 'tsd-ro')],
		['start', () => startContainer(readOnly, 'tsd-ro')],
		['remove container', () => removeContainer(readOnly, 'tsd-ro', {force: true})],
		['tag', () => tagImage(readOnly, 'tsd-base:1', 'tsd-ro-tag:1')],
		['remove image', () => removeImage(readOnly, 'tsd-base:1', {force: true})],
		['prune images', () => pruneImages(readOnly, {all: true})],
		['prune volumes', () => pruneVolumes(readOnly)],
		['exec create', () => createExec(readOnly, 'tsd-ro', {cmd: ['true'], tty: false, stdin: false})],
		['exec run', () => runExec(readOnly, 'tsd-ro', ['touch', '/ro-x'])],
		['exec start (hijack)', () => startExec(readOnly, 'made-up-exec-id', true)],
	];
	for (const [what, attempt] of attempts) {
		const error = await failure(attempt());
		assert.equal(error.kind, 'read-only', `${what}: ${error.kind} ${error.message}`);
		assert.match(error.message, /read-only mode: refused (POST|DELETE) \//);
	}
	assert.ok(sent.length > 0, 'requests were recorded');
	assert.deepEqual(
		sent.filter((request) => !request.startsWith('GET ') && !request.startsWith('HEAD ')),
		[],
		'only reads were sent',
	);

	// And the daemon shows nothing changed.
	assert.equal(await cliState(daemon, 'tsd-ro'), 'running');
	assert.ok(
		lines((await daemon.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout).includes('tsd-base:1'),
	);
	assert.ok(
		!lines((await daemon.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout).includes('tsd-ro-tag:1'),
	);
	assert.ok(lines((await daemon.docker(['volume', 'ls', '-q'])).stdout).includes('tsd-ro-vol'));
	assert.equal(
		(await daemon.docker(['diff', 'tsd-ro'])).stdout.trim(),
		'',
		"no exec ran (the container's filesystem is untouched)",
	);

	// The same calls through a normal client do reach the daemon (the refusals above were the mode, not the calls).
	const normal = client(daemon.host);
	await tagImage(normal, 'tsd-base:1', 'tsd-ro-tag:1');
	assert.ok(
		lines((await daemon.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout).includes('tsd-ro-tag:1'),
	);
});

test('a garbage JSON answer is a typed engine error, not a crash', async () => {
	const {socketPath} = await httpServer('badjson', (request, response) => {
		if (request.url === '/_ping') {
			response.writeHead(200, {'Api-Version': '1.41'});
			response.end('OK');
			return;
		}
		response.writeHead(200, {'Content-Type': 'application/json'});
		response.end('[{"Id": "abc",');
	});
	const error = await failure(listContainers(client(`unix://${socketPath}`)));
	assert.equal(error.kind, 'engine');
	assert.match(error.message, /malformed JSON/);
	assert.ok(error.message.includes(socketPath));
});
