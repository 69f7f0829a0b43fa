import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {build, createFixtures} from './helpers/fixtures.ts';
import {
	createClient,
	humanSize,
	planImagePrune,
	planSystemPrune,
	planVolumePrune,
	runImagePrune,
	runSystemPrune,
	runVolumePrune,
	systemDfRaw,
	type EngineClient,
} from '../source/core/index.ts';

// Twin daemons with the same fixtures: the docker CLI prunes one, tsdock's core the other.
let cliSide: TestDaemon;
let ourSide: TestDaemon;
let client: EngineClient;

before(async () => {
	[cliSide, ourSide] = await Promise.all([startDaemon(), startDaemon()]);
	await Promise.all([createFixtures(cliSide), createFixtures(ourSide)]);
	client = createClient({host: ourSide.host});
});

after(async () => {
	client?.close();
	await Promise.all([cliSide?.stop(), ourSide?.stop()]);
});

const ids = async (daemon: TestDaemon, args: string[]) =>
	new Set((await daemon.docker(args)).stdout.split('\n').filter(Boolean));
const allImages = (daemon: TestDaemon) => ids(daemon, ['images', '-a', '-q', '--no-trunc']);
// Image IDs differ between daemons only by build time: compare by what the image was (its tags/ancestry) via history.
const fingerprint = async (daemon: TestDaemon, id: string) =>
	(await daemon.docker(['history', '-q', '--no-trunc', id])).stdout.split('\n').length +
	':' +
	(await daemon.docker(['inspect', '-f', '{{.Size}} {{.Config.Labels}} {{len .RootFS.Layers}}', id])).stdout.trim();
const removedFingerprints = async (daemon: TestDaemon, before: Set<string>) => {
	const afterSet = await allImages(daemon);
	return [...before].filter((id) => !afterSet.has(id));
};
const reclaimedLine = (output: string) => /Total reclaimed space: (\S+)/.exec(output)?.[1];

test('dangling prune: tsdock removes the same images and reclaims the same bytes as docker image prune, keeping the in-use one', async () => {
	const fingerprintsBefore = new Map<string, string>();
	const cliBefore = await allImages(cliSide);
	for (const id of cliBefore) fingerprintsBefore.set(id, await fingerprint(cliSide, id));
	const cliOut = (await cliSide.docker(['image', 'prune', '-f'])).stdout;
	const cliRemoved = (await removedFingerprints(cliSide, cliBefore)).map((id) => fingerprintsBefore.get(id)!).sort();

	const ourBefore = await allImages(ourSide);
	const ourPrints = new Map<string, string>();
	for (const id of ourBefore) ourPrints.set(id, await fingerprint(ourSide, id));
	const plan = await planImagePrune(client, 'dangling');
	assert.deepEqual(await allImages(ourSide), ourBefore, 'planning removes nothing');
	assert.deepEqual(
		plan.keptInUse.flatMap((kept) => kept.containers),
		['tsd-holder'],
	);
	const layersBefore = (await systemDfRaw(client)).LayersSize;
	const run = await runImagePrune(client, plan);
	const ourRemovedIds = await removedFingerprints(ourSide, ourBefore);
	assert.deepEqual(new Set(ourRemovedIds), new Set(plan.items.map((item) => item.id)), 'removed exactly the preview');
	assert.deepEqual(
		ourRemovedIds.map((id) => ourPrints.get(id)!).sort(),
		cliRemoved,
		'the same images as the docker CLI',
	);
	assert.deepEqual(run.skipped, []);
	assert.equal(run.spaceReclaimed, plan.bytes);
	assert.equal(
		layersBefore - (await systemDfRaw(client)).LayersSize,
		plan.bytes,
		'the layer store shrank by the planned bytes',
	);
	assert.equal(humanSize(run.spaceReclaimed), reclaimedLine(cliOut), 'the CLI reports the same reclaimed space');
});

test('an image that turns dangling after the preview is not removed by the run', async () => {
	await build(ourSide, 'tsd-race:1', 'FROM tsd-base:1\nRUN echo a > /race\n');
	const plan = await planImagePrune(client, 'dangling');
	assert.equal(plan.items.length, 0);
	// Another client rebuilds the tag: a new dangling image appears between preview and y.
	await build(ourSide, 'tsd-race:1', 'FROM tsd-base:1\nRUN echo b > /race\n');
	const dangling = await ids(ourSide, ['images', '-f', 'dangling=true', '-q', '--no-trunc']);
	const run = await runImagePrune(client, plan);
	assert.deepEqual(run.deleted, []);
	assert.deepEqual(await ids(ourSide, ['images', '-f', 'dangling=true', '-q', '--no-trunc']), dangling);
});

