import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {dockerCli} from './helpers/daemon.ts';
import {busyboxContext} from './helpers/fixtures.ts';
import {jsonLines} from './helpers/compare.ts';
import {
	diskUsage,
	humanSize,
	reclaimableText,
	summariseDf,
	systemDfRaw,
	type DfRow,
	type SystemDfResponse,
} from '../source/core/index.ts';
import {client, daemon, fixtures, setUpFixtureDaemon} from './helpers/fixture-daemon.ts';

setUpFixtureDaemon(async () => {
	// Containers with their own bytes: a stopped one (reclaimable), a running one and a paused one (active).
	await daemon.docker([
		'run',
		'--name',
		'tsd-writer',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'head -c 40000 /dev/urandom > /w',
	]);
	for (const name of ['tsd-writer-up', 'tsd-writer-paused']) {
		await daemon.docker([
			'run',
			'-d',
			'--name',
			name,
			'--network',
			'none',
			'tsd-base:1',
			'sh',
			'-c',
			'head -c 10000 /dev/urandom > /w; exec sleep 100000',
		]);
	}
	await daemon.docker(['pause', 'tsd-writer-paused']);
	// The in-use volume gets bytes too.
	await daemon.docker(['exec', fixtures.loggerName, 'sh', '-c', 'head -c 7000 /dev/urandom > /data/x']);
	await buildkitBuild(
		'tsd-bk:1',
		'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox head -c 30000 /dev/urandom > /r"]\n',
	);
});

/** A BuildKit build (offline, no network): it leaves build cache records, some of them shared with the image. */
function buildkitBuild(tag: string, dockerfile: string): Promise<void> {
	const context = busyboxContext();
	const file = path.join(context, `Dockerfile.${tag.replace(/[^a-z0-9]/g, '-')}`);
	writeFileSync(file, dockerfile);
	return new Promise((resolve, reject) => {
		execFile(
			dockerCli,
			['--host', daemon.host, 'build', '--network', 'none', '-q', '-t', tag, '-f', file, context],
			{env: {...daemon.env, DOCKER_BUILDKIT: '1'}},
			(error, _stdout, stderr) => (error ? reject(new Error(`buildkit build failed: ${stderr}`)) : resolve()),
		);
	});
}

type CliRow = {Type: string; TotalCount: string; Active: string; Size: string; Reclaimable: string};

/** Format a row the way `docker system df` does (the build cache has no percentage). */
function formatRow(row: DfRow): CliRow {
	return {
		Type: row.type,
		TotalCount: String(row.total),
		Active: String(row.active),
		Size: humanSize(row.size),
		Reclaimable: reclaimableText(row.reclaimable, row.size, row.type !== 'Build Cache'),
	};
}

const cliRows = async () =>
	jsonLines<CliRow>((await daemon.docker(['system', 'df', '--format', '{{json .}}'])).stdout).map(
		({Type, TotalCount, Active, Size, Reclaimable}) => ({Type, TotalCount, Active, Size, Reclaimable}),
	);

test('summariseDf rows equal `docker system df` (type, total, active, size, reclaimable) on the fixture', async () => {
	const raw = await systemDfRaw(client);
	const rows = summariseDf(raw);
	const cli = await cliRows();
	assert.deepEqual(rows.map(formatRow), cli);
	// The fixture makes every row non-trivial.
	const [images, containers, volumes, cache] = rows;
	assert.ok(images!.total >= 8 && images!.active >= 2 && images!.reclaimable > 0 && images!.reclaimable < images!.size);
	assert.equal(containers!.total, 6);
	assert.equal(containers!.active, 3, 'running and paused containers are active');
	assert.ok(containers!.size >= 60_000, `container bytes ${containers!.size}`);
	assert.ok(
		containers!.reclaimable >= 40_000 && containers!.reclaimable < containers!.size,
		'only the stopped ones are reclaimable',
	);
	assert.deepEqual([volumes!.total, volumes!.active, volumes!.size, volumes!.reclaimable], [2, 1, 27_000, 20_000]);
	assert.ok(cache!.total >= 3, 'BuildKit left cache records');
	assert.ok(
		(raw.BuildCache ?? []).some((record) => record.Shared),
		'some of them shared with the image',
	);
	assert.ok(cache!.size > 0 && cache!.reclaimable === cache!.size, 'nothing in use');
});

