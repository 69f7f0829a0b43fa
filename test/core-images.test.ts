import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {build} from './helpers/fixtures.ts';
import {allImageIds, cliSet, jsonLines, lines, sorted} from './helpers/compare.ts';
import {
	TsdockError,
	containersByImage,
	imageHistory,
	imageReference,
	inspectImage,
	isDangling,
	listContainers,
	listImages,
	removeImage,
	removeImages,
	tagImage,
	type ImageFilters,
	type ImageSummary,
} from '../source/core/index.ts';
import {client, daemon, fixtures, setUpFixtureDaemon} from './helpers/fixture-daemon.ts';

setUpFixtureDaemon();

const ids = (images: ImageSummary[]) => new Set(images.map((image) => image.Id));

test('dangling images: the filter and isDangling both give `docker images -f dangling=true`', async () => {
	const cli = await cliSet(daemon, ['images', '-f', 'dangling=true', '-q', '--no-trunc']);
	// The fixture's three old copies of rebuilt tags, and nothing else.
	assert.deepEqual(cli, new Set([fixtures.appOldId, fixtures.dataOldId, fixtures.usedOldId]));
	assert.deepEqual(ids(await listImages(client, {filters: {dangling: true}})), cli);
	assert.deepEqual(ids((await listImages(client)).filter(isDangling)), cli);
	// dangling=true only ever lists head images: -a does not add the classic builder's untagged intermediates.
	const cliAll = await cliSet(daemon, ['images', '-a', '-f', 'dangling=true', '-q', '--no-trunc']);
	assert.deepEqual(cliAll, cli);
	assert.deepEqual(ids(await listImages(client, {all: true, filters: {dangling: true}})), cliAll);
	const all = await listImages(client, {all: true});
	const parents = new Set(all.map((image) => image.ParentId).filter(Boolean));
	assert.ok(all.filter(isDangling).length > cli.size, 'the fixture has untagged intermediate images');
	assert.deepEqual(ids(all.filter((image) => isDangling(image) && !parents.has(image.Id))), cliAll);
	// dangling=false: the tagged ones.
	assert.deepEqual(
		ids(await listImages(client, {filters: {dangling: false}})),
		await cliSet(daemon, ['images', '-f', 'dangling=false', '-q', '--no-trunc']),
	);
	for (const image of await listImages(client, {filters: {dangling: true}}))
		assert.equal(imageReference(image), '<none>:<none>');
});

