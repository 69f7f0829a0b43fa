// Pure parts of the TUI: text fitting, column fitting, rows, filter and sort, cursor arithmetic, the reducer,
// event routing, theme detection, details layout, the Disk pane's df cells.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import type {ContainerSummary, EngineEvent, ImageSummary, SystemDfResponse} from '../source/core/index.ts';
import {summariseDf} from '../source/core/index.ts';
import {fit, toAscii, truncate} from '../source/ui/format/text.ts';
import {fitColumns, naturalWidths, type ColumnSpec} from '../source/ui/format/columns.ts';
import {filterRows, sortRows, type ListRow} from '../source/ui/format/rows.ts';
import {containerModel, containerRow} from '../source/ui/format/container-rows.ts';
import {imageModel} from '../source/ui/format/image-rows.ts';
import {dfCells, reclaimableModel} from '../source/ui/format/disk-rows.ts';
import {layoutDetails} from '../source/ui/format/details.ts';
import {splitColumns} from '../source/ui/format/text.ts';
import {moveIndex, resolveIndex, scrollTop, windowTop} from '../source/ui/state/cursor.ts';
import {uiReducer} from '../source/ui/state/ui-reducer.ts';
import {initialUiState} from '../source/ui/state/types.ts';
import {kindsForEvent} from '../source/ui/engine-sync.ts';
import {colorWanted, localeIsUtf8} from '../source/ui/theme.ts';
import {applySettings, readSettings, settingsOf} from '../source/ui/settings.ts';

const container = (over: Partial<ContainerSummary> = {}): ContainerSummary => ({
	Id: 'c'.repeat(64),
	Names: ['/web'],
	Image: 'nginx:1',
	ImageID: 'sha256:' + 'i'.repeat(64),
	Command: 'nginx',
	Created: 1_700_000_000,
	Ports: [],
	Labels: {},
	State: 'running',
	Status: 'Up 2 hours',
	...over,
});

test('truncate cuts to the width with an ellipsis, by display width (wide chars, emoji)', () => {
	assert.equal(truncate('hello', 10), 'hello');
	assert.equal(truncate('hello world', 8), 'hello w…');
	assert.equal(stringWidth(truncate('hello world', 8)), 8);
	const wide = truncate('日本語のコンテナ名', 7);
	assert.ok(stringWidth(wide) <= 7, wide);
	assert.ok(wide.endsWith('…'));
	const emoji = truncate('🐳🐳🐳🐳 whale', 6);
	assert.ok(stringWidth(emoji) <= 6, emoji);
	assert.ok(!emoji.includes('\uFFFD'));
	assert.equal(truncate('abc', 0), '');
	assert.equal(truncate('abcdef', 4, '...'), 'a...');
});

test('fit pads to exactly the width, left or right aligned', () => {
	assert.equal(fit('ab', 5), 'ab   ');
	assert.equal(fit('ab', 5, 'right'), '   ab');
	assert.equal(stringWidth(fit('日本語日本語', 5)), 5);
	assert.equal(fit('abcdefgh', 5), 'abcd…');
});

test('toAscii keeps printable ASCII and spells out the placeholders', () => {
	assert.equal(toAscii('plain'), 'plain');
	assert.equal(toAscii('a⏎b␛c…é'), 'a\\nb^[c...?');
});

test('fitColumns shrinks toward minimums, then drops the lowest priority columns', () => {
	const columns: ColumnSpec[] = [
		{header: 'NAME', min: 6, priority: 9},
		{header: 'IMAGE', min: 6, priority: 5},
		{header: 'ID', min: 12, max: 12, priority: 1},
	];
	const rows = [['a-very-long-container-name', 'registry.example.com/team/app:1.2.3', '0123456789ab']];
	const natural = naturalWidths(columns, rows);
	assert.deepEqual(natural, [26, 35, 12]);
	const wide = fitColumns(columns, natural, 200);
	assert.deepEqual(wide, natural);
	const narrow = fitColumns(columns, natural, 50);
	assert.equal(narrow.reduce((a, b) => a + b, 0) + 2 * 2, 50);
	assert.equal(narrow[2], 12, 'a column at its minimum is not shrunk');
	const tiny = fitColumns(columns, natural, 20);
	assert.equal(tiny[2], 0, 'the lowest priority column is dropped');
	assert.ok(tiny[0]! + tiny[1]! + 2 <= 20);
});

