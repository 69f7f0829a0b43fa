/**
 * ssh:// against a real OpenSSH server on 127.0.0.1 whose `docker` reaches a throwaway daemon: lists equal the
 * docker CLI's over the socket, one SSH handshake serves lists, events and logs, and the failures a user
 * meets (unknown host key, refused key, no docker on the remote) are one clear line naming the host.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {dockerCli, startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {startSshd, sshdUnavailable, type TestSshd} from './helpers/sshd.ts';
import {runCli} from './helpers/cli.ts';
import {
	EngineClient,
	TsdockError,
	listContainers,
	listImages,
	listVolumes,
	parseHost,
	readLogs,
	resolveEndpoint,
	runExec,
} from '../source/core/index.ts';
import {sshConnector, sshControlSockets, sshFailure, type SshConnector} from '../source/core/ssh.ts';
import {clientFor} from '../source/core/hosts.ts';
import {recordEvents} from './helpers/events.ts';

const unavailable = sshdUnavailable();
let daemon: TestDaemon;
let sshd: TestSshd;

before(async () => {
	if (unavailable) return;
	daemon = await startDaemon();
	await buildBase(daemon);
	await daemon.docker(['volume', 'create', 'tsd-ssh-vol']);
	await daemon.docker(['create', '--name', 'tsd-ssh-idle', '-v', 'tsd-ssh-vol:/v', 'tsd-base:1', 'true']);
	await daemon.docker([
		'run',
		'--name',
		'tsd-ssh-echo',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'echo hello over ssh; echo second line >&2',
	]);
	await daemon.docker(['run', '-d', '--name', 'tsd-ssh-sleeper', '--network', 'none', 'tsd-base:1', 'sleep', '600']);
	sshd = await startSshd({dockerHost: daemon.host});
	// tsdock runs `ssh` from PATH; the helper's wrapper reads the throwaway ~/.ssh/config.
	process.env.PATH = sshd.env.PATH;
	process.env.HOME = sshd.env.HOME;
});

after(async () => {
	await sshd?.stop();
	await daemon?.stop();
});

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);

function clientOver(
	host: string,
	options: {multiplex?: boolean} = {},
): {client: EngineClient; connector: SshConnector} {
	const endpoint = parseHost(host, 'test');
	const connector = sshConnector(endpoint, {multiplex: options.multiplex});
	return {client: new EngineClient(endpoint, {connector}), connector};
}

/** ssh processes (ours) whose command line mentions `text`. */
/** Wait (up to 5 s: a busy machine is slow to reap) until no SSH master of tsdock's is left. */
async function mastersGone(): Promise<void> {
	const deadline = Date.now() + 5000;
	while (sshProcessesMentioning('tsdock-ssh-').length > 0 && Date.now() < deadline) await sleep(50);
}

function sshProcessesMentioning(text: string): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
			const state = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (cmdline.includes(text) && !/\) Z /.test(state)) found.push(Number(entry));
		} catch {
			// Gone meanwhile.
		}
	}
	return found;
}

/** tsdock's control directories in the temp dir. */
const controlDirs = () =>
	readdirSync(tmpdir())
		.filter((name) => name.startsWith('tsdock-ssh-'))
		.sort();

async function theCliSets() {
	return {
		containers: new Set(lines((await daemon.docker(['ps', '-a', '-q', '--no-trunc'])).stdout)),
		images: new Set(lines((await daemon.docker(['images', '-a', '-q', '--no-trunc'])).stdout)),
		volumes: new Set(lines((await daemon.docker(['volume', 'ls', '-q'])).stdout)),
	};
}

