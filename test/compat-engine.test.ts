// Engine compatibility against a real throwaway daemon (Debian's 20.10, API 1.41):
// - Docker 29: through the recording proxy's Docker-29 mode (API-Version 1.52 on /_ping, Docker 29's 400 below
//   1.44, versions rewritten for the real daemon behind it), tsdock's start path (`tsdock ps` and the TUI's
//   prefetch and first listing) sends no request that gets a 400 and negotiates 1.52; on the real 20.10 it
//   negotiates 1.41.
// - TTY logs: a `-t` container's CR LF line ends and CR-rewritten lines read as a terminal shows them, checked
//   against `docker logs` and against what a real terminal (tmux) shows for `docker logs`.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {builtCli, runCli} from './helpers/cli.ts';
import {dockerCli} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {DOCKER29, RequestParser, startProxy, type RecordingProxy} from './helpers/proxy.ts';
import {childEnv, nodeBinary, startTmux, type TmuxSession} from './helpers/tmux.ts';
import {selectByFilter, tuiSuite} from './helpers/tui-suite.ts';
import {TsdockError, createClient, readLogs, resolveCarriageReturns, tolerantContainers} from '../source/core/index.ts';

const TTY_SCRIPT = [
	"printf 'plain\\n'",
	"printf 'progress 10%%\\rprogress 55%%\\rprogress 100%%\\n'",
	"printf 'abcdef\\rxy\\n'",
	"printf '日本語\\rx\\n'",
	// The program writes CR LF itself: the TTY makes it CR CR LF.
	"printf 'crlf from the program\\r\\n'",
	"printf 'tab\\tstop\\rT\\n'",
	"printf 'done\\n'",
].join('; ');

/** What a terminal shows for each line of TTY_SCRIPT (tabs as sanitizeLine's 4-column stops). */
const TTY_EXPECTED = ['plain', 'progress 100%', 'xycdef', 'x 本語', 'crlf from the program', 'Tab stop', 'done'];

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-c-run',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'while true; do echo tick; sleep 1; done',
	]);
	await daemon.docker(['create', '--name', 'tsd-c-stopped', '--network', 'none', 'tsd-base:1', 'true']);
	await daemon.docker(['run', '-t', '--name', 'tsd-cr', '--network', 'none', 'tsd-base:1', 'sh', '-c', TTY_SCRIPT]);
});

/** One raw request over a unix socket: status, the Api-Version header and the body. */
function ask(socketPath: string, path: string): Promise<{status: number; api?: string; body: string}> {
	return new Promise((resolve, reject) => {
		const request = http.request({socketPath, path, headers: {Host: 'docker'}}, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () =>
				resolve({status: response.statusCode ?? 0, api: response.headers['api-version'] as string, body}),
			);
		});
		request.on('error', reject);
		request.end();
	});
}

async function launchTui(host: string): Promise<TmuxSession> {
	const home = childEnv();
	suite.defer(home.cleanup);
	const tmux = await startTmux([nodeBinary, builtCli, '--host', host], {width: 120, height: 30, env: home.env});
	suite.defer(() => tmux.kill());
	return tmux;
}

/** The proxy's record as "METHOD path" lines, for messages. */
const seen = (proxy: RecordingProxy) =>
	proxy.requests.map(
		(request) => `${request.method} ${request.path}${request.answered ? ` → ${request.answered}` : ''}`,
	);