test('filter is a case-insensitive substring match where regex metacharacters are plain text', () => {
	const rows = [
		containerRow(container({Names: ['/web.1'], Id: 'a'.repeat(64)})),
		containerRow(container({Names: ['/web11'], Id: 'b'.repeat(64)})),
		containerRow(container({Names: ['/db(x)'], Image: 'Postgres:16', Id: 'f'.repeat(64)})),
	];
	assert.deepEqual(
		filterRows(rows, 'WEB.1').map((row) => row.name),
		['web.1'],
	);
	assert.deepEqual(
		filterRows(rows, 'b(x').map((row) => row.name),
		['db(x)'],
	);
	assert.deepEqual(
		filterRows(rows, 'postgres').map((row) => row.name),
		['db(x)'],
		'matches the image',
	);
	assert.deepEqual(
		filterRows(rows, 'fffff').map((row) => row.name),
		['db(x)'],
		'matches the ID',
	);
	assert.deepEqual(filterRows(rows, '.*'), []);
	assert.equal(filterRows(rows, '').length, 3);
});

test('containers sort running first, then by name or newest; stopped rows are muted', () => {
	const list = [
		container({Id: '1'.repeat(64), Names: ['/b-old'], State: 'exited', Created: 1}),
		container({Id: '2'.repeat(64), Names: ['/a-run'], State: 'running', Created: 2}),
		container({Id: '3'.repeat(64), Names: ['/c-new'], State: 'exited', Created: 3}),
	];
	const {rows} = containerModel(list, {all: true});
	assert.deepEqual(
		sortRows(rows, 'status').map((row) => row.name),
		['a-run', 'c-new', 'b-old'],
	);
	assert.deepEqual(
		sortRows(rows, 'name').map((row) => row.name),
		['a-run', 'b-old', 'c-new'],
	);
	assert.deepEqual(
		sortRows(rows, 'created').map((row) => row.name),
		['c-new', 'a-run', 'b-old'],
	);
	assert.deepEqual(
		containerModel(list, {all: false}).rows.map((row) => row.name),
		['a-run'],
	);
	assert.equal(rows[0]!.tones?.[2], 'muted');
});

test('containers created within one second keep the Engine order (newest first, as docker ps shows them), not the name order', () => {
	// The Engine lists newest first to the nanosecond; Created is whole seconds.
	const list = [
		container({Id: '1'.repeat(64), Names: ['/web-2'], State: 'exited', Created: 100}),
		container({Id: '2'.repeat(64), Names: ['/web-3'], State: 'exited', Created: 100}),
		container({Id: '3'.repeat(64), Names: ['/web-1'], State: 'exited', Created: 100}),
		container({Id: '4'.repeat(64), Names: ['/api'], State: 'running', Created: 50}),
	];
	const {rows} = containerModel(list, {all: true});
	assert.deepEqual(
		sortRows(rows, 'status').map((row) => row.name),
		['api', 'web-2', 'web-3', 'web-1'],
	);
	assert.deepEqual(
		sortRows(rows, 'created').map((row) => row.name),
		['web-2', 'web-3', 'web-1', 'api'],
	);
	assert.deepEqual(
		sortRows(rows, 'name').map((row) => row.name),
		['api', 'web-1', 'web-2', 'web-3'],
	);
});

test('row cells are sanitised: escape sequences never reach the terminal', () => {
	const row = containerRow(container({Names: ['/evil\u001b]0;pwned\u0007\u001b[2Jname'], Image: 'img\nnext'}));
	// eslint-disable-next-line no-control-regex -- the test looks for control characters in what was drawn
	for (const cell of row.cells) assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(cell), JSON.stringify(cell));
	assert.equal(row.cells[0], 'evilname');
	assert.equal(row.cells[1], 'img⏎next');
});

test('images: <none> for untagged, +N for more tags, containers using each image', () => {
	const image = (over: Partial<ImageSummary>): ImageSummary => ({
		Id: 'sha256:' + 'a'.repeat(64),
		ParentId: '',
		RepoTags: null,
		RepoDigests: null,
		Created: 1,
		Size: 2_000_000,
		SharedSize: -1,
		Labels: null,
		Containers: -1,
		...over,
	});
	const images = [
		image({RepoTags: ['app:1', 'app:latest']}),
		image({Id: 'sha256:' + 'b'.repeat(64), RepoTags: ['<none>:<none>']}),
	];
	const users = [container({ImageID: 'sha256:' + 'a'.repeat(64)})];
	const {rows} = imageModel(images, users, new Map([['sha256:' + 'a'.repeat(64), 1_000_000]]));
	assert.equal(rows[0]!.cells[0], 'app:1 +1');
	assert.equal(rows[0]!.cells[3], '2MB');
	assert.equal(rows[0]!.cells[4], '1MB', 'shared size from system df');
	assert.equal(rows[0]!.cells[5], '1: web');
	assert.equal(rows[1]!.cells[0], '<none>:<none>');
	assert.equal(rows[1]!.cells[5], '-');
	assert.equal(filterRows(rows, 'app:latest').length, 1, 'every tag is searchable');
	assert.equal(imageModel(images, undefined).rows[0]!.cells[5], '…', 'unknown until containers are listed');
});

