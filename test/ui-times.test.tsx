// Relative times in the TUI: rows worked out again at the clock's `now`, the containers' times as engine data
// (read once each through the port, forgotten on the events that change them), and the clock that ticks only
// when a text on screen changes. Against the fake port; the real daemon's side is in e2e-times.test.ts.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import type {ContainerSummary, ImageSummary, WatchHandlers} from '../source/core/index.ts';
import {EngineSync} from '../source/ui/engine-sync.ts';
import {wakeAt} from '../source/ui/hooks/use-clock.ts';
import {containerModel} from '../source/ui/format/container-rows.ts';
import {imageModel} from '../source/ui/format/image-rows.ts';
import type {Change} from '../source/ui/state/changes.ts';
import {reduce} from '../source/ui/state/reducer.ts';
import {initialAppState} from '../source/ui/state/types.ts';
import {createStore} from '../source/ui/store.ts';
import {fakePort} from './helpers/fake-port.ts';
import {mountApp, seededStore} from './helpers/ui-kit.tsx';

const YEAR = 365 * 24 * 3600;

const container = (name: string, over: Partial<ContainerSummary> = {}): ContainerSummary => ({
	Id: name.padEnd(64, '0'),
	Names: [`/${name}`],
	Image: 'tsd-base:1',
	ImageID: 'sha256:' + 'b'.repeat(64),
	Command: 'sh',
	Created: 1_000_000,
	Ports: [],
	Labels: {},
	State: 'running',
	Status: 'Up Less than a second',
	...over,
});

const cells = (rows: {id: string; cells: string[]}[], id: string) => rows.find((row) => row.id === id)!.cells;

test("the Containers rows' STATUS and CREATED follow `now`; the daemon's text stays without the times", () => {
	const web = container('web', {Created: 1_000_000});
	const times = {[web.Id]: {startedAt: 1_000_002}};
	const at = (now: number, withTimes = true) =>
		containerModel([web], {all: true, times: withTimes ? times : undefined, now}).rows;
	assert.deepEqual(cells(at(1_000_004), web.Id).slice(3, 5), ['Up 2 seconds', '4 seconds ago']);
	assert.deepEqual(cells(at(1_000_062.5), web.Id).slice(3, 5), ['Up About a minute', 'About a minute ago']);
	assert.deepEqual(cells(at(1_000_000 + 3 * 3600), web.Id).slice(3, 5), ['Up 3 hours', '3 hours ago']);
	// When the first of the row's texts changes: STATUS at 1_000_005 (3 s up), CREATED at 1_000_005 too.
	assert.equal(at(1_000_004.5)[0]!.changesAt, 1_000_005);
	assert.equal(at(1_000_000 + 3 * 3600)[0]!.changesAt, 1_000_000 + 3.5 * 3600, 'CREATED changes first');
	// Not read yet: the daemon's text from the listing.
	assert.equal(cells(at(1_000_100, false), web.Id)[3], 'Up Less than a second');
	// Images' CREATED as well.
	const image = {
		Id: 'sha256:' + 'a'.repeat(64),
		Created: 1_000_000,
		RepoTags: ['x:1'],
		Size: 1,
		SharedSize: -1,
	} as ImageSummary;
	const imageRows = (now: number) => imageModel([image], [], undefined, now).rows;
	assert.equal(imageRows(1_000_030)[0]!.cells[2], '30 seconds ago');
	assert.equal(imageRows(1_000_000 + 2 * YEAR)[0]!.cells[2], '2 years ago');
});

test('the reducer: times merge and are forgotten; `now` ticks; a change that changes nothing keeps the state', () => {
	const apply = (...changes: Change[]) => changes.reduce(reduce, initialAppState());
	const a = {startedAt: 10};
	const state = apply({type: 'container-times', times: {x: a, y: {finishedAt: 5}}});
	assert.deepEqual(state.data.times, {x: a, y: {finishedAt: 5}});
	assert.equal(reduce(state, {type: 'container-times', times: {x: {startedAt: 10}}}), state, 'same times');
	assert.equal(reduce(state, {type: 'container-times', times: {z: undefined}}), state, 'nothing to forget');
	assert.deepEqual(reduce(state, {type: 'container-times', times: {x: undefined}}).data.times, {y: {finishedAt: 5}});
	assert.equal(reduce(state, {type: 'container-times-reset'}).data.times, undefined);
	const ticked = reduce(state, {type: 'now', now: 42});
	assert.equal(ticked.now, 42);
	assert.equal(reduce(ticked, {type: 'now', now: 42}), ticked);
});

