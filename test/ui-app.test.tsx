// The whole App with ink-testing-library: panes, keys from the key map, filter, details, help overlay, toggles.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import stringWidth from 'string-width';
import type {ContainerInspect, ContainerSummary, ImageInspect, ImageSummary, Volume} from '../source/core/index.ts';
import {bindingLabel, bindingsFor, keymap} from '../source/ui/keys/keymap.ts';
import {paneIds, type PaneId} from '../source/ui/panes/registry.ts';
import {helpLines} from '../source/ui/components/help-overlay.tsx';
import type {Store} from '../source/ui/store.ts';
import {fakePort} from './helpers/fake-port.ts';
import {keys, mountApp, seededStore, until} from './helpers/ui-kit.tsx';

const container = (i: number, over: Partial<ContainerSummary> = {}): ContainerSummary => ({
	Id: String(i).padStart(64, '0'),
	Names: [`/app-${String(i).padStart(3, '0')}`],
	Image: `img-${i % 3}:1`,
	ImageID: `sha256:${String(i % 3).padStart(64, 'a')}`,
	Command: 'run',
	Created: 1_700_000_000 + i,
	Ports: [],
	Labels: {},
	State: i % 4 === 0 ? 'running' : 'exited',
	Status: i % 4 === 0 ? 'Up 1 hour' : 'Exited (0) 1 hour ago',
	Mounts: i === 1 ? [{Type: 'volume', Name: 'data', Source: '/v', Destination: '/data'}] : [],
	...over,
});
const image = (id: string, tags: string[] | null, size: number): ImageSummary => ({
	Id: `sha256:${id.padStart(64, 'a')}`,
	ParentId: '',
	RepoTags: tags,
	RepoDigests: null,
	Created: 1_700_000_000,
	Size: size,
	SharedSize: -1,
	Labels: null,
	Containers: -1,
});
const volume = (name: string): Volume => ({
	Name: name,
	Driver: 'local',
	Mountpoint: `/var/lib/docker/volumes/${name}/_data`,
	Labels: null,
	Scope: 'local',
});

function makeStore(count = 30): Store {
	return seededStore({
		engine: {name: 'Docker', version: '27.1.0', apiVersion: '1.46'},
		data: {
			errors: {},
			containers: {list: Array.from({length: count}, (_, i) => container(i)), all: true},
			images: {
				list: [image('0', ['img-0:1'], 5_000_000), image('1', ['img-1:1'], 7_000_000), image('2', ['img-2:1'], 1_000)],
				dangling: false,
			},
			volumes: {list: [volume('data'), volume('cache')], unused: false},
		},
	});
}

type Loaded = Array<{kind: string; id: string}>;

/** What the details views read through the port: enough of an inspect document to draw. */
function inspectedContainer(id: string): ContainerInspect {
	return {
		Id: id,
		Name: `/${id}`,
		Created: '2023-11-14T22:13:20Z',
		Path: 'sh',
		Args: [],
		Image: `sha256:${'0'.repeat(64)}`,
		RestartCount: 0,
		State: {
			Status: 'running',
			Running: true,
			Paused: false,
			Restarting: false,
			ExitCode: 0,
			StartedAt: '',
			FinishedAt: '',
		},
		Config: {Image: 'img-0:1', Env: ['SECRET=shown-in-details'], Tty: false},
		HostConfig: {},
		Mounts: [],
		NetworkSettings: {},
	};
}

function mount(store: Store, size = {width: 100, height: 24}) {
	const loaded: Loaded = [];
	const {port} = fakePort({
		inspectContainer: async (id) => {
			loaded.push({kind: 'container', id});
			return inspectedContainer(id);
		},
		inspectImage: async (id) => {
			loaded.push({kind: 'image', id});
			return {
				Id: id,
				RepoTags: ['img-0:1'],
				Created: '2023-11-14T22:13:20Z',
				Size: 1,
				Os: 'linux',
				Architecture: 'amd64',
			} as ImageInspect;
		},
		imageHistory: async () => [],
	});
	const mounted = mountApp({store, port, width: size.width, height: size.height});
	return {...mounted, loaded};
}

