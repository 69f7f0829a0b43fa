import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {createFixtures, type Fixtures} from './helpers/fixtures.ts';
import {allImageIds, cliSet, lines, sorted} from './helpers/compare.ts';
import {
	createClient,
	humanSize,
	planImagePrune,
	planSystemPrune,
	planVolumePrune,
	pruneImages,
	pruneVolumes,
	type EngineClient,
	type ImagePrunePlan,
} from '../source/core/index.ts';

/**
 * Prune previews against the real thing. Each comparison uses twin daemons with identical fixtures: on one the
 * docker CLI prunes, on the other the core's pruneImages / pruneVolumes (the Engine's prune endpoints) does.
 * Both must remove exactly what the preview listed and reclaim exactly the bytes it announced.
 */

type Side = {daemon: TestDaemon; client: EngineClient; fixtures: Fixtures; requests: string[]};

let sides: Side[] = [];

async function side(): Promise<Side> {
	const daemon = await startDaemon();
	const fixtures = await createFixtures(daemon);
	const client = createClient({host: daemon.host});
	const requests: string[] = [];
	client.onRequest = (method, path) => requests.push(`${method} ${path}`);
	return {daemon, client, fixtures, requests};
}

// [cli, core] pairs: the first pair runs dangling then all; the second runs all on a fresh fixture.
let first: [Side, Side];
let second: [Side, Side];

before(async () => {
	sides = await Promise.all([side(), side(), side(), side()]);
	first = [sides[0]!, sides[1]!];
	second = [sides[2]!, sides[3]!];
});

after(async () => {
	for (const each of sides) each.client.close();
	await Promise.all(sides.map((each) => each.daemon.stop()));
});

/** What a daemon holds, to prove planning changes nothing. */
const snapshot = async (daemon: TestDaemon) => ({
	images: sorted(await allImageIds(daemon)),
	containers: sorted(await cliSet(daemon, ['ps', '-a', '-q', '--no-trunc'])),
	volumes: sorted(await cliSet(daemon, ['volume', 'ls', '-q'])),
});

/** Plan, checking that planning only reads and leaves everything in place. */
async function planQuietly<T>(each: Side, plan: () => Promise<T>): Promise<T> {
	const before = await snapshot(each.daemon);
	each.requests.length = 0;
	const result = await plan();
	assert.ok(each.requests.length > 0, 'requests are recorded');
	assert.deepEqual(
		each.requests.filter((request) => !request.startsWith('GET ')),
		[],
		'planning sends only GET requests',
	);
	assert.deepEqual(await snapshot(each.daemon), before, 'planning removed nothing');
	return result;
}

/** An image's identity across twin daemons (IDs differ by build time): its history's commands and its size. */
async function fingerprints(daemon: TestDaemon, ids: Iterable<string>): Promise<Map<string, string>> {
	const prints = new Map<string, string>();
	for (const id of ids) {
		const history = lines(
			(await daemon.docker(['history', '--no-trunc', '--human=false', '--format', '{{.CreatedBy}}|{{.Size}}', id]))
				.stdout,
		).join(' <- ');
		prints.set(id, history);
	}
	return prints;
}

const reclaimed = (output: string) => {
	const match = /Total reclaimed space: (\S+)/.exec(output);
	assert.ok(match, `no reclaimed line in:\n${output}`);
	return match[1];
};

/** The IDs on the CLI's "deleted: sha256:…" lines (images and layer chain IDs alike). */
const cliDeleted = (output: string) =>
	lines(output)
		.filter((line) => line.startsWith('deleted: '))
		.map((line) => line.slice('deleted: '.length));
const cliUntagged = (output: string) =>
	lines(output)
		.filter((line) => line.startsWith('untagged: '))
		.map((line) => line.slice('untagged: '.length));