/** A fake port whose event stream the test drives. */
function drivenPort(list: () => ContainerSummary[], startedAt: () => number) {
	let handlers: WatchHandlers | undefined;
	const fake = fakePort({
		watchEvents: (given, signal) => {
			handlers = given;
			given.onConnected(false);
			return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), {once: true}));
		},
		engineVersion: async () => ({name: 'Docker', version: '29', apiVersion: '1.52'}),
		listContainers: async () => list(),
		containerTimes: async () => ({startedAt: startedAt()}),
	});
	return {...fake, emit: (event: object) => handlers!.onEvent(event as never)};
}

test('the sync reads a container’s times once, and again only after an event that changes them', async () => {
	const web = container('web');
	let started = 100;
	const {port, names, emit} = drivenPort(
		() => [web, container('made', {State: 'created', Status: 'Created'})],
		() => started,
	);
	const store = createStore();
	const sync = new EngineSync(port, store);
	sync.start();
	try {
		const until = async (check: () => boolean, what: string) => {
			for (let i = 0; i < 500 && !check(); i++) await sleep(10);
			assert.ok(check(), what);
		};
		await until(() => store.get().data.times?.[web.Id]?.startedAt === 100, 'times read');
		const reads = () => names().filter((name) => name === 'containerTimes').length;
		assert.equal(reads(), 1, 'one inspect, for the running container only ("Created" has no duration)');
		// Listed again (an unrelated event): the times are kept, not read again.
		emit({Type: 'container', Action: 'exec_die', Actor: {ID: 'other'}});
		emit({Type: 'container', Action: 'create', Actor: {ID: 'other'}});
		await until(() => names().filter((name) => name === 'listContainers').length >= 2, 'listed again');
		await sleep(50);
		assert.equal(reads(), 1);
		// A restart: forgotten at once, read again after the listing.
		started = 200;
		emit({Type: 'container', Action: 'restart', Actor: {ID: web.Id}});
		await until(() => store.get().data.times?.[web.Id]?.startedAt === 200, 'read again after restart');
		assert.equal(reads(), 2);
	} finally {
		await sync.stop();
	}
});

/** Count the clock's ticks while a mounted App shows `store`. */
function countTicks(store: ReturnType<typeof seededStore>) {
	const seen: number[] = [];
	let last = store.get().now;
	const stop = store.subscribe(() => {
		if (store.get().now !== last) seen.push((last = store.get().now));
	});
	return {seen, stop};
}

test("a running container's STATUS advances on screen with no event: the clock ticks when the text changes", async () => {
	const now = Date.now() / 1000;
	const web = container('web', {Created: Math.floor(now) - 1, Status: 'Up Less than a second'});
	const store = seededStore({
		data: {containers: {list: [web], all: true}, errors: {}, times: {[web.Id]: {startedAt: now - 1.5}}},
	});
	const ticks = countTicks(store);
	const ui = mountApp({store});
	try {
		await ui.waitFor(/Up 1 second\b/);
		// No listing, no event: only the clock.
		await ui.waitFor(/Up 2 seconds/);
		await ui.waitFor(/Up 3 seconds/);
		assert.ok(ticks.seen.length >= 2, 'the clock dispatched `now`');
		assert.equal(store.get().data.containers!.list[0], web, 'the listing is the same one');
	} finally {
		ticks.stop();
		ui.unmount();
	}
});