test('lists over ssh equal the docker CLI over the socket, and lists, events and logs share one SSH handshake', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const {client, connector} = clientOver('ssh://tsd-remote');
	const before = sshd.logins();
	try {
		const started = Date.now();
		// A burst like the TUI's start: three lists at once, then the event stream and a log read.
		const [containers, images, volumes] = await Promise.all([
			listContainers(client, {all: true}),
			listImages(client, {all: true}),
			listVolumes(client),
		]);
		const firstMs = Date.now() - started;
		const theirs = await theCliSets();
		assert.deepEqual(new Set(containers.map((container) => container.Id)), theirs.containers);
		assert.deepEqual(new Set(images.map((image) => image.Id)), theirs.images);
		assert.deepEqual(new Set(volumes.map((volume) => volume.Name)), theirs.volumes);
		assert.ok(theirs.containers.size >= 2 && theirs.volumes.has('tsd-ssh-vol'), 'the fixture is there');
		assert.equal(sshControlSockets(connector).length, 1, 'a shared SSH connection is up');

		const events = await recordEvents(client);
		const logs = await readLogs(client, 'tsd-ssh-echo', false);
		assert.deepEqual(logs.map((line) => `${line.stream}:${line.text}`).sort(), [
			'stderr:second line',
			'stdout:hello over ssh',
		]);

		await daemon.docker(['volume', 'create', 'tsd-ssh-event-vol']);
		assert.ok(
			await events.until((event) => event.Type === 'volume' && event.Actor?.ID === 'tsd-ssh-event-vol'),
			'the event came over ssh',
		);

		const sequential = Date.now();
		for (let i = 0; i < 20; i++) await listContainers(client, {all: true});
		const perRequestMs = (Date.now() - sequential) / 20;
		const parallel = Date.now();
		await Promise.all(Array.from({length: 6}, () => listImages(client)));
		const parallelMs = Date.now() - parallel;

		const handshakes = sshd.logins() - before;
		t.diagnostic(
			`with reuse: ${handshakes} SSH handshake(s) for 3 lists + events + logs + 26 more requests; first burst ${firstMs} ms; ${perRequestMs.toFixed(1)} ms per sequential request; 6 parallel lists in ${parallelMs} ms`,
		);
		assert.equal(handshakes, 1, 'everything went over one SSH connection');
		await events.stop();
	} finally {
		client.close();
		await connector.close();
	}
	assert.equal(connector.controlDir, undefined, 'the control directory is gone');
	await mastersGone();
	assert.deepEqual(sshProcessesMentioning('tsdock-ssh-'), [], 'the master has exited');
});

test('without multiplexing every new connection is a new SSH handshake (what reuse saves)', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const before = sshd.logins();
	const started = Date.now();
	// A new client per request, like one docker CLI invocation per command.
	for (let i = 0; i < 5; i++) {
		const {client, connector} = clientOver('ssh://tsd-remote', {multiplex: false});
		await listContainers(client, {all: true});
		client.close();
		await connector.close();
	}
	const perRequestMs = (Date.now() - started) / 5;
	const fresh = sshd.logins() - before;
	// One client, keep-alive only: one handshake per concurrent connection.
	const {client, connector} = clientOver('ssh://tsd-remote', {multiplex: false});
	const keepAliveStart = sshd.logins();
	await Promise.all([listContainers(client, {all: true}), listImages(client), listVolumes(client)]);
	for (let i = 0; i < 5; i++) await listVolumes(client);
	const keepAlive = sshd.logins() - keepAliveStart;
	client.close();
	await connector.close();
	t.diagnostic(
		`without reuse: ${fresh} handshakes for 5 requests (${perRequestMs.toFixed(0)} ms each); keep-alive without multiplexing: ${keepAlive} handshakes for 3 parallel + 5 sequential requests`,
	);
	assert.equal(fresh, 5);
	assert.equal(keepAlive, 3);
});

test('a bad key, an unknown host key and a remote without docker are one clear line naming the host', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const cases: Array<[string, string, RegExp]> = [
		[
			'ssh://tsd-badkey',
			'permission',
			/^cannot log in to ssh:\/\/tsd-badkey: permission denied \(tsdock does not prompt for passwords: use an ssh agent or key\)$/,
		],
		['ssh://tsd-unknown', 'permission', /^cannot connect to ssh:\/\/tsd-unknown: host key verification failed/],
		['ssh://tsd-nodocker', 'config', /^no docker command on ssh:\/\/tsd-nodocker: /],
		[
			`ssh://root@127.0.0.1:${sshd.noDockerPort}`,
			'config',
			new RegExp(`^no docker command on ssh://root@127\\.0\\.0\\.1:${sshd.noDockerPort}: `),
		],
	];
	for (const [host, kind, message] of cases) {
		const {client, connector} = clientOver(host);
		try {
			await assert.rejects(listContainers(client), (error: unknown) => {
				assert.ok(error instanceof TsdockError, `${host}: a TsdockError`);
				assert.equal(error.kind, kind, `${host}: ${error.message}`);
				assert.match(error.message, message);
				assert.ok(!error.message.includes('\n'), 'one line');
				return true;
			});
		} finally {
			client.close();
			await connector.close();
		}
	}
	// The same through the built CLI: one line on stderr, non-zero exit.
	const result = await runCli(['--host', 'ssh://tsd-badkey', 'ps'], sshd.env);
	assert.notEqual(result.exitCode, 0);
	assert.equal(lines(result.stderr).length, 1, result.stderr);
	assert.match(result.stderr, /ssh:\/\/tsd-badkey: permission denied \(tsdock does not prompt for passwords/);
	const unknown = await runCli(['--host', 'ssh://tsd-unknown', 'images'], sshd.env);
	assert.notEqual(unknown.exitCode, 0);
	assert.match(unknown.stderr, /ssh:\/\/tsd-unknown: host key verification failed/);
});