test('Disk pane cells are exactly the docker system df figures; reclaimable items biggest first', () => {
	const raw: SystemDfResponse = {
		LayersSize: 2_135_000,
		Images: [
			{
				Id: 'sha256:1',
				ParentId: '',
				RepoTags: ['a:1'],
				RepoDigests: null,
				Created: 1,
				Size: 2_000_000,
				SharedSize: 1_900_000,
				Labels: null,
				Containers: 0,
			},
			{
				Id: 'sha256:2',
				ParentId: '',
				RepoTags: ['b:1'],
				RepoDigests: null,
				Created: 1,
				Size: 2_035_000,
				SharedSize: 1_985_000,
				Labels: null,
				Containers: 1,
			},
			{
				Id: 'sha256:3',
				ParentId: '',
				RepoTags: null,
				RepoDigests: null,
				Created: 1,
				Size: 1_985_000,
				SharedSize: 1_985_000,
				Labels: null,
				Containers: 0,
			},
		],
		Containers: [container({State: 'exited', SizeRw: 5000})],
		Volumes: [
			{
				Name: 'v1',
				Driver: 'local',
				Mountpoint: '/x',
				Labels: null,
				Scope: 'local',
				UsageData: {Size: 20_000, RefCount: 0},
			},
			{Name: 'v2', Driver: 'local', Mountpoint: '/y', Labels: null, Scope: 'local', UsageData: {Size: 0, RefCount: 1}},
		],
		BuildCache: [],
	};
	const cells = dfCells(summariseDf(raw));
	assert.deepEqual(
		cells.map((row) => row[0]),
		['Images', 'Containers', 'Local Volumes', 'Build Cache'],
	);
	assert.deepEqual(cells[2], ['Local Volumes', '2', '1', '20kB', '20kB (100%)']);
	assert.deepEqual(cells[3], ['Build Cache', '0', '0', '0B', '0B']);
	const items = sortRows(reclaimableModel(raw).rows, 'size');
	assert.deepEqual(
		items.map((row) => [row.cells[0], row.cells[1], row.cells[2]]),
		[
			['a:1', 'image', '100kB'],
			['v1', 'volume', '20kB'],
			['web', 'container', '5kB'],
		],
	);
});

test('cursor moves clamp; the scroll window follows the cursor and stays put otherwise', () => {
	assert.equal(moveIndex(0, 'up', 10, 5), 0);
	assert.equal(moveIndex(0, 'down', 10, 5), 1);
	assert.equal(moveIndex(0, 'page-down', 10, 5), 4);
	assert.equal(moveIndex(9, 'page-down', 10, 5), 9);
	assert.equal(moveIndex(3, 'bottom', 10, 5), 9);
	assert.equal(moveIndex(3, 'top', 10, 5), 0);
	assert.equal(moveIndex(0, 'down', 0, 5), 0);
	assert.equal(windowTop(0, 7, 100, 5), 3);
	assert.equal(windowTop(3, 4, 100, 5), 3, 'inside the window: no scroll');
	assert.equal(windowTop(3, 1, 100, 5), 1);
	assert.equal(windowTop(50, 9, 10, 5), 5, 'a shrunk list pulls the window back');
	assert.equal(resolveIndex(['a', 'b', 'c'], 'c', 0), 2, 'the cursor follows the selected ID');
	assert.equal(resolveIndex(['a', 'b'], 'gone', 5), 1, 'a vanished row leaves the cursor at the same place');
	assert.equal(scrollTop(0, 'bottom', 30, 10), 20);
	assert.equal(scrollTop(5, 'page-up', 30, 10), 0);
});

