// Pure dialog text: preview rows, totals, scope notes, results, refusals; daemon text sanitised.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isTerminalSafe, type ImagePrunePlan} from '../source/core/index.ts';
import {refusal} from '../source/ui/controllers/dialogs.ts';
import {columns, count} from '../source/ui/format/dialog-lines.ts';
import {dialogText} from '../source/ui/format/dialog-text.ts';
import {imagePlanCells, imagePlanLines, volumeScopeNotes} from '../source/ui/format/prune-text.ts';
import {imageRemovalLines} from '../source/ui/format/remove-text.ts';

const id = (c: string) => `sha256:${c.repeat(64)}`;
const plan = (over: Partial<ImagePrunePlan> = {}): ImagePrunePlan => ({
	scope: 'all',
	items: [
		{id: id('1'), name: 'app:<none>', tags: [], size: 123_456, untagOnly: false, intermediate: false},
		{
			id: id('2'),
			name: 'base:1',
			tags: ['base:1', 'base:latest'],
			size: 1_000_000,
			untagOnly: true,
			intermediate: false,
		},
		{id: id('3'), name: '<none>:<none>', tags: [], size: 999, untagOnly: false, intermediate: true},
	],
	bytes: 124_455,
	exact: true,
	keptInUse: [],
	measure: () => 0,
	...over,
});

const texts = (lines: Array<{text: string}>) => lines.map((line) => line.text);

test('image prune rows: short ID, former name (if known), size, and what kind of removal', () => {
	assert.deepEqual(imagePlanCells(plan()), [
		['111111111111', 'app:<none>', '123.5kB', ''],
		['222222222222', 'base:1, base:latest', '1MB', '(untagged only: an image in use builds on it)'],
		['333333333333', '<none>', '999B', '(intermediate layer, goes with its child)'],
	]);
	const lines = texts(imagePlanLines(plan()));
	assert.equal(lines[0], 'Will remove 2 images, 1 image untagged only, reclaiming 124.5kB:');
	assert.match(lines[1]!, /^ {2}IMAGE ID {6}NAME {17}SIZE$/);
	assert.match(lines[2]!, /^ {2}111111111111 {2}app:<none> {11}123\.5kB$/);
});

test('the total says ≈ only when the plan is an estimate; an empty plan says so; kept images are named with their containers', () => {
	assert.match(texts(imagePlanLines(plan({exact: false})))[0]!, /reclaiming ≈124\.5kB/);
	assert.ok(texts(imagePlanLines(plan({exact: false}))).some((text) => text.startsWith('≈: some layers are shared')));
	assert.ok(!texts(imagePlanLines(plan())).some((text) => text.includes('≈')));
	assert.deepEqual(texts(imagePlanLines(plan({scope: 'dangling', items: [], bytes: 0}))), [
		'No dangling image to remove.',
	]);
	const kept = texts(imagePlanLines(plan({keptInUse: [{id: id('4'), containers: ['holder', 'other']}]})));
	assert.ok(kept.includes('Kept: 1 dangling image in use by containers (running or stopped):'));
	assert.ok(kept.includes('  444444444444  used by holder, other'));
});

test('the dialog keys: y and the scope switch when there is something to prune; only the switch when there is not', () => {
	const ready = dialogText({
		kind: 'image-prune',
		scope: 'dangling',
		phase: 'confirm',
		top: 0,
		plan: plan({scope: 'dangling'}),
	});
	assert.equal(ready.keys, 'y prune  a: all unused images (-a)  any other key cancels');
	const empty = dialogText({
		kind: 'image-prune',
		scope: 'all',
		phase: 'confirm',
		top: 0,
		plan: plan({items: [], bytes: 0}),
	});
	assert.equal(empty.keys, 'a: dangling only  any other key closes');
	const loading = dialogText({kind: 'volume-prune', all: false, phase: 'loading', top: 0});
	assert.equal(loading.keys, 'any key cancels');
	const running = dialogText({kind: 'system-prune', allImages: false, volumes: false, phase: 'running', top: 0});
	assert.match(running.keys, /busy/);
});