test('diskUsage gives the same rows, and they follow the daemon as things change', async () => {
	const first = await diskUsage(client);
	assert.deepEqual(first.rows.map(formatRow), await cliRows());
	await daemon.docker(['stop', '-t', '0', 'tsd-writer-up']);
	await daemon.docker(['volume', 'create', 'tsd-vol-extra']);
	const second = await diskUsage(client);
	assert.deepEqual(second.rows.map(formatRow), await cliRows());
	assert.equal(second.rows[1]!.active, first.rows[1]!.active - 1);
	assert.ok(second.rows[1]!.reclaimable > first.rows[1]!.reclaimable, "a stopped container's bytes become reclaimable");
	assert.equal(second.rows[2]!.total, first.rows[2]!.total + 1);
});

test('summariseDf follows the CLI on edge cases: nothing at all, and sizes the daemon could not measure (-1)', () => {
	const empty: SystemDfResponse = {LayersSize: 0, Images: null, Containers: null, Volumes: null, BuildCache: null};
	assert.deepEqual(summariseDf(empty).map(formatRow), [
		{Type: 'Images', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B'},
		{Type: 'Containers', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B'},
		{Type: 'Local Volumes', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B'},
		{Type: 'Build Cache', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B'},
	]);
	const unmeasured: SystemDfResponse = {
		LayersSize: 1000,
		Images: [
			{
				Id: 'a',
				ParentId: '',
				RepoTags: null,
				RepoDigests: null,
				Created: 0,
				Size: 1000,
				SharedSize: -1,
				Labels: null,
				Containers: 1,
			},
		],
		Containers: [],
		Volumes: [
			{Name: 'v', Driver: 'local', Mountpoint: '', Labels: null, Scope: 'local', UsageData: {Size: -1, RefCount: 0}},
		],
		BuildCache: [],
	};
	const [images, , volumes] = summariseDf(unmeasured);
	assert.equal(
		images!.reclaimable,
		1000,
		'an image whose shared size is unknown counts as fully reclaimable, as in the CLI',
	);
	assert.deepEqual([volumes!.total, volumes!.size, volumes!.reclaimable], [1, 0, 0]);
});

test('the verbose view (`docker system df -v`): the same items, containers per image, links per volume, sizes', async () => {
	const raw = await systemDfRaw(client);
	type Verbose = {
		Images: Array<{ID: string; Containers: string; SharedSize: string; UniqueSize: string; VirtualSize: string}>;
		Containers: Array<{ID: string; Names: string; Size: string; LocalVolumes: string; State: string}>;
		Volumes: Array<{Name: string; Links: string; Size: string}>;
		BuildCache: Array<{ID: string; Size: string; Shared: string; InUse: string}>;
	};
	const cli = JSON.parse((await daemon.docker(['system', 'df', '-v', '--format', '{{json .}}'])).stdout) as Verbose;
	const images = raw.Images ?? [];
	assert.equal(cli.Images.length, images.length, 'one row per image (none has two tags)');
	for (const row of cli.Images) {
		const image = images.find((candidate) => candidate.Id === row.ID);
		assert.ok(image, `image ${row.ID}`);
		assert.equal(row.Containers, String(image.Containers), `containers using ${row.ID}`);
		assert.equal(row.SharedSize, humanSize(image.SharedSize));
		assert.equal(row.UniqueSize, humanSize(image.Size - image.SharedSize));
		assert.equal(row.VirtualSize, humanSize(image.Size));
	}
	assert.equal(
		images.find((image) => image.Id === fixtures.usedOldId)?.Containers,
		1,
		'the dangling image tsd-holder uses',
	);

	const containers = raw.Containers ?? [];
	assert.equal(cli.Containers.length, containers.length);
	for (const row of cli.Containers) {
		const container = containers.find((candidate) => candidate.Id === row.ID);
		assert.ok(container, `container ${row.Names}`);
		assert.equal(row.Size, humanSize(container.SizeRw ?? 0), `size of ${row.Names}`);
		assert.equal(row.State, container.State);
		assert.equal(row.LocalVolumes, String((container.Mounts ?? []).filter((mount) => mount.Type === 'volume').length));
	}

	const volumes = raw.Volumes ?? [];
	assert.equal(cli.Volumes.length, volumes.length);
	for (const row of cli.Volumes) {
		const volume = volumes.find((candidate) => candidate.Name === row.Name);
		assert.ok(volume, `volume ${row.Name}`);
		assert.equal(row.Links, String(volume.UsageData?.RefCount));
		assert.equal(row.Size, humanSize(volume.UsageData?.Size ?? 0));
	}

	const cache = raw.BuildCache ?? [];
	assert.equal(cli.BuildCache.length, cache.length);
	for (const row of cli.BuildCache) {
		const record = cache.find((candidate) => candidate.ID === row.ID);
		assert.ok(record, `cache record ${row.ID}`);
		assert.equal(row.Shared, String(record.Shared));
		assert.equal(row.InUse, String(record.InUse));
	}
});
