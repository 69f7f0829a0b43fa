/**
 * Podman's Docker-compatible API (rootful `podman system service` on a private socket with private storage):
 * the core knows it is Podman, lists the images, volumes and containers podman made, and its disk usage sums
 * like `podman system df` once Podman's /system/df answer is normalised.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {podmanUnavailable, startPodman, type TestPodman} from './helpers/podman.ts';
import {runCli} from './helpers/cli.ts';
import {
	EngineClient,
	diskUsage,
	listContainers,
	listImages,
	listVolumes,
	parseHost,
	summariseDf,
	systemDfRaw,
	type EngineEvent,
} from '../source/core/index.ts';
import {engineName, engineVersion, isPodman} from '../source/core/hosts.ts';
import {normalizePodmanDf} from '../source/core/system.ts';
import {recordEvents} from './helpers/events.ts';

const unavailable = podmanUnavailable();
let podman: TestPodman;
let client: EngineClient;
let imageId: string;
let containerCreated = false;

before(async () => {
	if (unavailable) return;
	podman = await startPodman();
	imageId = await podman.build(
		'tsd-pm:1',
		'FROM scratch\nCOPY busybox /bin/busybox\nLABEL tsd=podman\nCMD ["/bin/busybox", "sh"]\n',
	);
	await podman.podman(['volume', 'create', 'tsd-pm-vol']);
	await podman.podman(['volume', 'create', '--label', 'team=qa', 'tsd-pm-data']);
	const mountpoint = (
		JSON.parse((await podman.podman(['volume', 'inspect', 'tsd-pm-data'])).stdout) as Array<{Mountpoint: string}>
	)[0]!.Mountpoint;
	writeFileSync(path.join(mountpoint, 'blob'), Buffer.alloc(30_000, 7));
	// Creating (not starting) a container needs no runtime; starting may fail on rlimits in a sandbox.
	containerCreated = await podman
		.podman([
			'create',
			'--name',
			'tsd-pm-box',
			'--network',
			'none',
			'-v',
			'tsd-pm-vol:/data',
			'tsd-pm:1',
			'/bin/busybox',
			'true',
		])
		.then(
			() => true,
			() => false,
		);
	client = new EngineClient(parseHost(podman.host, 'test'));
});

after(async () => {
	client?.close();
	await podman?.stop();
});

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);

test('the core knows it is talking to Podman (Libpod-Api-Version on /_ping, "Podman Engine" in /version)', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const ping = await client.negotiate();
	assert.equal(ping.podman, true);
	assert.equal(await isPodman(client), true);
	assert.equal(await engineName(client), 'Podman');
	const version = await engineVersion(client);
	const podmanVersion = (await podman.podman(['version', '--format', '{{.Client.Version}}'])).stdout.trim();
	assert.deepEqual(version, {name: 'Podman', version: podmanVersion, apiVersion: ping.apiVersion});
	t.diagnostic(
		`Podman ${podmanVersion} reports Engine API ${ping.apiVersion}; osType header: ${ping.osType ?? 'none'}`,
	);
});

test('images, volumes and containers made with podman are what the core lists', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const images = await listImages(client);
	assert.deepEqual(
		new Set(images.map((image) => image.Id)),
		new Set(lines((await podman.podman(['images', '-q', '--no-trunc'])).stdout)),
	);
	assert.ok(
		images.some(
			(image) =>
				image.Id.endsWith(imageId) &&
				(image.RepoTags ?? []).includes('localhost/tsd-pm:1') &&
				image.Labels?.tsd === 'podman',
		),
	);
	const all = await listImages(client, {all: true});
	assert.deepEqual(
		new Set(all.map((image) => image.Id)),
		new Set(lines((await podman.podman(['images', '-a', '-q', '--no-trunc'])).stdout)),
	);

	const volumes = await listVolumes(client);
	assert.deepEqual(
		volumes.map((volume) => volume.Name).sort(),
		lines((await podman.podman(['volume', 'ls', '-q'])).stdout).sort(),
	);
	assert.deepEqual(volumes.find((volume) => volume.Name === 'tsd-pm-data')?.Labels, {team: 'qa'});
	assert.ok(volumes.every((volume) => volume.Driver === 'local'));

	const containers = await listContainers(client, {all: true});
	assert.deepEqual(
		new Set(containers.map((container) => container.Id)),
		new Set(lines((await podman.podman(['ps', '-a', '-q', '--no-trunc'])).stdout)),
	);
	if (containerCreated)
		assert.equal(containers.find((container) => container.Names?.includes('/tsd-pm-box'))?.State, 'created');
	// The TUI's start-up listing goes unversioned, before any negotiation: Podman answers it the same.
	const early = new EngineClient(parseHost(podman.host, 'test'));
	try {
		const unversioned = await listContainers(early, {all: true, unversioned: true});
		assert.equal(early.apiVersion, undefined, 'nothing was negotiated');
		assert.deepEqual(
			new Set(unversioned.map((container) => container.Id)),
			new Set(containers.map((container) => container.Id)),
		);
	} finally {
		early.close();
	}
});

test("disk usage: Podman's /system/df normalised sums exactly like `podman system df`", async (t) => {
	if (unavailable) return t.skip(unavailable);
	const raw = await systemDfRaw(client);
	const rows = summariseDf(normalizePodmanDf(raw, true));
	const theirs = lines((await podman.podman(['system', 'df', '--format', '{{json .}}'])).stdout).map(
		(line) => JSON.parse(line) as {Type: string; Total: number; Active: number; Size: number; Reclaimable: number},
	);
	assert.equal(theirs.length, 3);
	for (const row of theirs) {
		const mine = rows.find((candidate) => candidate.type === row.Type);
		assert.ok(mine, row.Type);
		assert.deepEqual(
			[mine.total, mine.active, mine.size, mine.reclaimable],
			[row.Total, row.Active, row.Size, row.Reclaimable],
			row.Type,
		);
	}
	assert.ok(theirs.find((row) => row.Type === 'Local Volumes')!.Size >= 30_000, 'the volume data is counted');
	// The un-normalised answer still gives the right counts; its image sizes are what Podman leaves out.
	const plain = await diskUsage(client);
	for (const row of theirs) {
		const mine = plain.rows.find((candidate) => candidate.type === row.Type)!;
		assert.deepEqual([mine.total, mine.active], [row.Total, row.Active], row.Type);
	}
	t.diagnostic(
		`Podman /system/df: LayersSize=${raw.LayersSize}, volume Driver=${JSON.stringify(raw.Volumes?.[0]?.Driver)}, image RepoTags=${JSON.stringify(raw.Images?.map((image) => image.RepoTags))}; un-normalised Images row size=${plain.rows[0]!.size} reclaimable=${plain.rows[0]!.reclaimable}`,
	);
	// Docker answers pass through untouched.
	assert.equal(normalizePodmanDf(raw, false), raw);
});

test('the event stream works against Podman (volume events carry the name in Attributes)', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const events = await recordEvents(client);
	await podman.podman(['volume', 'create', 'tsd-pm-event']);
	const match = (event: EngineEvent) =>
		event.Type === 'volume' && (event.Actor?.ID === 'tsd-pm-event' || event.Actor?.Attributes?.name === 'tsd-pm-event');
	const found = await events.until(match);
	await events.stop();
	assert.ok(found, JSON.stringify(events.seen));
	await podman.podman(['volume', 'rm', 'tsd-pm-event']);
});

test('dist/cli.js against the Podman socket: images, volumes, ps and df', async (t) => {
	if (unavailable) return t.skip(unavailable);
	const env = {...process.env, DOCKER_HOST: podman.host};
	const images = await runCli(['images', '--json'], env);
	assert.equal(images.exitCode, 0, images.stderr);
	assert.deepEqual(
		new Set((JSON.parse(images.stdout) as Array<{id: string}>).map((image) => image.id)),
		new Set(lines((await podman.podman(['images', '-q', '--no-trunc'])).stdout)),
	);
	const volumes = await runCli(['volumes', '--json'], env);
	assert.equal(volumes.exitCode, 0, volumes.stderr);
	assert.deepEqual(
		(JSON.parse(volumes.stdout) as Array<{name: string}>).map((volume) => volume.name).sort(),
		lines((await podman.podman(['volume', 'ls', '-q'])).stdout).sort(),
	);
	const ps = await runCli(['ps', '-a', '--json'], env);
	assert.equal(ps.exitCode, 0, ps.stderr);
	assert.equal(
		(JSON.parse(ps.stdout) as unknown[]).length,
		lines((await podman.podman(['ps', '-a', '-q'])).stdout).length,
	);
	const df = await runCli(['df', '--json'], env);
	assert.equal(df.exitCode, 0, df.stderr);
	const rows = (JSON.parse(df.stdout) as {rows: Array<{type: string; total: number}>}).rows;
	assert.equal(
		rows.find((row) => row.type === 'Local Volumes')?.total,
		lines((await podman.podman(['volume', 'ls', '-q'])).stdout).length,
	);
});