test('the UI reducer: panes, filter, details, help, toggles, sort', () => {
	let ui = initialUiState();
	ui = uiReducer(ui, {type: 'pane-step', step: -1});
	assert.equal(ui.pane, 'disk');
	ui = uiReducer(ui, {type: 'pane-step', step: 1});
	assert.equal(ui.pane, 'containers');
	ui = uiReducer(ui, {type: 'filter-start'});
	ui = uiReducer(ui, {type: 'filter-set', text: 'web'});
	assert.equal(ui.filtering, true);
	ui = uiReducer(ui, {type: 'filter-keep'});
	assert.deepEqual([ui.filtering, ui.panes.containers.filter], [false, 'web']);
	ui = uiReducer(ui, {type: 'filter-clear'});
	assert.equal(ui.panes.containers.filter, '');
	assert.equal(uiReducer(ui, {type: 'filter-clear'}), ui, 'nothing to clear: same state (no redraw)');
	ui = uiReducer(ui, {type: 'details-open', target: {kind: 'container', id: 'x', label: 'x'}});
	ui = uiReducer(ui, {type: 'pane', pane: 'images'});
	assert.equal(ui.details, undefined, 'switching pane leaves the details view');
	ui = uiReducer(ui, {type: 'cycle-sort'});
	assert.equal(ui.panes.images.sort, 'name');
	ui = uiReducer(ui, {type: 'cycle-sort'});
	ui = uiReducer(ui, {type: 'cycle-sort'});
	assert.equal(ui.panes.images.sort, 'created', 'the cycle wraps');
	ui = uiReducer(ui, {type: 'toggle', name: 'danglingImages'});
	assert.equal(ui.toggles.danglingImages, true);
	ui = uiReducer(ui, {type: 'help-open'});
	ui = uiReducer(ui, {type: 'help-close'});
	assert.equal(ui.help, undefined);
});

test('settings: only valid values are read, and they round-trip through the UI state', () => {
	assert.deepEqual(readSettings('nonsense'), {});
	const values = readSettings({
		pane: 'volumes',
		sort: {images: 'size', containers: 'bogus'},
		toggles: {danglingImages: true},
	});
	assert.equal(values.pane, 'volumes');
	assert.equal(values.sort?.images, 'size');
	assert.equal(values.sort?.containers, 'status', 'an invalid sort falls back to the default');
	assert.equal(readSettings({pane: 'nowhere'}).pane, undefined);
	const ui = applySettings(initialUiState(), values);
	assert.deepEqual(readSettings(JSON.parse(JSON.stringify(settingsOf(ui)))), values);
});

test('events re-list only the kind they touch; noisy exec events re-list nothing', () => {
	const event = (Type: string, Action: string): EngineEvent => ({Type, Action, Actor: {ID: 'x'}, time: 0, timeNano: 0});
	assert.deepEqual(kindsForEvent(event('container', 'create')), ['containers', 'df']);
	assert.deepEqual(kindsForEvent(event('container', 'exec_start: sh')), []);
	assert.deepEqual(kindsForEvent(event('image', 'untag')), ['images', 'df']);
	assert.deepEqual(kindsForEvent(event('volume', 'mount')), []);
	assert.deepEqual(kindsForEvent(event('volume', 'create')), ['volumes', 'df']);
	assert.deepEqual(kindsForEvent(event('network', 'connect')), []);
});

test('UTF-8 is read from LC_ALL, then LC_CTYPE, then LANG; NO_COLOR and the flag turn colour off', () => {
	assert.equal(localeIsUtf8({LANG: 'en_US.UTF-8'}), true);
	assert.equal(localeIsUtf8({LC_ALL: 'C', LANG: 'en_US.UTF-8'}), false);
	assert.equal(localeIsUtf8({LC_CTYPE: 'de_DE.utf8', LANG: 'C'}), true);
	assert.equal(localeIsUtf8({}), false);
	assert.equal(colorWanted(false, {}), true);
	assert.equal(colorWanted(false, {NO_COLOR: '1'}), false);
	assert.equal(colorWanted(false, {NO_COLOR: ''}), true);
	assert.equal(colorWanted(true, {}), false);
});

test('details lines wrap long values under their own column', () => {
	assert.deepEqual(splitColumns('abcdefgh', 3), ['abc', 'def', 'gh']);
	const lines = layoutDetails(
		[{label: 'Command', value: 'x'.repeat(50)}, {value: 'Env', heading: true}, {value: 'A=1'}],
		40,
	);
	for (const line of lines) assert.ok(stringWidth(line.text) <= 40, line.text);
	assert.ok(lines.length >= 4);
	assert.ok(lines[0]!.text.startsWith('Command'));
	assert.ok(lines[1]!.text.startsWith(' '.repeat(10)));
	assert.equal(lines.at(-1)!.text, '  A=1');
});

test('a row never holds raw control characters even for hostile labels (ListRow type check)', () => {
	const row: ListRow = containerRow(container({Status: 'Up\u0007 1s'}));
	assert.equal(row.cells[3], 'Up^G 1s');
});
