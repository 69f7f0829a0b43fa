import {test} from 'node:test';
import assert from 'node:assert/strict';
import {build} from './helpers/fixtures.ts';
import {
	LogRing,
	applyContainerOperation,
	listContainers,
	nextMatch,
	planImageRemoval,
	removeImage,
	summariseOutcomes,
	systemDfRaw,
	type LogLine,
} from '../source/core/index.ts';
import {client, daemon, fixtures, setUpFixtureDaemon} from './helpers/fixture-daemon.ts';

setUpFixtureDaemon();

const line = (text: string): LogLine => ({stream: 'stdout', text});
const state = async (name: string) => (await daemon.docker(['inspect', '-f', '{{.State.Status}}', name])).stdout.trim();
const container = async (name: string) =>
	(await listContainers(client, {all: true})).find((c) => c.Names.includes(`/${name}`))!;
const imageIds = async () =>
	new Set((await daemon.docker(['images', '-a', '-q', '--no-trunc'])).stdout.split('\n').filter(Boolean));

test('the log ring keeps the newest lines, counts what fell off, and searches literally', () => {
	const ring = new LogRing(3);
	ring.push(['a.1', 'b(2', 'c.3', 'd[4', 'e.5'].map(line));
	assert.equal(ring.size, 3);
	assert.equal(ring.dropped, 2);
	assert.deepEqual(
		ring.slice(0, 3).map((l) => l.text),
		['c.3', 'd[4', 'e.5'],
	);
	assert.deepEqual(ring.search('.'), [0, 2], 'a dot is a dot, not any character');
	assert.deepEqual(ring.search('D['), [1], 'case-insensitive, brackets literal');
	assert.equal(nextMatch([0, 2], 2), 0, 'wraps around');
	assert.equal(nextMatch([0, 2], 0, true), 2, 'backwards wraps too');
	assert.equal(nextMatch([], 0), undefined);
	assert.throws(() => new LogRing(0), RangeError);
});

test('the log ring stays bounded under a flood', () => {
	const ring = new LogRing(10_000);
	for (let batch = 0; batch < 100; batch++) ring.push(Array.from({length: 1000}, (_, i) => line(`${batch}-${i}`)));
	assert.equal(ring.size, 10_000);
	assert.equal(ring.dropped, 90_000);
	assert.equal(ring.at(0)?.text, '90-0');
	assert.equal(ring.at(9_999)?.text, '99-999');
});

test('start/stop and pause/unpause follow the container state; a failure does not stop the rest', async () => {
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-act',
		'--network',
		'none',
		'--stop-timeout',
		'1',
		'tsd-base:1',
		'sleep',
		'600',
	]);
	let outcomes = await applyContainerOperation(client, 'pause-unpause', [await container('tsd-act')]);
	assert.deepEqual(
		outcomes.map((o) => [o.did, o.ok]),
		[['paused', true]],
	);
	assert.equal(await state('tsd-act'), 'paused');
	await applyContainerOperation(client, 'pause-unpause', [await container('tsd-act')]);
	assert.equal(await state('tsd-act'), 'running');
	const gone = {...(await container('tsd-act')), Id: 'f'.repeat(64), Names: ['/ghost']};
	outcomes = await applyContainerOperation(client, 'start-stop', [await container('tsd-act'), gone]);
	assert.equal(await state('tsd-act'), 'exited');
	assert.deepEqual(
		outcomes.map((o) => o.ok),
		[true, false],
	);
	assert.match(summariseOutcomes(outcomes), /1 of 2 stopped; ghost: .*No such container/i);
	outcomes = await applyContainerOperation(client, 'start-stop', [await container('tsd-act')]);
	assert.equal(outcomes[0]!.did, 'started');
	assert.equal(await state('tsd-act'), 'running');
});

test('remove with volumes takes the anonymous volume; plain remove leaves it', async () => {
	await daemon.docker(['create', '--name', 'tsd-anon1', '-v', '/anon', 'tsd-base:1', 'true']);
	await daemon.docker(['create', '--name', 'tsd-anon2', '-v', '/anon', 'tsd-base:1', 'true']);
	const volumeOf = async (name: string) =>
		(await daemon.docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', name])).stdout.trim();
	const v1 = await volumeOf('tsd-anon1');
	const v2 = await volumeOf('tsd-anon2');
	await applyContainerOperation(client, 'remove-with-volumes', [await container('tsd-anon1')]);
	await applyContainerOperation(client, 'remove', [await container('tsd-anon2')]);
	const volumes = (await daemon.docker(['volume', 'ls', '-q'])).stdout;
	assert.ok(!volumes.includes(v1), 'anonymous volume removed with -v');
	assert.ok(volumes.includes(v2), 'anonymous volume kept without -v');
});

test('removing one of two tags only untags; removing the last deletes exactly the planned images and bytes', async () => {
	await daemon.docker(['tag', 'tsd-data:1', 'tsd-data:extra']);
	const untag = await planImageRemoval(client, fixtures.dataNewId, 'tsd-data:extra');
	assert.equal(untag.untagOnly, true);
	assert.deepEqual(untag.deletes, []);
	const result = await removeImage(client, untag.reference);
	assert.deepEqual(result, {untagged: ['tsd-data:extra'], deleted: []});

	const plan = await planImageRemoval(client, fixtures.dataNewId, 'tsd-data:1');
	assert.equal(plan.untagOnly, false);
	assert.equal(plan.needsForce, false);
	assert.ok(plan.bytes > 40_000, `the image holds 50 kB of its own (planned ${plan.bytes})`);
	const before = await imageIds();
	const layersBefore = (await systemDfRaw(client)).LayersSize;
	const removed = await removeImage(client, plan.reference);
	assert.deepEqual(removed.untagged, ['tsd-data:1']);
	const after = await imageIds();
	assert.deepEqual(new Set([...before].filter((id) => !after.has(id))), new Set(plan.deletes));
	const layersAfter = (await systemDfRaw(client)).LayersSize;
	assert.equal(layersBefore - layersAfter, plan.bytes, 'the bytes planned are the bytes the layer store lost');
});

test('an image a container uses needs force, and the plan names the container', async () => {
	const plan = await planImageRemoval(client, fixtures.usedOldId);
	assert.equal(plan.needsForce, true);
	assert.deepEqual(plan.usedBy, ['tsd-holder']);
	await assert.rejects(
		removeImage(client, plan.reference),
		(error: Error & {kind?: string}) => error.kind === 'conflict' && /container/.test(error.message),
	);
	const other = await build(daemon, 'tsd-two:a', 'FROM tsd-base:1\nRUN echo two > /two\n');
	await daemon.docker(['tag', 'tsd-two:a', 'tsd-two:b']);
	const byId = await planImageRemoval(client, other);
	assert.equal(byId.needsForce, true, 'deleting by ID an image with two tags needs force');
});