async function compareImagePrune(
	scope: 'dangling' | 'all',
	[cli, core]: [Side, Side],
): Promise<{cliPlan: ImagePrunePlan; corePlan: ImagePrunePlan}> {
	// The docker CLI side.
	const cliBefore = await allImageIds(cli.daemon);
	const cliPrints = await fingerprints(cli.daemon, cliBefore);
	const cliPlan = await planQuietly(cli, () => planImagePrune(cli.client, scope));
	const output = (await cli.daemon.docker(['image', 'prune', '-f', ...(scope === 'all' ? ['-a'] : [])])).stdout;
	const cliAfter = await allImageIds(cli.daemon);
	const cliGone = [...cliBefore].filter((id) => !cliAfter.has(id));
	assert.deepEqual(
		sorted(cliPlan.items.filter((item) => !item.untagOnly).map((item) => item.id)),
		sorted(cliGone),
		'the plan lists exactly the images docker image prune removed',
	);
	assert.deepEqual(
		sorted(cliDeleted(output).filter((id) => cliBefore.has(id))),
		sorted(cliGone),
		"the CLI's deleted lines name those images",
	);
	assert.deepEqual(
		sorted(cliUntagged(output)),
		sorted(cliPlan.items.flatMap((item) => item.tags)),
		'and untag the tags the plan listed',
	);
	assert.equal(reclaimed(output), humanSize(cliPlan.bytes), 'Total reclaimed space is the planned bytes');

	// The core side: the Engine's prune endpoint through pruneImages.
	const coreBefore = await allImageIds(core.daemon);
	const corePrints = await fingerprints(core.daemon, coreBefore);
	const corePlan = await planQuietly(core, () => planImagePrune(core.client, scope));
	const result = await pruneImages(core.client, {all: scope === 'all'});
	const coreAfter = await allImageIds(core.daemon);
	const coreGone = [...coreBefore].filter((id) => !coreAfter.has(id));
	assert.deepEqual(
		sorted(corePlan.items.filter((item) => !item.untagOnly).map((item) => item.id)),
		sorted(coreGone),
		'the plan lists exactly the images pruneImages removed',
	);
	assert.deepEqual(sorted(result.deleted.filter((id) => coreBefore.has(id))), sorted(coreGone));
	assert.deepEqual(sorted(result.untagged), sorted(corePlan.items.flatMap((item) => item.tags)));
	assert.equal(result.spaceReclaimed, corePlan.bytes, 'SpaceReclaimed is the planned bytes, to the byte');
	assert.ok(corePlan.exact, 'layer sizes were known exactly');

	// Both ways agree: the same images (by what they are), the same bytes.
	assert.deepEqual(
		sorted(coreGone.map((id) => corePrints.get(id)!)),
		sorted(cliGone.map((id) => cliPrints.get(id)!)),
		'the CLI and the core removed the same images',
	);
	assert.equal(corePlan.bytes, cliPlan.bytes);
	assert.equal(cliDeleted(output).length, result.deleted.length, 'and the same number of images and layers');
	return {cliPlan, corePlan};
}

test('a second preview inspects no image again (layer chains are kept by image ID) and plans the same', async () => {
	const {daemon} = first[1];
	const client = createClient({host: daemon.host});
	const inspected: string[] = [];
	client.onRequest = (method, requestPath) => {
		if (method === 'GET' && /^\/images\/[^/]+\/json$/.test(requestPath)) inspected.push(requestPath);
	};
	try {
		const once = await planImagePrune(client, 'all');
		const images = await allImageIds(daemon);
		assert.equal(inspected.length, new Set(images).size, 'the first preview inspects each image once');
		const twice = await planImagePrune(client, 'all');
		assert.equal(inspected.length, new Set(images).size, 'the second preview inspects none');
		assert.ok(once.items.length > 0, 'the fixture has images to prune');
		assert.deepEqual(JSON.parse(JSON.stringify(twice)), JSON.parse(JSON.stringify(once)));
	} finally {
		client.close();
	}
});

test('dangling prune: the plan is exactly what docker image prune and pruneImages remove, with the bytes they reclaim', async () => {
	const {cliPlan, corePlan} = await compareImagePrune('dangling', first);
	for (const [plan, each] of [
		[cliPlan, first[0]],
		[corePlan, first[1]],
	] as const) {
		const {fixtures} = each;
		const leaves = plan.items.filter((item) => !item.intermediate);
		assert.deepEqual(
			sorted(leaves.map((item) => item.id)),
			sorted([fixtures.appOldId, fixtures.dataOldId]),
			'the two unused dangling images',
		);
		// The old data image's RUN step is an untagged parent only it has: it goes along.
		assert.equal(plan.items.filter((item) => item.intermediate).length, 1);
		assert.deepEqual(
			plan.keptInUse,
			[{id: fixtures.usedOldId, containers: [fixtures.holderName]}],
			'the dangling image tsd-holder uses is kept',
		);
		assert.ok((await allImageIds(each.daemon)).has(fixtures.usedOldId), 'and really was kept');
		// The old app image shares every layer with its replacement: only the old data image frees bytes (~100 kB).
		assert.ok(plan.bytes >= 100_000 && plan.bytes < 110_000, `bytes ${plan.bytes}`);
		assert.deepEqual(
			leaves.map((item) => item.name),
			['<none>:<none>', '<none>:<none>'],
		);
	}
	// Nothing dangling (and unused) is left for either.
	for (const each of first) {
		const again = await planImagePrune(each.client, 'dangling');
		assert.deepEqual(again.items, []);
		assert.equal(again.bytes, 0);
	}
});