test('ssh stderr is classified as the docker CLI user would expect', () => {
	const endpoint = parseHost('ssh://me@box:2222', 'test');
	assert.match(
		sshFailure(endpoint, 255, 'ssh: Could not resolve hostname box: Name or service not known\n').message,
		/ssh:\/\/me@box:2222: unknown host name/,
	);
	assert.match(
		sshFailure(endpoint, 255, 'ssh: connect to host box port 2222: Connection refused\n').message,
		/connection refused/,
	);
	assert.match(
		sshFailure(endpoint, 127, 'sh: 1: docker: not found\n').message,
		/^no docker command on ssh:\/\/me@box:2222/,
	);
	assert.match(
		sshFailure(
			endpoint,
			1,
			'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
		).message,
		/^the Docker daemon on ssh:\/\/me@box:2222 is not reachable/,
	);
	assert.equal(sshFailure(endpoint, 255, 'me@box: Permission denied (publickey,password).\n').kind, 'permission');
});

test('dist/cli.js over ssh: --host and DOCKER_HOST give the same answers as the CLI over the socket, and leave no ssh behind', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const controlDirsBefore = controlDirs();
	const before = sshd.logins();
	const ps = await runCli(['--host', 'ssh://tsd-remote', 'ps', '-a', '--json'], sshd.env);
	assert.equal(ps.exitCode, 0, ps.stderr);
	const ours = JSON.parse(ps.stdout) as Array<{id: string; name: string; image: string; state: string}>;
	const theirs = lines(
		(await daemon.docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.State}}'])).stdout,
	).sort();
	assert.deepEqual(
		ours.map((container) => `${container.id} ${container.name} ${container.image} ${container.state}`).sort(),
		theirs,
	);

	const images = await runCli(['images', '--all', '--json'], {
		...sshd.env,
		DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}`,
	});
	assert.equal(images.exitCode, 0, images.stderr);
	assert.deepEqual(
		new Set((JSON.parse(images.stdout) as Array<{id: string}>).map((image) => image.id)),
		(await theCliSets()).images,
	);
	t.diagnostic(`two CLI runs: ${sshd.logins() - before} SSH handshakes`);
	assert.equal(sshd.logins() - before, 2, 'one handshake per run');
	await mastersGone();
	assert.deepEqual(sshProcessesMentioning('tsdock-ssh-'), [], 'the CLI ended its shared SSH connection on exit');
	assert.deepEqual(controlDirs(), controlDirsBefore, 'and removed its control directory');
});

test('an ssh context and DOCKER_HOST=ssh:// resolve to the ssh transport; clientFor closes the master', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const endpoint = resolveEndpoint({env: {HOME: sshd.home, DOCKER_HOST: 'ssh://tsd-remote'}});
	assert.equal(endpoint.kind, 'ssh');
	assert.equal(endpoint.ssh?.host, 'tsd-remote');
	// A context made by the docker CLI itself.
	const config = path.join(sshd.home, '.docker');
	mkdirSync(config, {recursive: true});
	const env = {...sshd.env, DOCKER_CONFIG: config};
	execFileSync(dockerCli, ['context', 'create', 'tsd-ssh', '--docker', 'host=ssh://tsd-remote'], {
		env,
		stdio: 'ignore',
	});
	assert.equal(resolveEndpoint({env: {...env, DOCKER_CONTEXT: 'tsd-ssh'}}).kind, 'ssh');
	for (const target of [
		{name: 'tsd-ssh', host: 'ssh://tsd-remote', source: 'context' as const},
		{name: 'remote', host: `ssh://root@127.0.0.1:${sshd.port}`, source: 'saved' as const},
	]) {
		const client = clientFor(target, {env});
		const volumes = await listVolumes(client);
		assert.ok(
			volumes.some((volume) => volume.Name === 'tsd-ssh-vol'),
			target.name,
		);
		assert.ok(sshProcessesMentioning('tsdock-ssh-').length > 0, 'a master is up while the client lives');
		client.close();
		await mastersGone();
		assert.deepEqual(sshProcessesMentioning('tsdock-ssh-'), [], 'closing the client ended the master');
	}
});

test('exec over ssh: the hijacked stream (101 Upgrade) works through dial-stdio on the shared connection', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const {client, connector} = clientOver('ssh://tsd-remote');
	const before = sshd.logins();
	try {
		const result = await runExec(client, 'tsd-ssh-sleeper', [
			'sh',
			'-c',
			'echo in the container; echo on stderr >&2; exit 4',
		]);
		assert.deepEqual(result, {exitCode: 4, stdout: 'in the container', stderr: 'on stderr'});
		const again = await runExec(client, 'tsd-ssh-sleeper', ['cat', '/proc/1/cmdline']);
		assert.match(again.stdout, /sleep/);
		assert.equal(sshd.logins() - before, 1);
	} finally {
		client.close();
		await connector.close();
	}
});
