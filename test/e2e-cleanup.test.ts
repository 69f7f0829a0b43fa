// Keyboard cleanup in a real terminal (tmux) against a throwaway daemon with fixtures: the image prune preview is
// exactly the CLI's dangling set, n/Esc remove nothing, y removes exactly that set and reports the planned bytes,
// a switches to prune -a; d on an image a container holds names it and forces only on f; t tags; volumes; --read-only.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {createFixtures, type Fixtures} from './helpers/fixtures.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

let fixtures: Fixtures;

const suite = tuiSuite(async (daemon) => {
	fixtures = await createFixtures(daemon);
});

async function launch(extra: string[] = []): Promise<TmuxSession> {
	const tmux = await suite.launch({width: 120, height: 45, args: extra});
	await tmux.waitFor(/● connected[\s\S]*Containers \(\d+\)/);
	return tmux;
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const lines = async (args: string[]) =>
	(await suite.daemon.docker(args)).stdout
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
const allImageIds = () => lines(['images', '-a', '-q', '--no-trunc']);

/** The rows of an image prune preview: short ID, name, size, and whether it is marked intermediate. */
function previewRows(screen: string): Array<{id: string; name: string; size: string; intermediate: boolean}> {
	const rows = [];
	for (const line of screen.split('\n')) {
		const match = /^│ {2}([0-9a-f]{12}) {2}(\S+)\s+(\d[\d.]*[kMG]?B)(\s+\(intermediate)?/.exec(line);
		if (match) rows.push({id: match[1]!, name: match[2]!, size: match[3]!, intermediate: match[4] !== undefined});
	}
	return rows;
}

/** Type text, then give the app a moment: text and a key in one read would arrive as one paste. */
async function typeText(tmux: TmuxSession, text: string) {
	await tmux.send([text], {literal: true});
	await sleep(200);
}

/** Select the one row whose text matches `text` through the filter box. */
async function selectByFilter(tmux: TmuxSession, text: string, expect: string | RegExp) {
	await tmux.press('/');
	await typeText(tmux, text);
	await tmux.press('Enter');
	await tmux.waitFor(expect);
}

test('2 P: the preview is exactly the CLI dangling set minus the image a container holds; n and Esc remove nothing', async () => {
	const tmux = await launch();
	const before = await allImageIds();
	const dangling = (await lines(['images', '-f', 'dangling=true', '-q'])).filter(
		(id) => id !== short(fixtures.usedOldId),
	);
	await tmux.press('2');
	await tmux.waitFor('Images (8)');
	await tmux.press('P');
	const screen = await tmux.waitFor(/Will remove \d+ images?, reclaiming/);
	assert.match(screen, /Prune dangling images \(docker image prune\)/);
	assert.match(screen, /dangling = an image with no tag left/);
	const rows = previewRows(screen);
	assert.deepEqual(
		rows
			.filter((row) => !row.intermediate)
			.map((row) => row.id)
			.sort(),
		[...dangling].sort(),
		'the leaf rows are the CLI dangling set',
	);
	assert.ok(!rows.some((row) => row.id === short(fixtures.usedOldId)), 'the held image is not in the list');
	// Intermediate rows are untagged parents (docker images -a) of the dangling images, nothing else.
	for (const row of rows.filter((row) => row.intermediate))
		assert.ok(
			before.some((id) => short(id) === row.id),
			row.id,
		);
	assert.match(
		screen,
		new RegExp(`Kept: 1 dangling image in use[\\s\\S]*${short(fixtures.usedOldId)}\\s+used by tsd-holder`),
	);
	assert.match(screen, /y prune\s+a: all unused images \(-a\)\s+any other key cancels/);

	await tmux.press('n');
	await tmux.waitFor('cancelled: nothing was changed');
	await tmux.press('P');
	await tmux.waitFor(/Will remove/);
	await tmux.press('Escape');
	await tmux.waitFor('cancelled: nothing was changed');
	await tmux.press('P');
	await tmux.waitFor(/Will remove/);
	await tmux.press('x');
	await tmux.waitFor('Images (8)');
	assert.deepEqual((await allImageIds()).sort(), [...before].sort(), 'nothing was removed');
	await tmux.kill();
});

test('P a: the preview switches to all unused images (prune -a) and back', async () => {
	const tmux = await launch();
	await tmux.press('2');
	await tmux.waitFor('Images (8)');
	await tmux.press('P');
	const dangling = await tmux.waitFor(/Will remove/);
	await tmux.press('a');
	const all = await tmux.waitFor(/Prune all unused images \(docker image prune -a\)[\s\S]*Will remove/);
	const rows = previewRows(all);
	assert.ok(
		rows.some((row) => row.name === 'tsd-unused:1' && row.id === short(fixtures.unusedTaggedId)),
		'the unused tagged image is in the -a preview',
	);
	assert.ok(!previewRows(dangling).some((row) => row.name === 'tsd-unused:1'));
	assert.ok(!rows.some((row) => row.name === 'tsd-base:1'), 'the base a running container uses stays');
	assert.notEqual(/reclaiming (\S+):/.exec(all)![1], /reclaiming (\S+):/.exec(dangling)![1]);
	await tmux.press('a');
	await tmux.waitFor(/Prune dangling images \(docker image prune\)[\s\S]*Will remove/);
	await tmux.press('Escape');
	await tmux.waitFor('cancelled: nothing was changed');
	await tmux.kill();
});

test('P y removes exactly the previewed set, keeps the held dangling image, and reports the bytes the plan said', async () => {
	const tmux = await launch();
	const before = await allImageIds();
	await tmux.press('2');
	await tmux.waitFor('Images (8)');
	await tmux.press('P');
	const preview = await tmux.waitFor(/Will remove/);
	const planned = previewRows(preview).map((row) => row.id);
	const bytes = /reclaiming (\S+):/.exec(preview)![1]!;
	await tmux.press('y');
	const result = await tmux.waitFor(/image prune: deleted \d+ images?, reclaimed/);
	assert.match(
		result,
		new RegExp(`image prune: deleted ${planned.length} images, reclaimed ${bytes.replace('.', '\\.')}`),
	);
	assert.match(result, new RegExp(`Deleted ${planned.length} images; reclaimed ${bytes.replace('.', '\\.')}`));
	const after = await allImageIds();
	assert.deepEqual(
		before
			.filter((id) => !after.includes(id))
			.map(short)
			.sort(),
		[...planned].sort(),
		'exactly the previewed images are gone',
	);
	assert.ok(after.includes(fixtures.usedOldId), 'the dangling image tsd-holder uses is kept');
	assert.deepEqual(await lines(['images', '-f', 'dangling=true', '-q']), [short(fixtures.usedOldId)]);
	await tmux.press('x');
	// The list follows by itself (events), and the summary stays.
	await tmux.waitFor(/Images \(6\)[\s\S]*image prune: deleted/);
	await tmux.kill();
});

test('d on an image a container uses: the dialog names the container, y is refused by the Engine, only f forces', async () => {
	const tmux = await launch();
	await tmux.press('2');
	await selectByFilter(tmux, short(fixtures.usedOldId), 'Images (1 of ');
	await tmux.press('d');
	const dialog = await tmux.waitFor(/used by container tsd-holder: the Engine refuses without force \(f forces\)/);
	assert.match(dialog, new RegExp(`${short(fixtures.usedOldId)}\\): deletes the image \\(dangling: it has no tag\\)`));
	await tmux.press('y');
	const refused = await tmux.waitFor(/not removed: .*conflict|not removed: .*must be forced/);
	assert.match(refused, /held by tsd-holder/);
	assert.match(refused, /f force-remove the 1 refused image/);
	assert.ok((await allImageIds()).includes(fixtures.usedOldId), 'no silent force');
	await tmux.press('f');
	await tmux.waitFor(new RegExp(`Deleted: ${short(fixtures.usedOldId)}`));
	assert.ok(!(await allImageIds()).includes(fixtures.usedOldId));
	await tmux.kill();
});

test('t tags the selected image; an invalid reference is refused with the Engine reason', async () => {
	const tmux = await launch();
	await tmux.press('2');
	await selectByFilter(tmux, 'tsd-app:1', 'Images (1 of ');
	await tmux.press('t');
	await tmux.waitFor('Tag image tsd-app:1');
	await typeText(tmux, 'Bad:1');
	await tmux.press('Enter');
	const error = await tmux.waitFor(/invalid reference format/);
	assert.match(error, /must be lowercase/);
	assert.equal((await lines(['images', '-q', 'Bad'])).length, 0);
	await tmux.press('BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
	await typeText(tmux, 'tsd-copy:2');
	await tmux.press('Enter');
	await tmux.waitFor(`tagged ${short(fixtures.appNewId)} as tsd-copy:2`);
	assert.deepEqual(await lines(['images', '-q', '--no-trunc', 'tsd-copy:2']), [fixtures.appNewId]);
	await tmux.kill();
});

test('volumes: d on a volume in use is refused naming the container; P explains the scope, a takes named ones too, y removes exactly those', async () => {
	// An unused anonymous volume: what the default scope prunes on API >= 1.42.
	await suite.daemon.docker(['create', '--name', 'tsd-anon', '-v', '/anon', 'tsd-base:1', 'true']);
	const anonymous = (await lines(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', 'tsd-anon']))[0]!;
	await suite.daemon.docker(['rm', 'tsd-anon']);
	const tmux = await launch();
	await tmux.press('3');
	await tmux.waitFor('Volumes (3)');
	await selectByFilter(tmux, 'tsd-vol-used', 'Volumes (1 of 3)');
	await tmux.press('d');
	await tmux.waitFor('volume tsd-vol-used is in use by tsd-logger: d (remove) refused, nothing removed');
	await tmux.press('Escape');
	await tmux.waitFor('Volumes (3)');
	await tmux.press('P');
	const scoped = await tmux.waitFor(/Prune unused volumes \(docker volume prune\)[\s\S]*(Will remove|No unused)/);
	assert.match(scoped, /API >= 1\.42 prunes only anonymous volumes unless all is set/);
	assert.match(scoped, new RegExp(`${anonymous.slice(0, 20)}`));
	const api = (await lines(['version', '--format', '{{.Server.APIVersion}}']))[0]!;
	if (Number(api.split('.')[1]) >= 42) {
		assert.doesNotMatch(scoped, /tsd-vol-unused\s+\d/, 'named volumes are kept by default');
		assert.match(scoped, /1 unused named volume kept \(a: all unused\)/);
	} else {
		// API 1.41 (Docker 20.10): every unused volume, named too, as docker volume prune does there.
		assert.match(scoped, /this Engine is older and prunes every unused volume, nam/);
		assert.match(scoped, /Will remove 2 volumes[\s\S]*tsd-vol-unused\s+20kB/);
	}
	await tmux.press('a');
	const all = await tmux.waitFor(/Prune all unused volumes \(docker volume prune -a\)[\s\S]*Will remove 2 volumes/);
	assert.match(all, /tsd-vol-unused\s+\d/);
	assert.doesNotMatch(all, /tsd-vol-used\s/);
	await tmux.press('y');
	await tmux.waitFor(/volume prune: removed 2 volumes, reclaimed/);
	assert.deepEqual(await lines(['volume', 'ls', '-q']), ['tsd-vol-used']);
	await tmux.kill();
});

test('--read-only: 2 P, d and s are refused with a status line, and the daemon sees no change', async () => {
	// Only this test's second onwards: earlier tests' own changes are older.
	await sleep(1100);
	const since = Math.floor(Date.now() / 1000);
	const tmux = await launch(['--read-only']);
	await tmux.waitFor(/read-only/);
	await tmux.press('2');
	await tmux.waitFor(/Images \(\d+\)/);
	await tmux.press('P');
	await tmux.waitFor('read-only mode: P (prune) refused');
	await tmux.press('d');
	await tmux.waitFor('read-only mode: d (remove) refused');
	await tmux.press('t');
	await tmux.waitFor('read-only mode: t (tag) refused');
	await tmux.press('1');
	await tmux.waitFor(/Containers \(\d+\)/);
	await tmux.press('s');
	await tmux.waitFor('read-only mode: s (start/stop) refused');
	await tmux.press('d');
	await tmux.waitFor('read-only mode: d (remove) refused');
	// A key that acts is pressed on its own once the pane is up: keys read together stop at the first that acts.
	await tmux.press('3');
	await tmux.waitFor(/Volumes \(\d+\)/);
	await tmux.press('P');
	await tmux.waitFor('read-only mode: P (prune) refused');
	await tmux.press('4');
	await tmux.waitFor(/Build Cache/);
	await tmux.press('P');
	await tmux.waitFor('read-only mode: P (prune) refused');
	const screen = await tmux.capture();
	assert.doesNotMatch(screen, /Will remove|Remove /);
	const events = await lines([
		'events',
		'--since',
		String(since),
		'--until',
		String(Math.floor(Date.now() / 1000) + 1),
		'--format',
		'{{.Type}} {{.Action}}',
	]);
	const changes = events.filter((event) => /destroy|delete|untag|stop|kill|die|pause|tag|prune/.test(event));
	assert.deepEqual(changes, [], events.join('\n'));
	await tmux.kill();
});