test('prune -a: tsdock removes what docker image prune -a removes', async () => {
	const cliBefore = await allImages(cliSide);
	const prints = new Map<string, string>();
	for (const id of cliBefore) prints.set(id, await fingerprint(cliSide, id));
	await cliSide.docker(['image', 'prune', '-a', '-f']);
	const cliRemoved = (await removedFingerprints(cliSide, cliBefore)).map((id) => prints.get(id)!).sort();
	const cliTags = (await cliSide.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout
		.split('\n')
		.filter(Boolean)
		.sort();

	// Our side has one extra image from the race test: remove it first so both sides match.
	await ourSide.docker(['rmi', 'tsd-race:1']);
	await ourSide.docker(['image', 'prune', '-f']);
	const ourBefore = await allImages(ourSide);
	const ourPrints = new Map<string, string>();
	for (const id of ourBefore) ourPrints.set(id, await fingerprint(ourSide, id));
	const plan = await planImagePrune(client, 'all');
	const run = await runImagePrune(client, plan);
	assert.deepEqual(run.skipped, []);
	const ourRemoved = (await removedFingerprints(ourSide, ourBefore)).map((id) => ourPrints.get(id)!).sort();
	assert.deepEqual(ourRemoved, cliRemoved);
	const ourTags = (await ourSide.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout
		.split('\n')
		.filter(Boolean)
		.sort();
	assert.deepEqual(ourTags, cliTags);
});

test('volume prune removes the unused volumes docker volume prune removes, with their bytes', async () => {
	const cliOut = (await cliSide.docker(['volume', 'prune', '-f'])).stdout;
	const cliLeft = await ids(cliSide, ['volume', 'ls', '-q']);
	const plan = await planVolumePrune(client, false);
	assert.equal(plan.anonymousOnly, false, 'API 1.41 prunes every unused local volume');
	const run = await runVolumePrune(client, plan);
	assert.deepEqual(await ids(ourSide, ['volume', 'ls', '-q']), cliLeft);
	assert.ok(run.deleted.includes('tsd-vol-unused'));
	assert.equal(humanSize(run.spaceReclaimed), reclaimedLine(cliOut));
});

test('system prune removes stopped containers, then the images only they used', async () => {
	const plan = await planSystemPrune(client, {});
	const stopped = await ids(ourSide, ['ps', '-a', '-q', '--no-trunc', '-f', 'status=exited', '-f', 'status=created']);
	assert.deepEqual(new Set(plan.containers.map((c) => c.id)), stopped);
	assert.ok(plan.images.items.length >= 1, 'the dangling image tsd-holder used becomes prunable');
	const run = await runSystemPrune(client, plan);
	assert.deepEqual(run.containers.skipped, []);
	assert.deepEqual(await ids(ourSide, ['ps', '-a', '-q', '-f', 'status=exited', '-f', 'status=created']), new Set());
	assert.deepEqual(await ids(ourSide, ['images', '-f', 'dangling=true', '-q']), new Set());
	assert.equal(run.spaceReclaimed, plan.bytes);
});

// Last: it changes this side, which the tests above compare with its twin.
test('a prune while another client prunes: what the other removed is skipped and said, nothing unseen is removed', async () => {
	await build(ourSide, 'tsd-race2:1', 'FROM tsd-base:1\nRUN echo one > /race2\n');
	await build(ourSide, 'tsd-race2:1', 'FROM tsd-base:1\nRUN echo two > /race2\n');
	const plan = await planImagePrune(client, 'dangling');
	assert.ok(plan.items.length > 0, 'the rebuild left a dangling image to preview');
	// Another client prunes first, then a new dangling image appears: the user saw neither.
	await ourSide.docker(['image', 'prune', '-f']);
	await build(ourSide, 'tsd-race2:1', 'FROM tsd-base:1\nRUN echo three > /race2\n');
	const danglingNow = await ids(ourSide, ['images', '-f', 'dangling=true', '-q', '--no-trunc']);
	const run = await runImagePrune(client, plan);
	assert.deepEqual(run.deleted, []);
	assert.equal(run.spaceReclaimed, 0);
	assert.deepEqual(
		run.skipped.map((each) => each.what).sort(),
		plan.items
			.filter((item) => !item.intermediate)
			.map((item) => item.id)
			.sort(),
	);
	for (const each of run.skipped) assert.match(each.reason, /no such image|not found/i);
	assert.deepEqual(
		await ids(ourSide, ['images', '-f', 'dangling=true', '-q', '--no-trunc']),
		danglingNow,
		'the new dangling image stays',
	);
});
