/**
 * Docker contexts made by the docker CLI itself (HOME/DOCKER_CONFIG in a temp dir): listContexts equals
 * `docker context ls`; DOCKER_CONTEXT and `docker context use` select the context tsdock talks to; a TLS
 * context works through its stored certificates; listTargets/clientFor serve the TUI's host switcher.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {dockerCli, startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {ensurePackage, freePort, makeTlsFiles, tlsDaemonArgs, type TlsFiles} from './helpers/tls.ts';
import {runCli} from './helpers/cli.ts';
import {
	TsdockError,
	createClient,
	listContainers,
	listContexts,
	listVolumes,
	resolveEndpoint,
} from '../source/core/index.ts';
import {clientFor, listTargets} from '../source/core/hosts.ts';

const unavailable = ensurePackage('openssl', '/usr/bin/openssl');
let daemon: TestDaemon;
let files: TlsFiles;
let root: string;
let home: string;
let tlsHost: string;
/** HOME and DOCKER_CONFIG in the temp dir, nothing else pointing anywhere. */
let env: NodeJS.ProcessEnv;

function contextCli(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(dockerCli, args, {env: {...env, ...extra}}, (error, stdout, stderr) => {
			if (error) reject(new Error(`docker ${args.join(' ')}: ${stderr.trim()}`));
			else resolve(stdout);
		});
	});
}

before(async () => {
	if (unavailable) return;
	root = mkdtempSync(path.join(tmpdir(), 'tsd-ctx-home-'));
	home = path.join(root, 'home');
	mkdirSync(path.join(home, '.docker'), {recursive: true});
	env = {PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: path.join(home, '.docker')};
	files = makeTlsFiles(path.join(root, 'certs'));
	const port = await freePort();
	tlsHost = `tcp://127.0.0.1:${port}`;
	daemon = await startDaemon({extraArgs: tlsDaemonArgs(files, port)});
	await buildBase(daemon);
	await daemon.docker(['volume', 'create', 'tsd-ctx-vol']);
	await daemon.docker(['create', '--name', 'tsd-ctx-idle', 'tsd-base:1', 'true']);
	await contextCli([
		'context',
		'create',
		'good',
		'--description',
		'the test daemon',
		'--docker',
		`host=${daemon.host}`,
	]);
	await contextCli(['context', 'create', 'broken', '--docker', 'host=unix:///nonexistent/tsd.sock']);
	await contextCli([
		'context',
		'create',
		'secure',
		'--docker',
		`host=${tlsHost},ca=${files.caCert},cert=${files.clientCert},key=${files.clientKey}`,
	]);
	await contextCli(['context', 'create', 'ctx10', '--docker', 'host=tcp://10.0.0.10:2375']);
	await contextCli(['context', 'create', 'ctx9', '--docker', 'host=ssh://deploy@build-9']);
	await contextCli(['context', 'create', 'Zed', '--docker', 'host=tcp://10.0.0.26:2375']);
});

after(async () => {
	await daemon?.stop();
	if (root) rmSync(root, {recursive: true, force: true});
});

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);

async function cliContexts(extra: NodeJS.ProcessEnv = {}) {
	return lines(await contextCli(['context', 'ls', '--format', '{{json .}}'], extra)).map(
		(line) => JSON.parse(line) as {Name: string; Description: string; DockerEndpoint: string; Current: boolean},
	);
}

const ours = (extra: NodeJS.ProcessEnv = {}) =>
	listContexts({...env, ...extra}).map((context) => ({
		Name: context.name,
		Description: context.description ?? '',
		DockerEndpoint: context.host,
		Current: context.current,
	}));

const theirs = async (extra: NodeJS.ProcessEnv = {}) =>
	(await cliContexts(extra)).map(({Name, Description, DockerEndpoint, Current}) => ({
		Name,
		Description,
		DockerEndpoint,
		Current,
	}));

test('listContexts equals `docker context ls` (order, endpoints, descriptions, current) under config, DOCKER_CONTEXT and DOCKER_HOST', async (t) => {
	if (unavailable) return t.skip(unavailable);
	await contextCli(['context', 'use', 'default']);
	assert.deepEqual(ours(), await theirs());
	await contextCli(['context', 'use', 'good']);
	assert.deepEqual(ours(), await theirs());
	assert.equal(ours().find((context) => context.Current)?.Name, 'good');
	assert.deepEqual(ours({DOCKER_CONTEXT: 'secure'}), await theirs({DOCKER_CONTEXT: 'secure'}));
	assert.deepEqual(
		ours({DOCKER_HOST: 'unix:///tmp/elsewhere.sock'}),
		await theirs({DOCKER_HOST: 'unix:///tmp/elsewhere.sock'}),
	);
	assert.equal(ours().length, 7);

	// And through the built CLI.
	const result = await runCli(['contexts', '--json'], env);
	assert.equal(result.exitCode, 0, result.stderr);
	const json = JSON.parse(result.stdout) as Array<{name: string; host: string; current: boolean}>;
	assert.deepEqual(
		json.map((context) => [context.name, context.host, context.current]),
		(await theirs()).map((context) => [context.Name, context.DockerEndpoint, context.Current]),
	);
});

