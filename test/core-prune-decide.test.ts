// The prune decisions on their own (source/core/prune-plan.ts): which images `docker image prune [-a]` removes,
// how whole-image sizes split into per-layer bytes, and layer chain IDs. Pure functions over plain data: no
// daemon here (test/core-prune.test.ts checks the same rules against a real Engine).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {
	chainIds,
	decideImagePrune,
	layerSizes,
	type ContainerSummary,
	type ImageSummary,
} from '../source/core/index.ts';

const image = (
	id: string,
	options: {tags?: string[] | null; parent?: string; digests?: string[]; size?: number} = {},
): ImageSummary => ({
	Id: id,
	ParentId: options.parent ?? '',
	RepoTags: options.tags === undefined ? [] : options.tags,
	RepoDigests: options.digests ?? [],
	Created: 0,
	Size: options.size ?? 0,
	SharedSize: -1,
	Labels: null,
	Containers: -1,
});

const container = (name: string, imageId: string): ContainerSummary => ({
	Id: `c-${name}`,
	Names: [`/${name}`],
	Image: imageId,
	ImageID: imageId,
	Command: 'sh',
	Created: 0,
	Ports: [],
	Labels: null,
	State: 'exited',
	Status: 'Exited (0)',
});

const sorted = (ids: Iterable<string>) => [...ids].sort();
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

test('chainIds: the first is the diff ID, each next one hashes the previous chain ID, a space and the diff ID', () => {
	assert.deepEqual(chainIds([]), []);
	const [a, b, c] = ['sha256:aaa', 'sha256:bbb', 'sha256:ccc'];
	const chain = chainIds([a, b, c]);
	assert.equal(chain[0], a);
	assert.equal(chain[1], sha(`${a} ${b}`));
	assert.equal(chain[2], sha(`${sha(`${a} ${b}`)} ${c}`));
	// A chain ID names the whole prefix: the same layers in another order, or on another base, are other chains.
	assert.deepEqual(chainIds([a, b]), chain.slice(0, 2));
	assert.notEqual(chainIds([b, a])[1], chain[1]);
	assert.notEqual(chainIds([c, b])[1], chain[1], 'same top diff on another base');
	// The same layer twice is two distinct chain IDs (and so two layers of the image).
	const twice = chainIds([a, a]);
	assert.equal(new Set(twice).size, 2);
});

test('layerSizes: one image puts its whole size on its top layer', () => {
	const {sizes, exact} = layerSizes([{id: 'i1', size: 100, chain: ['L1', 'L2', 'L3']}]);
	assert.deepEqual(Object.fromEntries(sizes), {L1: 0, L2: 0, L3: 100});
	assert.equal(exact, true);
});

test('layerSizes: an image built on another gets only the bytes above its base; the shared base keeps its own', () => {
	const {sizes, exact} = layerSizes([
		{id: 'child', size: 150, chain: ['L1', 'L2', 'L3']},
		{id: 'base', size: 100, chain: ['L1', 'L2']},
	]);
	assert.equal(sizes.get('L3'), 50, 'the child owns 150 - 100 bytes');
	assert.equal((sizes.get('L1') ?? 0) + (sizes.get('L2') ?? 0), 100, "the base's 100 bytes are counted once");
	assert.equal(
		[...sizes.values()].reduce((sum, value) => sum + value, 0),
		150,
		'total = the biggest cumulative size',
	);
	assert.equal(exact, true);
});

test('layerSizes: two images sharing a base no image sits on are a guess, unless SharedSize names the base', () => {
	const images = [
		{id: 'a', size: 100, chain: ['B', 'A1']},
		{id: 'b', size: 120, chain: ['B', 'B1']},
	];
	const guessed = layerSizes(images);
	assert.equal(guessed.exact, false, 'the split at B is not known');
	const known = layerSizes(images, new Map([['B', 30]]));
	assert.equal(known.exact, true);
	assert.deepEqual(Object.fromEntries(known.sizes), {B: 30, A1: 70, B1: 90});
	assert.equal(
		[...known.sizes.values()].reduce((sum, value) => sum + value, 0),
		190,
		'30 shared + 70 + 90',
	);
});