test('prune -a after the dangling prune: the plan matches docker image prune -a and pruneImages({all})', async () => {
	const {cliPlan} = await compareImagePrune('all', first);
	const tags = sorted(cliPlan.items.flatMap((item) => item.tags));
	assert.deepEqual(tags, ['tsd-app:1', 'tsd-data:1', 'tsd-unused:1', 'tsd-used:1']);
	// What is left: the images containers use, on both sides alike.
	for (const each of first) {
		const left = lines((await each.daemon.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout).sort();
		assert.deepEqual(left, ['<none>:<none>', 'tsd-base:1']);
	}
});

test('prune -a on a fresh fixture (dangling and tagged together): the plan matches both ways', async () => {
	const {cliPlan, corePlan} = await compareImagePrune('all', second);
	assert.ok(
		cliPlan.items.some((item) => item.intermediate),
		'untagged parent images go with their children',
	);
	assert.ok(corePlan.bytes > 100_000, 'frees the dangling data image and more');
	assert.equal(corePlan.items.filter((item) => item.untagOnly).length, 0);
});

test('volume prune: the plan is what docker volume prune and pruneVolumes remove, with their bytes', async () => {
	const [cli, core] = first;
	for (const each of first) {
		// An unused anonymous volume with 5000 bytes, next to the fixture's named ones.
		await each.daemon.docker([
			'run',
			'--name',
			'tsd-anon',
			'--network',
			'none',
			'-v',
			'/anon',
			'tsd-base:1',
			'sh',
			'-c',
			'head -c 5000 /dev/urandom > /anon/x',
		]);
		await each.daemon.docker(['rm', 'tsd-anon']);
	}
	const cliBefore = await cliSet(cli.daemon, ['volume', 'ls', '-q']);
	const cliPlan = await planQuietly(cli, () => planVolumePrune(cli.client, false));
	assert.equal(cliPlan.anonymousOnly, false, 'API 1.41 prunes every unused local volume');
	assert.equal(cliPlan.skippedNamed, 0);
	const output = (await cli.daemon.docker(['volume', 'prune', '-f'])).stdout;
	const cliAfter = await cliSet(cli.daemon, ['volume', 'ls', '-q']);
	const cliGone = [...cliBefore].filter((name) => !cliAfter.has(name));
	const listed = lines(output.split('Total reclaimed space')[0]!).filter((line) => line !== 'Deleted Volumes:');
	assert.deepEqual(sorted(cliPlan.items.map((item) => item.name)), sorted(cliGone));
	assert.deepEqual(sorted(listed), sorted(cliGone), 'the CLI lists the volumes it deleted');
	assert.ok(cliGone.includes('tsd-vol-unused') && !cliGone.includes('tsd-vol-used'));
	assert.equal(cliGone.length, 2, 'the unused named volume and the anonymous one');
	assert.equal(reclaimed(output), humanSize(cliPlan.bytes));

	const coreBefore = await cliSet(core.daemon, ['volume', 'ls', '-q']);
	const corePlan = await planQuietly(core, () => planVolumePrune(core.client, false));
	const result = await pruneVolumes(core.client);
	const coreAfter = await cliSet(core.daemon, ['volume', 'ls', '-q']);
	const coreGone = [...coreBefore].filter((name) => !coreAfter.has(name));
	assert.deepEqual(sorted(corePlan.items.map((item) => item.name)), sorted(coreGone));
	assert.deepEqual(sorted(result.deleted), sorted(coreGone));
	assert.equal(result.spaceReclaimed, corePlan.bytes);
	assert.equal(corePlan.bytes, cliPlan.bytes, 'the same bytes both ways (20000 + 5000)');
	assert.equal(corePlan.bytes, 25_000);
	assert.deepEqual(sorted(corePlan.items.map((item) => item.size)), [20_000, 5000].sort());
});

test('system prune plan vs docker system prune: stopped containers, then the images only they held', async () => {
	const [cli] = second;
	// On the twin pruned with -a: tsd-holder's image is the only one left besides tsd-base.
	const containersBefore = await cliSet(cli.daemon, ['ps', '-a', '-q', '--no-trunc']);
	const imagesBefore = await allImageIds(cli.daemon);
	const plan = await planQuietly(cli, () => planSystemPrune(cli.client, {}));
	const output = (await cli.daemon.docker(['system', 'prune', '-f'])).stdout;
	const containersAfter = await cliSet(cli.daemon, ['ps', '-a', '-q', '--no-trunc']);
	const containersGone = [...containersBefore].filter((id) => !containersAfter.has(id));
	assert.deepEqual(sorted(plan.containers.map((container) => container.id)), sorted(containersGone));
	assert.deepEqual(
		sorted(plan.containers.map((container) => container.name)),
		[cli.fixtures.holderName, cli.fixtures.stoppedName].sort(),
	);
	const imagesAfter = await allImageIds(cli.daemon);
	const imagesGone = [...imagesBefore].filter((id) => !imagesAfter.has(id));
	assert.deepEqual(sorted(plan.images.items.map((item) => item.id)), sorted(imagesGone));
	assert.ok(imagesGone.includes(cli.fixtures.usedOldId), 'the dangling image tsd-holder held goes once tsd-holder has');
	assert.equal(reclaimed(output), humanSize(plan.bytes));
});