test('volume scope notes: API >= 1.42 anonymous only unless all; an older Engine prunes named ones too', () => {
	assert.match(
		texts(volumeScopeNotes({all: false, anonymousOnly: true, skippedNamed: 2})).join('\n'),
		/API >= 1\.42 prunes only anonymous volumes unless all is set: 2 unused named volumes kept \(a: all unused\)/,
	);
	assert.match(
		texts(volumeScopeNotes({all: false, anonymousOnly: false, skippedNamed: 0})).join('\n'),
		/this Engine is older and prunes every unused volume, named too/,
	);
	assert.match(
		texts(volumeScopeNotes({all: true, anonymousOnly: false, skippedNamed: 0})).join('\n'),
		/all: every unused volume, named or anonymous/,
	);
});

test('docker rmi style results; a conflict names who holds the image', () => {
	const lines = texts(
		imageRemovalLines(
			[
				{label: 'app:1', untagged: ['app:1'], deleted: [id('a')]},
				{label: 'db:1', untagged: [], deleted: [], error: 'conflict: unable to delete', conflict: true},
			],
			['tsd-holder'],
		),
	);
	assert.deepEqual(lines, [
		'Untagged: app:1',
		'Deleted: aaaaaaaaaaaa',
		'db:1: not removed: conflict: unable to delete',
		'  held by tsd-holder',
	]);
});

test('daemon text in dialogs is sanitised: no escape sequence reaches the terminal', () => {
	const evil = 'evil\u001b]0;pwned\u0007\u001b[2J:1';
	const dialog = dialogText({
		kind: 'image-prune',
		scope: 'all',
		phase: 'confirm',
		top: 0,
		plan: plan({
			items: [{id: id('5'), name: evil, tags: [evil], size: 1, untagOnly: false, intermediate: false}],
			keptInUse: [{id: id('6'), containers: [evil]}],
		}),
	});
	for (const line of dialog.lines) assert.ok(isTerminalSafe(line.text), JSON.stringify(line.text));
	const removal = dialogText({
		kind: 'container-confirm',
		operation: 'remove',
		withVolumes: false,
		phase: 'confirm',
		top: 0,
		targets: [{id: '1', name: evil, state: 'exited\u001b[31m'}],
	});
	for (const line of [...removal.lines, {text: removal.title}])
		assert.ok(isTerminalSafe(line.text), JSON.stringify(line.text));
});

test('refusals: read-only first, then the connection, then busy; navigation keys are never refused', () => {
	assert.equal(
		refusal('image-remove', {readOnly: true, connection: 'connected'}),
		'read-only mode: d (remove) refused',
	);
	assert.equal(
		refusal('image-prune', {readOnly: true, connection: 'disconnected', busy: 'x'}),
		'read-only mode: P (prune) refused',
	);
	assert.equal(
		refusal('container-start-stop', {readOnly: false, connection: 'connecting'}),
		'not connected to the Engine (connecting): s (start/stop) refused',
	);
	assert.equal(
		refusal('container-kill', {readOnly: false, connection: 'connected', busy: 'image prune'}),
		'busy: image prune is still running; K (kill) refused',
	);
	assert.equal(refusal('up', {readOnly: true, connection: 'disconnected'}), undefined);
	assert.equal(refusal('mark', {readOnly: true, connection: 'disconnected'}), undefined);
});

test('columns and counts', () => {
	assert.deepEqual(
		texts(
			columns([
				['a', 'bb', 'x'],
				['ccc', 'd', 'y'],
			]),
		),
		['  a    bb  x', '  ccc  d   y'],
	);
	assert.equal(count(1, 'image'), '1 image');
	assert.equal(count(0, 'image'), '0 images');
});