test('the first screen: header with endpoint, engine and state; running containers first; footer keys', async () => {
	const {screen, app} = mount(makeStore());
	await sleep(30);
	const text = screen();
	assert.match(text, /tsdock · unix:\/\/\/var\/run\/docker\.sock · Docker 27\.1\.0 \(API 1\.46\)/);
	assert.match(text, /● connected/);
	assert.match(text, /Containers \(30\) · row 1/);
	const rows = text.split('\n').filter((line) => /app-\d{3}/.test(line));
	assert.match(rows[0]!, /app-028\s+img-1:1\s+running/, 'running first, newest first');
	assert.equal(rows.length, 16, '24 rows minus chrome: 16 visible rows');
	assert.match(text, /1-4 panes\s+↑↓ move\s+\/ filter/);
	for (const line of text.split('\n')) assert.ok(stringWidth(line) <= 100, line);
	app.unmount();
});

test('while only the running containers are listed, the note takes its own line: title, note, header and rows fit', async () => {
	// The partial list (the first paint, which can last seconds over SSH) once drew one line too many at 100x24:
	// the note overdrew the title and the table header was blank. The layout and the pane read one spec now.
	const all = Array.from({length: 30}, (_, i) => container(i));
	const store = seededStore({data: {errors: {}, containers: {list: all, all: true, partial: true}}});
	const {screen, waitFor, app} = mount(store);
	const text = await waitFor(/running containers first/);
	const lines = text.split('\n');
	assert.equal(lines.length, 24, 'the frame is the terminal height');
	const title = lines.findIndex((line) => /^│Containers \(30\)/.test(line));
	assert.ok(title > 0, `the title line is drawn:\n${text}`);
	assert.match(lines[title + 1]!, /running containers first: listing the others…/);
	assert.match(lines[title + 2]!, /NAME\s+IMAGE/, 'the table header follows the note');
	const rows = lines.filter((line) => /app-\d{3}/.test(line));
	assert.equal(rows.length, 15, 'one row fewer than without the note');
	store.dispatch({type: 'listed-containers', list: all});
	await waitFor((frame) => !frame.includes('running containers first'));
	assert.equal(
		screen()
			.split('\n')
			.filter((line) => /app-\d{3}/.test(line)).length,
		16,
	);
	app.unmount();
});

test('a chunk of keys typed fast acts key by key, each from where the last left the cursor', async () => {
	const {screen, press, waitFor, app} = mount(makeStore());
	await press(' j ');
	await waitFor(/2 marked/);
	await press('jjj');
	await waitFor(/row 5\b/);
	assert.match(screen(), /Containers \(30\) · row 5 · 2 marked/);
	app.unmount();
});

test('movement keys: ↓ j ↑ k PgDn PgUp G g End Home', async () => {
	const {screen, press, app} = mount(makeStore());
	await press(keys.down, 'j');
	assert.match(screen(), /row 3\b/);
	await press(keys.up);
	assert.match(screen(), /row 2\b/);
	await press('k');
	assert.match(screen(), /row 1\b/);
	await press(keys.pageDown);
	assert.match(screen(), /row 16\b/);
	await press(keys.pageDown);
	assert.match(screen(), /row 31\b|row 30\b/);
	await press(keys.pageUp);
	assert.match(screen(), /row 15\b/);
	await press('G');
	assert.match(screen(), /row 30\b/);
	assert.match(screen(), /› app-/);
	await press('g');
	assert.match(screen(), /row 1\b/);
	await press(keys.end);
	assert.match(screen(), /row 30\b/);
	await press(keys.home);
	assert.match(screen(), /row 1\b/);
	app.unmount();
});