test('listImages with and without all equals `docker images [-a]` as a set', async () => {
	const all = await listImages(client, {all: true});
	assert.deepEqual(ids(all), await allImageIds(daemon));
	assert.equal(all.length, ids(all).size, 'each image once');
	assert.deepEqual(ids(await listImages(client)), await cliSet(daemon, ['images', '-q', '--no-trunc']));
	// Tags as the CLI prints them, per image.
	const cliTags = lines(
		(await daemon.docker(['images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).stdout,
	)
		.filter((line) => !line.endsWith('<none>:<none>'))
		.sort();
	const ourTags = (await listImages(client))
		.flatMap((image) =>
			(image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>').map((tag) => `${image.Id} ${tag}`),
		)
		.sort();
	assert.deepEqual(ourTags, cliTags);
});

test('reference, label, since and before filters answer like the CLI -f', async () => {
	const cases: Array<{filters: ImageFilters; cli: string[]}> = [
		{filters: {reference: ['tsd-*']}, cli: ['reference=tsd-*']},
		{filters: {reference: ['tsd-data:1', 'tsd-app']}, cli: ['reference=tsd-data:1', 'reference=tsd-app']},
		{filters: {reference: ['nothing-like-this']}, cli: ['reference=nothing-like-this']},
		{filters: {label: ['gen']}, cli: ['label=gen']},
		{filters: {label: ['gen=2']}, cli: ['label=gen=2']},
		{filters: {label: ['version=1']}, cli: ['label=version=1']},
		{filters: {since: 'tsd-base:1'}, cli: ['since=tsd-base:1']},
		{filters: {before: 'tsd-data:1'}, cli: ['before=tsd-data:1']},
		{filters: {since: 'tsd-base:1', before: 'tsd-unused:1'}, cli: ['since=tsd-base:1', 'before=tsd-unused:1']},
		{filters: {dangling: true, label: ['gen']}, cli: ['dangling=true', 'label=gen']},
	];
	for (const {filters, cli} of cases) {
		for (const all of [false, true]) {
			const args = ['images', '-q', '--no-trunc', ...(all ? ['-a'] : []), ...cli.flatMap((filter) => ['-f', filter])];
			const expected = await cliSet(daemon, args);
			assert.deepEqual(ids(await listImages(client, {all, filters})), expected, `docker ${args.join(' ')}`);
		}
	}
	// Sanity: the cases are not all trivially empty or trivially everything.
	assert.equal((await listImages(client, {filters: {label: ['gen=2']}})).length, 1);
	assert.equal((await listImages(client, {filters: {label: ['gen=2']}}))[0]!.Id, fixtures.dataNewId);
});

test("an unknown image reference in since/before is the Engine's not-found, like the CLI", async () => {
	const cli = await daemon.docker(['images', '-f', 'since=no-such-image:1'], {allowFail: true});
	assert.notEqual(cli.exitCode, 0);
	const error = await listImages(client, {filters: {since: 'no-such-image:1'}}).then(
		() => assert.fail('expected an error'),
		(error: unknown) => error,
	);
	assert.ok(error instanceof TsdockError);
	assert.equal(error.kind, 'not-found');
	assert.match(cli.stderr, new RegExp(escape(error.message)));
});

test('imageHistory rows equal `docker history --no-trunc` (IDs, created-by, sizes)', async () => {
	for (const ref of ['tsd-data:1', 'tsd-app:1', fixtures.dataOldId, 'tsd-base:1']) {
		const cli = lines(
			(
				await daemon.docker([
					'history',
					'--no-trunc',
					'--human=false',
					'--format',
					'{{.ID}}\t{{.CreatedBy}}\t{{.Size}}',
					ref,
				])
			).stdout,
		);
		const ours = (await imageHistory(client, ref)).map((entry) => `${entry.Id}\t${entry.CreatedBy}\t${entry.Size}`);
		assert.deepEqual(ours, cli, `history of ${ref}`);
		// The human sizes the CLI prints by default (3 significant digits) agree too.
		const human = lines((await daemon.docker(['history', '--format', '{{.Size}}', ref])).stdout);
		assert.deepEqual(
			(await imageHistory(client, ref)).map((entry) => humanSize3(entry.Size)),
			human,
		);
	}
});

test('imageHistory of a loaded image: entries without a local image are "<missing>", as the CLI prints', async () => {
	await build(daemon, 'tsd-hist:1', 'FROM tsd-base:1\nRUN head -c 3000 /dev/urandom > /h\nLABEL hist=1\n');
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-save-'));
	try {
		const tar = path.join(dir, 'hist.tar');
		await daemon.docker(['save', '-o', tar, 'tsd-hist:1']);
		await daemon.docker(['rmi', 'tsd-hist:1']);
		await daemon.docker(['load', '-i', tar]);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
	const cli = jsonLines<{ID: string; CreatedBy: string; Size: string}>(
		(await daemon.docker(['history', '--no-trunc', '--human=false', '--format', '{{json .}}', 'tsd-hist:1'])).stdout,
	);
	const ours = await imageHistory(client, 'tsd-hist:1');
	assert.ok(
		cli.some((row) => row.ID === '<missing>'),
		'the CLI shows <missing> rows for a loaded image',
	);
	assert.equal(ours.length, cli.length);
	ours.forEach((entry, index) => {
		const row = cli[index]!;
		assert.equal(entry.Id, row.ID, `row ${index} ID`);
		assert.equal(entry.CreatedBy, row.CreatedBy, `row ${index} created-by`);
		assert.equal(String(entry.Size), row.Size, `row ${index} size`);
	});
	assert.equal(ours[0]!.Id, (await inspectImage(client, 'tsd-hist:1')).Id, 'the top row is the image itself');
	assert.equal(ours.filter((entry) => entry.Size === 3000).length, 1, 'the 3000-byte RUN layer is there once');
});

test("removing an image a container uses is a conflict naming the container, word for word the CLI's error", async () => {
	const holder = (await listContainers(client, {all: true})).find((container) =>
		container.Names.includes(`/${fixtures.holderName}`),
	)!;
	for (const ref of [fixtures.usedOldId, 'tsd-base:1']) {
		const error = await removeImage(client, ref).then(
			() => assert.fail(`removing ${ref} should be refused`),
			(error: unknown) => error,
		);
		assert.ok(error instanceof TsdockError);
		assert.equal(error.kind, 'conflict');
		assert.equal(error.statusCode, 409);
		const cli = await daemon.docker(['rmi', ref], {allowFail: true});
		assert.notEqual(cli.exitCode, 0);
		// When several containers use the image, the Engine names any one of them (map order): compare the rest word
		// for word, and check that each named container really uses the image.
		const anyContainer = (text: string) => text.replace(/container [0-9a-f]{12}/, 'container <id>');
		assert.equal(anyContainer(cli.stderr.trim()), anyContainer(`Error response from daemon: ${error.message}`));
		const users = (await cliSet(daemon, ['ps', '-a', '-q', '--filter', `ancestor=${ref}`])).values();
		const named = [error.message, cli.stderr].map((text) => /container ([0-9a-f]{12})/.exec(text)?.[1]);
		const userIds = [...users];
		for (const id of named) assert.ok(id && userIds.includes(id), `${id} uses ${ref} (${userIds.join(', ')})`);
		if (ref === fixtures.usedOldId)
			assert.ok(error.message.includes(holder.Id.slice(0, 12)), `names tsd-holder: ${error.message}`);
	}
	assert.ok((await allImageIds(daemon)).has(fixtures.usedOldId), 'nothing was removed');
});

test("tagImage adds a tag the CLI sees; an invalid reference is refused with the Engine's reason", async () => {
	await tagImage(client, 'tsd-base:1', 'tsd-tagged:v1');
	await tagImage(client, 'tsd-base:1', 'localhost:5000/tsd/ported');
	const tags = lines(
		(await daemon.docker(['images', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).stdout,
	);
	assert.ok(tags.includes(`tsd-tagged:v1 ${fixtures.baseId}`), tags.join('\n'));
	assert.ok(
		tags.includes(`localhost:5000/tsd/ported:latest ${fixtures.baseId}`),
		'a registry port is not read as a tag',
	);

	for (const bad of ['UPPER:1', 'tsd-x:bad!', 'tsd-x:' + 'a'.repeat(200)]) {
		const error = await tagImage(client, 'tsd-base:1', bad).then(
			() => assert.fail(`tagging ${bad} should fail`),
			(error: unknown) => error,
		);
		assert.ok(error instanceof TsdockError, `${bad}: ${String(error)}`);
		assert.ok(error.kind === 'bad-request' || error.kind === 'engine', `${bad}: kind ${error.kind}`);
		assert.match(
			error.message,
			/invalid (reference|tag) format/,
			`${bad}: the Engine's reason, got "${error.message}"`,
		);
		// The CLI refuses it for the same reason (it checks before asking the daemon).
		const cli = await daemon.docker(['tag', 'tsd-base:1', bad], {allowFail: true});
		assert.notEqual(cli.exitCode, 0);
		assert.ok(
			cli.stderr.includes(error.message.replace(/^invalid tag format$/, 'invalid reference format')),
			`CLI: ${cli.stderr}`,
		);
	}
	// Leave the fixture as it was: the extra tags go again (untag only).
	assert.deepEqual(await removeImage(client, 'tsd-tagged:v1'), {untagged: ['tsd-tagged:v1'], deleted: []});
	assert.deepEqual(await removeImage(client, 'localhost:5000/tsd/ported'), {
		untagged: ['localhost:5000/tsd/ported:latest'],
		deleted: [],
	});
	const missing = await tagImage(client, 'no-such-image:1', 'tsd-ok:1').catch((error: unknown) => error);
	assert.ok(missing instanceof TsdockError);
	assert.equal(missing.kind, 'not-found');
	assert.match(missing.message, /no-such-image:1/);
});

test('removeImage: untag-only while tags remain, then Untagged + Deleted exactly like `docker rmi`', async () => {
	const dockerfile = (who: string) => `FROM tsd-base:1\nRUN echo ${who} > /who\nLABEL who=${who}\n`;
	const oursId = await build(daemon, 'tsd-rm-ours:1', dockerfile('ours'));
	await tagImage(client, 'tsd-rm-ours:1', 'tsd-rm-ours:2');
	const cliId = await build(daemon, 'tsd-rm-cli:1', dockerfile('cli'));
	await daemon.docker(['tag', 'tsd-rm-cli:1', 'tsd-rm-cli:2']);

	// One of two tags: only Untagged.
	const cliFirst = parseRmi((await daemon.docker(['rmi', 'tsd-rm-cli:2'])).stdout);
	const ourFirst = await removeImage(client, 'tsd-rm-ours:2');
	assert.deepEqual(cliFirst, {untagged: ['tsd-rm-cli:2'], deleted: []});
	assert.deepEqual(ourFirst, {untagged: ['tsd-rm-ours:2'], deleted: []});
	assert.ok((await allImageIds(daemon)).has(oursId), 'the image stays');

	// The last tag: Untagged, then the image, its untagged parent and their layer all Deleted.
	const beforeCli = await allImageIds(daemon);
	const cliLast = parseRmi((await daemon.docker(['rmi', 'tsd-rm-cli:1'])).stdout);
	const afterCli = await allImageIds(daemon);
	const cliGone = [...beforeCli].filter((id) => !afterCli.has(id));
	const beforeOurs = await allImageIds(daemon);
	const ourLast = await removeImage(client, 'tsd-rm-ours:1');
	const afterOurs = await allImageIds(daemon);
	const oursGone = [...beforeOurs].filter((id) => !afterOurs.has(id));

	assert.deepEqual(cliLast.untagged, ['tsd-rm-cli:1']);
	assert.deepEqual(ourLast.untagged, ['tsd-rm-ours:1']);
	assert.equal(ourLast.deleted[0], oursId, 'the image itself is deleted first, as the CLI lists it');
	assert.equal(cliLast.deleted[0], cliId);
	// The same shape as the CLI: the same number of images and layers deleted.
	assert.equal(ourLast.deleted.length, cliLast.deleted.length);
	assert.equal(oursGone.length, 2, 'the image and its intermediate parent');
	assert.deepEqual(
		sorted(ourLast.deleted.filter((id) => beforeOurs.has(id))),
		sorted(oursGone),
		'Deleted names exactly the images that disappeared',
	);
	assert.deepEqual(sorted(cliLast.deleted.filter((id) => beforeCli.has(id))), sorted(cliGone));
	const layers = ourLast.deleted.filter((id) => !beforeOurs.has(id));
	assert.equal(layers.length, 1, 'plus the one layer only it had (LABEL adds none)');
});

test("removeImages: one result per reference, as `docker rmi A B C` reports them; a refusal is that image's result and the rest go on", async () => {
	await tagImage(client, 'tsd-base:1', 'tsd-multi:a');
	await tagImage(client, 'tsd-base:1', 'tsd-multi:b');
	await daemon.docker(['tag', 'tsd-base:1', 'tsd-multi:c']);
	await daemon.docker(['tag', 'tsd-base:1', 'tsd-multi:d']);
	// The CLI on the same kind of list: a tag, an image a container holds, another tag.
	const cli = await daemon.docker(['rmi', 'tsd-multi:c', fixtures.usedOldId, 'tsd-multi:d'], {allowFail: true});
	assert.notEqual(cli.exitCode, 0, 'the CLI fails for the held image');
	assert.deepEqual(parseRmi(cli.stdout).untagged, ['tsd-multi:c', 'tsd-multi:d'], 'and untags the others');
	const results = await removeImages(client, ['tsd-multi:a', fixtures.usedOldId, 'tsd-multi:b'], {force: false});
	assert.equal(results.length, 3);
	assert.deepEqual(results[0], {untagged: ['tsd-multi:a'], deleted: []});
	assert.equal(results[1]!.conflict, true);
	assert.match(results[1]!.error ?? '', /conflict: unable to delete/);
	assert.deepEqual([results[1]!.untagged, results[1]!.deleted], [[], []]);
	assert.deepEqual(results[2], {untagged: ['tsd-multi:b'], deleted: []});
	assert.ok((await allImageIds(daemon)).has(fixtures.usedOldId), 'the held image stays');
	const left = lines((await daemon.docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout);
	assert.ok(!left.some((tag) => tag.startsWith('tsd-multi:')), left.join(', '));
});

test('containersByImage matches `docker ps -a --filter ancestor=` (which also counts descendants)', async () => {
	const containers = await listContainers(client, {all: true});
	const byImage = containersByImage(containers);
	const images = await listImages(client, {all: true});
	const children = new Map<string, string[]>();
	for (const image of images)
		if (image.ParentId) children.set(image.ParentId, [...(children.get(image.ParentId) ?? []), image.Id]);
	const descendants = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(descendants)];
	let nonEmpty = 0;
	for (const image of images) {
		const cli = await cliSet(daemon, ['ps', '-a', '-q', '--no-trunc', '--filter', `ancestor=${image.Id}`]);
		const direct = new Set((byImage.get(image.Id) ?? []).map((container) => container.Id));
		const withDescendants = new Set(
			descendants(image.Id).flatMap((id) => (byImage.get(id) ?? []).map((container) => container.Id)),
		);
		assert.deepEqual(withDescendants, cli, `ancestor=${image.Id}`);
		if ((children.get(image.Id) ?? []).length === 0) assert.deepEqual(direct, cli, `leaf image ${image.Id}`);
		if (direct.size > 0) nonEmpty++;
	}
	assert.ok(nonEmpty >= 2, 'tsd-base:1 and the in-use dangling image have containers');
	const holderImage = byImage.get(fixtures.usedOldId)?.map((container) => container.Names[0]);
	assert.deepEqual(holderImage, [`/${fixtures.holderName}`]);
});

/** go-units HumanSizeWithPrecision(size, 3), which `docker history` and `docker images` use. */
function humanSize3(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB'];
	let size = bytes;
	let unit = 0;
	while (size >= 1000 && unit < units.length - 1) {
		size /= 1000;
		unit++;
	}
	return `${Number(size.toPrecision(3))}${units[unit]}`;
}

function parseRmi(stdout: string): {untagged: string[]; deleted: string[]} {
	const result = {untagged: [] as string[], deleted: [] as string[]};
	for (const line of lines(stdout)) {
		if (line.startsWith('Untagged: ')) result.untagged.push(line.slice('Untagged: '.length));
		else if (line.startsWith('Deleted: ')) result.deleted.push(line.slice('Deleted: '.length));
	}
	return result;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