function assertStartPath(proxy: RecordingProxy, api: string, what: string): void {
	const log = seen(proxy).join('\n');
	assert.ok(proxy.requests.length > 0, what);
	assert.deepEqual(
		proxy.requests.filter((request) => request.answered !== undefined && request.answered >= 400),
		[],
		`${what}: no request is refused\n${log}`,
	);
	const versions = new Set(
		proxy.requests.map((request) => /^\/v(\d+\.\d+)\//.exec(request.path)?.[1]).filter((version) => version),
	);
	assert.deepEqual([...versions], [api], `${what}: every versioned request at ${api}\n${log}`);
	assert.deepEqual(proxy.garbage, []);
}

test("the proxy's Docker 29 mode answers like Docker 29 in front of the real daemon", async () => {
	const proxy = await startProxy(suite.daemon.socketPath, {docker29: true});
	suite.defer(() => proxy.close());
	assert.equal(proxy.daemonApi, '1.41', "Debian's 20.10 behind it");
	const ping = await ask(proxy.socketPath, '/_ping');
	assert.deepEqual([ping.status, ping.api, ping.body], [200, DOCKER29.max, 'OK']);
	const old = await ask(proxy.socketPath, '/v1.40/containers/json');
	assert.equal(old.status, 400);
	assert.equal(
		(JSON.parse(old.body) as {message: string}).message,
		'client version 1.40 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version',
	);
	assert.equal((await ask(proxy.socketPath, '/v1.53/containers/json')).status, 400);
	const list = await ask(proxy.socketPath, '/v1.52/containers/json?all=1');
	assert.equal(list.status, 200);
	const ids = (JSON.parse(list.body) as Array<{Id: string}>).map((container) => container.Id).sort();
	const cli = (await suite.daemon.docker(['ps', '-a', '-q', '--no-trunc'])).stdout.trim().split('\n').sort();
	assert.deepEqual(ids, cli);
	assert.equal(
		proxy.requests.find((request) => request.path === '/v1.52/containers/json?all=1')?.sentAs,
		'/v1.41/containers/json?all=1',
	);
});

test('Docker 29: `tsdock ps -a` sends no request that gets a 400 and negotiates 1.52', async () => {
	const proxy = await startProxy(suite.daemon.socketPath, {docker29: true});
	suite.defer(() => proxy.close());
	const result = await runCli(['ps', '-a'], {...suite.daemon.env, DOCKER_HOST: proxy.host});
	assert.equal(result.exitCode, 0, result.stderr);
	for (const name of ['tsd-c-run', 'tsd-c-stopped', 'tsd-cr']) assert.match(result.stdout, new RegExp(`\\b${name}\\b`));
	assert.equal(proxy.requests[0]?.path, '/_ping', 'the negotiation comes first');
	assertStartPath(proxy, DOCKER29.max, 'tsdock ps -a');
});

test("Docker 29: the TUI's start (prefetch, negotiation, first listing) sends no request that gets a 400 and negotiates 1.52", async () => {
	const proxy = await startProxy(suite.daemon.socketPath, {docker29: true});
	suite.defer(() => proxy.close());
	const tmux = await launchTui(proxy.host);
	const screen = await tmux.waitFor(
		(text) =>
			text.includes('● connected') &&
			text.includes('tsd-c-run') &&
			text.includes('tsd-c-stopped') &&
			text.includes('(API '),
	);
	assertStartPath(proxy, DOCKER29.max, 'the TUI start');
	assert.ok(
		proxy.requests.some((request) => request.path.startsWith('/containers/json?')),
		`the prefetch goes unversioned\n${seen(proxy).join('\n')}`,
	);
	assert.match(screen, /\(API 1\.52\)/, 'the header shows the negotiated API');
	await tmux.press('q');
});

test('the real 20.10 daemon: the TUI and `tsdock ps` negotiate 1.41, and the unversioned prefetch works there too', async () => {
	const negotiated = createClient({host: suite.daemon.host});
	try {
		assert.equal((await negotiated.negotiate()).apiVersion, '1.41');
	} finally {
		negotiated.close();
	}
	const proxy = await startProxy(suite.daemon.socketPath);
	suite.defer(() => proxy.close());
	const result = await runCli(['ps'], {...suite.daemon.env, DOCKER_HOST: proxy.host});
	assert.equal(result.exitCode, 0, result.stderr);
	assert.match(result.stdout, /\btsd-c-run\b/);
	assertStartPath(proxy, '1.41', 'tsdock ps');
	proxy.requests.length = 0;
	const tmux = await launchTui(proxy.host);
	const screen = await tmux.waitFor(
		(text) => text.includes('● connected') && text.includes('tsd-c-stopped') && text.includes('(API '),
	);
	assert.match(screen, /\(API 1\.41\)/);
	assert.ok(proxy.requests.some((request) => request.path.startsWith('/containers/json?')));
	assertStartPath(proxy, '1.41', 'the TUI start');
	await tmux.press('q');
});

test('a -t container: the lines tsdock reads hold no CR and are what `docker logs` shows in a terminal', async () => {
	const client = createClient({host: suite.daemon.host});
	try {
		const ours = await readLogs(client, 'tsd-cr', true, {tail: 'all'});
		const texts = ours.map((line) => line.text);
		assert.ok(
			texts.every((text) => !text.includes('\r')),
			JSON.stringify(texts),
		);
		assert.deepEqual(texts, TTY_EXPECTED);
		// `docker logs` prints the raw bytes (CR LF, CR CR LF, bare CRs): with CRs handled, the same lines.
		const raw = (await suite.daemon.docker(['logs', 'tsd-cr'])).stdout;
		assert.ok(raw.includes('\r\n') && raw.includes('\r\r\n'), JSON.stringify(raw));
		assert.deepEqual(
			raw
				.replace(/\n$/, '')
				.split('\n')
				.map((line) => resolveCarriageReturns(line)),
			texts,
		);
		// With timestamps: the timestamp is split off first, the message resolved the same.
		const stamped = await readLogs(client, 'tsd-cr', true, {tail: 'all', timestamps: true});
		assert.deepEqual(
			stamped.map((line) => line.text),
			texts,
		);
		for (const line of stamped) assert.match(line.timestamp ?? '', /^\d{4}-\d\d-\d\dT/);
	} finally {
		client.close();
	}
	// What a real terminal shows for the raw `docker logs` output is what tsdock reads (tabs aside: 8 columns there).
	const home = childEnv();
	suite.defer(home.cleanup);
	const tmux = await startTmux([dockerCli, '--host', suite.daemon.host, 'logs', 'tsd-cr'], {
		width: 80,
		height: 20,
		env: home.env,
	});
	suite.defer(() => tmux.kill());
	const screen = await tmux.waitFor('tsdock exited 0');
	const shown = screen.split('\n').slice(0, TTY_EXPECTED.length);
	assert.deepEqual(
		shown.map((line) => line.trimEnd()),
		[...TTY_EXPECTED.slice(0, 5), 'Tab     stop', 'done'],
	);
});

test('the logs view of a -t container shows the final text of a rewritten line and no ^M', async () => {
	const tmux = await suite.launch({width: 100, height: 24});
	await selectByFilter(tmux, 'tsd-cr');
	await tmux.press('l');
	const screen = await tmux.waitFor((text) => text.includes('Logs tsd-cr') && text.includes('done'));
	assert.doesNotMatch(screen, /\^M/);
	for (const text of ['progress 100%', 'xycdef', 'x 本語', 'crlf from the program', 'Tab stop'])
		assert.ok(screen.includes(text), `${text}\n${screen}`);
	assert.doesNotMatch(screen, /progress 10%|progress 55%/);
	await tmux.press('Escape');
	await tmux.press('q');
});

test('an unversioned container list is read tolerantly: odd entries left out, every field tsdock reads typed', () => {
	const list = tolerantContainers([
		{
			Id: 'a1',
			Names: ['/one'],
			Image: 'img',
			State: 'running',
			Status: 'Up',
			Created: 5,
			Ports: [],
			Labels: {},
			New: 1,
		},
		{Id: 'b2', Names: null, Ports: [{PrivatePort: 80, Type: 'tcp'}, 'odd'], Labels: [], State: 3},
		{Names: ['/no-id']},
		'not an object',
		null,
	]);
	assert.deepEqual(
		list.map((container) => [container.Id, container.Names, container.State, container.Ports.length, container.Labels]),
		[
			['a1', ['/one'], 'running', 0, {}],
			['b2', [], '', 1, null],
		],
	);
	assert.equal((list[0] as unknown as {New: number}).New, 1, 'unknown fields are kept');
	assert.throws(() => tolerantContainers({message: 'no'}), TsdockError);
});

test("the proxy's forwarding parser passes every byte on except a request answered in its place, whose answer follows its body", () => {
	const stream = [
		'GET /v1.40/containers/json HTTP/1.1\r\nHost: docker\r\n\r\n',
		'POST /v1.52/containers/x/stop HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody',
		'POST /v1.40/images/prune HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
		'GET /_ping HTTP/1.1\r\n\r\n',
		'POST /v1.52/exec/z/start HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nraw bytes',
	].join('');
	for (const step of [1, 5, stream.length]) {
		let forwarded = '';
		const replies: string[] = [];
		const parser = new RequestParser(
			(method, target) =>
				target.startsWith('/v1.40/')
					? {reply: {status: 400, text: `refused ${target}`}}
					: target.startsWith('/v1.52/')
						? {target: target.replace('/v1.52/', '/v1.41/')}
						: undefined,
			() => assert.fail('no garbage'),
			(bytes) => (forwarded += bytes.toString('latin1')),
			(text) => replies.push(`${text} after ${forwarded.length}`),
		);
		for (let i = 0; i < stream.length; i += step) parser.push(Buffer.from(stream.slice(i, i + step), 'latin1'));
		const stop = 'POST /v1.41/containers/x/stop HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody';
		assert.equal(
			forwarded,
			`${stop}GET /_ping HTTP/1.1\r\n\r\nPOST /v1.41/exec/z/start HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nraw bytes`,
			`step ${step}`,
		);
		assert.deepEqual(replies, [
			'refused /v1.40/containers/json after 0',
			`refused /v1.40/images/prune after ${stop.length}`,
		]);
	}
});