test('pane keys 1-4, Tab and Shift-Tab; switching panes gives no React warning', async (t) => {
	// React reports misuse of hooks (a dependency list that changes length between renders) on console.error.
	const warnings = t.mock.method(console, 'error', () => {});
	const {screen, press, app} = mount(makeStore());
	await press('2');
	assert.match(screen(), /Images \(3\)/);
	assert.match(screen(), /REPOSITORY:TAG/);
	await press('3');
	assert.match(screen(), /Volumes \(2\)/);
	assert.match(screen(), /data\s+local\s+app-001/, 'which containers use a volume');
	await press('4');
	assert.match(screen(), /reading disk usage/);
	await press(keys.tab);
	assert.match(screen(), /Containers \(30\)/);
	await press(keys.shiftTab);
	assert.match(screen(), /reading disk usage/);
	await press('1');
	assert.match(screen(), /Containers \(30\)/);
	app.unmount();
	assert.deepEqual(
		warnings.mock.calls.map((call) => String(call.arguments[0])),
		[],
	);
});

test('filter: / types a case-insensitive literal filter; Enter keeps it; Esc clears it', async () => {
	const {screen, press, app} = mount(makeStore());
	await press('/', 'A', 'P', 'P', '-', '0', '0', '7');
	assert.match(screen(), /Containers \(1 of 30\)/);
	assert.match(screen(), /\/APP-007_/);
	await press('q');
	assert.match(screen(), /nothing matches "APP-007q"/, 'q types while filtering, it does not quit');
	await press(keys.backspace, keys.enter);
	assert.match(screen(), /filter: APP-007/);
	await press(keys.esc);
	assert.match(screen(), /Containers \(30\)/);
	await press('/', '.', '*');
	assert.match(screen(), /nothing matches "\.\*"/, 'regex metacharacters are plain text');
	await press(keys.esc);
	assert.match(screen(), /Containers \(30\)/);
	app.unmount();
});

test('Enter opens details of the selected row; Esc and q go back; q then quits', async () => {
	const {screen, press, app, loaded} = mount(makeStore());
	await press('j', keys.enter);
	await sleep(30);
	assert.equal(loaded[0]?.kind, 'container');
	assert.match(screen(), /Container app-024/);
	await press('G');
	assert.match(screen(), /SECRET=shown-in-details/);
	assert.match(screen(), /Esc back/);
	await press(keys.esc);
	assert.match(screen(), /Containers \(30\) · row 2/);
	await press(keys.enter, 'q');
	assert.match(screen(), /Containers \(30\) · row 2/, 'q in details goes back, not out');
	await press('2', keys.enter);
	await until(screen, /Image img-0:1|Image img-1:1|Image img-2:1/);
	assert.match(screen(), /Image img-0:1|Image img-1:1|Image img-2:1/);
	assert.equal(loaded.at(-1)?.kind, 'image');
	app.unmount();
});