test('a screen whose times are all old does not tick; nor does a view without relative times', async () => {
	const now = Date.now() / 1000;
	const old = container('old', {Created: now - 3 * YEAR, Status: 'Up 2 years'});
	const gone = container('gone', {Created: now - 2 * YEAR, State: 'exited', Status: 'Exited (0) 2 years ago'});
	// The next change of these texts is months away (and Node's timer holds at most 24.8 days): no tick soon.
	const store = seededStore({
		data: {
			containers: {list: [old, gone], all: true},
			errors: {},
			times: {[old.Id]: {startedAt: now - 2.2 * YEAR}, [gone.Id]: {finishedAt: now - 2.2 * YEAR}},
		},
	});
	const ticks = countTicks(store);
	const ui = mountApp({store});
	try {
		await ui.waitFor(/Up 2 years/);
		await sleep(1500);
		assert.deepEqual(ticks.seen, []);
		// A young container, but behind the help overlay: nothing relative on screen, no tick.
		const young = container('young', {Created: Math.floor(now), Status: 'Up Less than a second'});
		store.dispatch({type: 'listed-containers', list: [young, old, gone]});
		store.dispatch({type: 'container-times', times: {[young.Id]: {startedAt: now}}});
		store.dispatch({type: 'help-open'});
		await sleep(1500);
		assert.deepEqual(ticks.seen, []);
		store.dispatch({type: 'help-close'});
		// Whatever the first frame after the help says (a busy machine draws it late), the next change of the text
		// can only come from a tick: nothing else changes the store now.
		const up = (frame: string) => {
			const match = /young[^\n]*Up (Less than a second|(\d+) seconds)/.exec(frame);
			return match ? Number(match[2] ?? 0) : undefined;
		};
		const first = up(await ui.waitFor((frame) => up(frame) !== undefined))!;
		await ui.waitFor((frame) => (up(frame) ?? 0) > first);
		assert.ok(ticks.seen.length >= 1);
	} finally {
		ticks.stop();
		ui.unmount();
	}
});

test('a details view: "Started … (N seconds ago)" advances by the clock too, with no new inspect', async () => {
	const now = Date.now();
	const web = container('web');
	const iso = (ms: number) => new Date(ms).toISOString();
	const inspect = {
		Id: web.Id,
		Name: '/web',
		Created: iso(now - 3 * YEAR * 1000),
		Path: 'sleep',
		Args: ['600'],
		Image: 'sha256:' + 'b'.repeat(64),
		RestartCount: 0,
		State: {
			Status: 'running',
			Running: true,
			Paused: false,
			Restarting: false,
			ExitCode: 0,
			StartedAt: iso(now - 1500),
			FinishedAt: '0001-01-01T00:00:00Z',
		},
		Config: {Image: 'tsd-base:1', Tty: false},
		HostConfig: {},
		Mounts: [],
		NetworkSettings: {},
	};
	const {port, names} = fakePort({inspectContainer: async () => inspect as never});
	const base = seededStore().get();
	const store = seededStore({
		data: {containers: {list: [web], all: true}, errors: {}},
		ui: {...base.ui, details: {kind: 'container', id: web.Id, label: 'web', top: 0}},
	});
	const ui = mountApp({store, port, width: 120});
	try {
		await ui.waitFor(/Started .*\(1 second ago\)/);
		await ui.waitFor(/Started .*\(2 seconds ago\)/);
		assert.match(ui.screen(), /Created .*\(3 years ago\)/);
		assert.equal(names().filter((name) => name === 'inspectContainer').length, 1);
	} finally {
		ui.unmount();
	}
});

test('the clock wakes on a grid that fits how far off the change is, so rows share ticks', () => {
	const now = 1_700_000_000_000;
	// Within a minute: the next whole second; 40 rows changing at 40 fractions of one second share one tick.
	const soon = Array.from({length: 40}, (_, i) => wakeAt(now + 2001 + i * 24, now));
	assert.deepEqual(new Set(soon), new Set([now + 3000]));
	assert.equal(wakeAt(now + 2000, now), now + 2000, 'a change on the grid is not delayed');
	// Within an hour: 10 s steps; later: a minute.
	assert.equal(wakeAt(now + 61_000, now), now + 70_000);
	assert.equal(wakeAt(now + 3_700_500, now), now + 3_760_000, 'on the minutes of the clock');
	for (const ahead of [1, 999, 59_999, 60_001, 3_599_999, 7_200_001]) {
		const due = wakeAt(now + ahead, now);
		assert.ok(due >= now + ahead, 'never before the change');
		assert.ok(due - (now + ahead) < (ahead <= 60_000 ? 1000 : ahead <= 3_600_000 ? 10_000 : 60_000));
	}
});