test('decideImagePrune dangling: untagged leaves go, tagged ones and parents of kept images stay', () => {
	const world = {
		images: [
			image('tagged', {tags: ['app:1']}),
			image('dangling', {tags: null}),
			image('none-none', {tags: ['<none>:<none>']}),
			image('untagged-parent', {tags: []}),
			image('tagged-child', {tags: ['app:2'], parent: 'untagged-parent'}),
		],
		containers: [],
	};
	const {deleted, untagOnly, keptInUse} = decideImagePrune(world, 'dangling');
	assert.deepEqual(sorted(deleted), ['dangling', 'none-none'], '<none>:<none> counts as no tag');
	assert.equal(untagOnly.size, 0);
	assert.deepEqual(keptInUse, []);
});

test('decideImagePrune dangling: a dangling image a container uses (even a stopped one) is kept and named', () => {
	const world = {
		images: [image('used', {tags: []}), image('unused', {tags: []})],
		containers: [container('web', 'used'), container('job', 'used')],
	};
	const {deleted, keptInUse} = decideImagePrune(world, 'dangling');
	assert.deepEqual(sorted(deleted), ['unused']);
	assert.deepEqual(keptInUse, [{id: 'used', containers: ['web', 'job']}]);
});

test('decideImagePrune: untagged parents go with their last child, and stop at a tag, a second child or a container', () => {
	// Classic builder chain: base (tagged) ← p1 ← p2 ← leaf (dangling); p1 also has a tagged child that stays.
	const images = [
		image('base', {tags: ['base:1']}),
		image('p1', {parent: 'base'}),
		image('p2', {parent: 'p1'}),
		image('leaf', {parent: 'p2'}),
		image('sibling', {tags: ['sib:1'], parent: 'p1'}),
	];
	const dangling = decideImagePrune({images, containers: []}, 'dangling');
	assert.deepEqual(sorted(dangling.deleted), ['leaf', 'p2'], 'p2 had only the leaf; p1 still has sibling');

	const noSibling = images.filter((entry) => entry.Id !== 'sibling');
	assert.deepEqual(
		sorted(decideImagePrune({images: noSibling, containers: []}, 'dangling').deleted),
		['leaf', 'p1', 'p2'],
		'the chain goes up to the tagged base and not further',
	);

	const p2Used = decideImagePrune({images: noSibling, containers: [container('old', 'p2')]}, 'dangling');
	assert.deepEqual(sorted(p2Used.deleted), ['leaf'], 'a container on an untagged parent keeps it (and above)');
});

test('decideImagePrune -a: every unused image goes; used ones and their ancestors stay, a tagged ancestor only loses its tags', () => {
	const images = [
		image('base', {tags: ['base:1', 'base:latest']}),
		image('mid', {parent: 'base'}),
		image('app', {tags: ['app:1'], parent: 'mid'}),
		image('tool', {tags: ['tool:1']}),
		image('dangling', {tags: []}),
		image('unused-child', {tags: ['x:1'], parent: 'base'}),
	];
	const containers = [container('web', 'app')];
	const all = decideImagePrune({images, containers}, 'all');
	assert.deepEqual(sorted(all.deleted), ['dangling', 'tool', 'unused-child']);
	assert.deepEqual(sorted(all.untagOnly), ['base'], 'base is under a used image: its tags go, it stays');
	assert.ok(!all.deleted.has('app') && !all.deleted.has('mid'), 'the used image and its untagged parent stay');
	assert.deepEqual(all.keptInUse, [], '-a reports nothing as kept in use: used images are simply not candidates');

	// The same world without -a: only the dangling image.
	assert.deepEqual(sorted(decideImagePrune({images, containers}, 'dangling').deleted), ['dangling']);
});

test('decideImagePrune -a: an untagged intermediate goes only with its children; one with a digest is an image of its own', () => {
	const images = [
		image('inter', {}),
		image('top', {tags: ['top:1'], parent: 'inter'}),
		image('pulled', {digests: ['repo@sha256:abc']}),
		image('on-pulled', {tags: ['on:1'], parent: 'pulled'}),
	];
	const free = decideImagePrune({images, containers: []}, 'all');
	assert.deepEqual(sorted(free.deleted), ['inter', 'on-pulled', 'pulled', 'top']);

	const topUsed = decideImagePrune({images, containers: [container('svc', 'top')]}, 'all');
	assert.ok(!topUsed.deleted.has('inter'), "the intermediate under a used image stays (it is that image's layers)");
	assert.ok(!topUsed.deleted.has('top'));

	const childUsed = decideImagePrune({images, containers: [container('svc', 'on-pulled')]}, 'all');
	assert.ok(!childUsed.deleted.has('pulled'), 'the parent of a used image stays');
	assert.equal(childUsed.untagOnly.size, 0, 'it has no tag to lose');
});