test('? lists every key of the current pane from the key map; Esc and ? close it', async () => {
	for (const pane of paneIds) {
		const store = makeStore();
		store.dispatch({type: 'pane', pane});
		const {screen, press, app} = mount(store, {width: 100, height: 120});
		await press('?');
		const text = screen();
		for (const binding of [
			...bindingsFor('list', pane),
			...bindingsFor('filter', pane),
			...bindingsFor('details', pane),
			...bindingsFor('help', pane),
		]) {
			const pattern = new RegExp(
				`${bindingLabel(binding).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${binding.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
			);
			assert.match(text, pattern, `${pane}: ${binding.command}`);
		}
		await press(keys.esc);
		assert.doesNotMatch(screen(), /In this help/);
		await press('?', '?');
		assert.doesNotMatch(screen(), /In this help/);
		app.unmount();
	}
	const imagesOnly = keymap.find((binding) => binding.command === 'toggle-dangling')!;
	assert.ok(helpLines('images', 'list', false, 100).some((line) => line.text.includes(imagesOnly.description)));
	assert.ok(
		!helpLines('containers', 'list', false, 100).some((line) => line.text.includes(imagesOnly.description)),
		'pane-only keys stay in their pane',
	);
});

test('a long help scrolls in a small terminal', async () => {
	const {screen, press, app} = mount(makeStore(), {width: 80, height: 24});
	await press('?');
	assert.match(screen(), /more:/);
	await press('G');
	assert.match(screen(), /close the help/);
	app.unmount();
});

test('D on Images asks for dangling images and says what dangling means; S cycles the sort', async () => {
	const store = makeStore();
	const {screen, press, app} = mount(store);
	await press('2', 'D');
	assert.equal(store.get().ui.toggles.danglingImages, true);
	assert.match(screen(), /loading…/, 'waits for the Engine-filtered list');
	assert.match(screen(), /dangling = an image with no tag/);
	store.dispatch({type: 'listed-images', list: [image('9', null, 10)], dangling: true});
	await until(screen, /Images: dangling \(1\)/);
	assert.match(screen(), /Images: dangling \(1\)/);
	assert.match(screen(), /<none>:<none>/);
	await press('D', 'S');
	store.dispatch({type: 'listed-images', list: [image('0', ['b:1'], 5), image('1', ['a:1'], 9)], dangling: false});
	await until(screen, /sort: name/);
	assert.match(screen(), /sort: name/);
	let rows = screen()
		.split('\n')
		.filter((line) => /[ab]:1/.test(line));
	assert.match(rows[0]!, /a:1/);
	await press('S');
	assert.match(screen(), /sort: size/);
	rows = screen()
		.split('\n')
		.filter((line) => /[ab]:1/.test(line));
	assert.match(rows[0]!, /a:1.*9B/);
	app.unmount();
});

test('D on Volumes asks for unused volumes; a on Containers shows running only', async () => {
	const store = makeStore();
	const {screen, press, app} = mount(store);
	await press('a');
	assert.match(screen(), /Containers \(8\)/);
	assert.match(screen(), /running containers only/);
	await press('a', '3', 'D');
	assert.equal(store.get().ui.toggles.unusedVolumes, true);
	assert.match(screen(), /unused only/);
	app.unmount();
});

test('the cursor follows the selected container when the list changes under it', async () => {
	const store = makeStore();
	const {screen, press, app} = mount(store);
	await press('j', 'j');
	const selected = screen()
		.split('\n')
		.find((line) => line.includes('›'))!;
	const name = /app-\d{3}/.exec(selected)![0];
	store.dispatch({
		type: 'listed-containers',
		list: [container(99, {State: 'running', Created: 1_800_000_000}), ...store.get().data.containers!.list],
	});
	await sleep(20);
	const after = screen()
		.split('\n')
		.find((line) => line.includes('›'))!;
	assert.ok(after.includes(name), `${after} should still select ${name}`);
	assert.match(screen(), /row 4\b/);
	app.unmount();
});

test('connection trouble shows in the header; a too small terminal gets one line', async () => {
	const store = makeStore();
	store.dispatch({
		type: 'connection',
		connection: {state: 'reconnecting', reason: 'cannot connect: connection refused', retryInMs: 2000},
	});
	const {screen, app} = mount(store);
	await until(screen, /reconnecting \(cannot connect: connection refused; next try in 2 s\)/);
	assert.match(screen(), /reconnecting \(cannot connect: connection refused; next try in 2 s\)/);
	app.unmount();
	const small = mount(makeStore(), {width: 30, height: 8});
	await sleep(20);
	assert.match(small.screen(), /terminal too small/);
	assert.equal(small.screen().trim().split('\n').length, 1);
	small.app.unmount();
});

test('Ctrl-C quits from any context, even while filtering', async () => {
	const {press, app} = mount(makeStore());
	await press('/', 'x', keys.ctrlC);
	// After exit the app renders nothing new: further keys change nothing.
	const before = app.frames.length;
	await press('j');
	assert.equal(app.frames.length, before);
});

test('a change that changes nothing redraws nothing', async () => {
	const store = makeStore();
	const {app} = mount(store);
	await sleep(30);
	const before = app.frames.length;
	const state = store.get();
	store.dispatch({type: 'listed-containers', list: structuredClone(state.data.containers!.list)});
	store.dispatch({type: 'connection', connection: {state: 'connected'}});
	store.dispatch({type: 'status', status: undefined});
	store.dispatch({type: 'filter-clear'});
	assert.equal(store.get(), state, 'the reducer keeps the same state object');
	await sleep(30);
	assert.ok(app.frames.length - before <= 1, `${app.frames.length - before} frames`);
	const lastTwo = app.frames.slice(-2);
	if (app.frames.length - before === 1) assert.equal(lastTwo[0], lastTwo[1], 'same output');
	app.unmount();
});

export type {PaneId};