test('currentContext (docker context use) and DOCKER_CONTEXT select the daemon; DOCKER_HOST wins over both', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const names = async (client: ReturnType<typeof createClient>) =>
		new Set((await listVolumes(client)).map((volume) => volume.Name));
	const expected = new Set(lines((await daemon.docker(['volume', 'ls', '-q'])).stdout));

	await contextCli(['context', 'use', 'good']);
	const viaCurrent = createClient({env});
	assert.equal(viaCurrent.endpoint.contextName, 'good');
	assert.deepEqual(await names(viaCurrent), expected);
	viaCurrent.close();

	const viaEnv = createClient({env: {...env, DOCKER_CONTEXT: 'broken'}});
	assert.equal(viaEnv.endpoint.contextName, 'broken');
	await assert.rejects(
		listContainers(viaEnv),
		(error: unknown) =>
			error instanceof TsdockError &&
			error.kind === 'unreachable' &&
			/broken \(unix:\/\/\/nonexistent\/tsd\.sock\)/.test(error.message),
	);
	viaEnv.close();

	const viaHost = createClient({env: {...env, DOCKER_CONTEXT: 'broken', DOCKER_HOST: daemon.host}});
	assert.deepEqual(await names(viaHost), expected);
	viaHost.close();

	// The CLI agrees: `docker context use good` then plain `tsdock volumes`.
	const cli = await runCli(['volumes', '--json'], env);
	assert.equal(cli.exitCode, 0, cli.stderr);
	assert.deepEqual(new Set((JSON.parse(cli.stdout) as Array<{name: string}>).map((volume) => volume.name)), expected);
	const broken = await runCli(['--context', 'broken', 'ps'], env);
	assert.notEqual(broken.exitCode, 0);
	assert.match(broken.stderr, /broken/);
	await contextCli(['context', 'use', 'default']);
});

test('a TLS context created with ca=,cert=,key= works through its stored certificates', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const endpoint = resolveEndpoint({context: 'secure', env});
	assert.equal(endpoint.kind, 'tcp');
	assert.ok(
		endpoint.tls?.verify && endpoint.tls.ca && endpoint.tls.cert && endpoint.tls.key,
		'CA, certificate and key from the context store',
	);
	const client = createClient({context: 'secure', env});
	try {
		const containers = await listContainers(client, {all: true});
		assert.deepEqual(
			new Set(containers.map((container) => container.Id)),
			new Set(lines((await daemon.docker(['ps', '-a', '-q', '--no-trunc'])).stdout)),
		);
	} finally {
		client.close();
	}
	// The docker CLI reads the same context the same way.
	const cliPs = lines(await contextCli(['--context', 'secure', 'ps', '-a', '-q', '--no-trunc']));
	const ourPs = await runCli(['--context', 'secure', 'ps', '-a', '--json'], env);
	assert.equal(ourPs.exitCode, 0, ourPs.stderr);
	assert.deepEqual(
		new Set((JSON.parse(ourPs.stdout) as Array<{id: string}>).map((container) => container.id)),
		new Set(cliPs),
	);
});

test('listTargets gives contexts and saved hosts as plain data; clientFor connects to each', async (t) => {
	if (unavailable) return t.skip(unavailable);
	await contextCli(['context', 'use', 'good']);
	const saved = [
		{name: 'lab', host: daemon.host},
		{name: 'good', host: daemon.host},
		{name: '', host: ''},
	];
	const targets = listTargets(saved, {env});
	const cliRows = await cliContexts();
	assert.deepEqual(
		targets.map((target) => [target.name, target.host, target.source, target.current ?? false]),
		[
			...cliRows.map((row) => [row.Name, row.DockerEndpoint, 'context', row.Current]),
			['lab', daemon.host, 'saved', false],
			['good (saved)', daemon.host, 'saved', false],
		],
	);
	assert.equal(targets.find((target) => target.current)?.name, 'good');
	assert.deepEqual(JSON.parse(JSON.stringify(targets)), targets, 'plain data');
	const withFlag = listTargets(saved, {env, flagHost: daemon.host});
	assert.equal(withFlag[0]?.source, 'flag');
	assert.equal(withFlag.filter((target) => target.current).length, 1);

	const expected = new Set(lines((await daemon.docker(['volume', 'ls', '-q'])).stdout));
	for (const name of ['good', 'secure', 'lab']) {
		const target = targets.find((candidate) => candidate.name === name)!;
		const client = clientFor(target, {env});
		try {
			assert.deepEqual(new Set((await listVolumes(client)).map((volume) => volume.Name)), expected, name);
		} finally {
			client.close();
		}
	}
	const broken = clientFor(
		targets.find((target) => target.name === 'broken')!,
		{env},
	);
	await assert.rejects(listVolumes(broken), /cannot connect to the Docker daemon at broken/);
	broken.close();
	// The default context follows DOCKER_HOST like the docker CLI's.
	const defaultTarget = listTargets([], {env: {...env, DOCKER_HOST: daemon.host}}).find(
		(target) => target.name === 'default',
	)!;
	assert.equal(defaultTarget.host, daemon.host);
	const viaDefault = clientFor(defaultTarget, {env: {...env, DOCKER_HOST: daemon.host}});
	assert.deepEqual(new Set((await listVolumes(viaDefault)).map((volume) => volume.Name)), expected);
	viaDefault.close();
	await contextCli(['context', 'use', 'default']);
});
