// EngineSync against a real throwaway daemon: lists once the event stream is up, re-lists only the kind an
// event touches (batched), never polls, reads system df only for the Disk pane, and reconnects.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {createClient, listContainers, type EngineClient} from '../source/core/index.ts';
import {EngineSync} from '../source/ui/engine-sync.ts';
import {enginePort} from '../source/ui/engine-port.ts';
import {createStore, type Store} from '../source/ui/store.ts';
import type {AppState} from '../source/ui/state/types.ts';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';

let daemon: TestDaemon;
let client: EngineClient;
let store: Store;
let sync: EngineSync;
const requests: string[] = [];

async function until(check: (state: AppState) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const start = Date.now();
	while (!check(store.get())) {
		if (Date.now() - start > timeoutMs)
			throw new Error(`timed out waiting for ${what}: ${JSON.stringify(store.get().connection)}`);
		await sleep(20);
	}
}

before(async () => {
	daemon = await startDaemon();
	await buildBase(daemon);
	await daemon.docker(['volume', 'create', 'tsd-sync-vol']);
	client = createClient({host: daemon.host});
	client.onRequest = (method, path) => requests.push(`${method} ${path}`);
	store = createStore();
	sync = new EngineSync(enginePort(client), store);
	sync.start();
	await until(
		(s) =>
			s.connection.state === 'connected' && !!s.data.containers && !!s.data.images && !!s.data.volumes && !!s.engine,
		'the first listing',
	);
});

after(async () => {
	await sync?.stop();
	client?.close();
	await daemon?.stop();
});

const count = (path: string) => requests.filter((line) => line === `GET ${path}`).length;

test('the first listing: containers, images, volumes and the engine version, but no system df', () => {
	assert.equal(store.get().engine?.name, 'Docker');
	assert.ok(store.get().data.images!.list.some((image) => image.RepoTags?.includes('tsd-base:1')));
	assert.ok(store.get().data.volumes!.list.some((volume) => volume.Name === 'tsd-sync-vol'));
	assert.equal(count('/system/df'), 0, 'df is slow: not read until the Disk pane asks');
});

test('idle: no request at all while the stream is healthy', async () => {
	await sleep(300);
	requests.length = 0;
	await sleep(1500);
	assert.deepEqual(requests, []);
});

test('a container created from outside appears; only containers are re-listed, in one batch', async () => {
	requests.length = 0;
	await Promise.all(
		[1, 2, 3, 4, 5].map((i) =>
			daemon.docker(['create', '--name', `tsd-sync-${i}`, '--network', 'none', 'tsd-base:1', 'true']),
		),
	);
	await until(
		(s) => [1, 2, 3, 4, 5].every((i) => s.data.containers!.list.some((c) => c.Names.includes(`/tsd-sync-${i}`))),
		'the new containers',
	);
	await sleep(400);
	const relists = count('/containers/json');
	assert.ok(relists >= 1 && relists <= 4, `5 creates re-listed containers ${relists} times`);
	assert.equal(count('/images/json'), 0);
	assert.equal(count('/volumes'), 0);
	assert.equal(count('/system/df'), 0);
});

test('an unchanged listing leaves the store alone (no redraw)', async () => {
	const before = store.get();
	sync.mark('containers', 0);
	sync.mark('volumes', 0);
	await sleep(400);
	assert.equal(store.get(), before);
});

test('D toggles re-list with the Engine filter; the Disk pane reads system df once', async () => {
	requests.length = 0;
	store.dispatch({type: 'pane', pane: 'images'});
	store.dispatch({type: 'toggle', name: 'danglingImages'});
	await until((s) => s.data.images?.dangling === true, 'the dangling listing');
	assert.equal(count('/images/json'), 1);
	store.dispatch({type: 'pane', pane: 'volumes'});
	store.dispatch({type: 'toggle', name: 'unusedVolumes'});
	await until((s) => s.data.volumes?.unused === true, 'the unused listing');
	assert.deepEqual(
		store.get().data.volumes!.list.map((v) => v.Name),
		['tsd-sync-vol'],
	);
	store.dispatch({type: 'pane', pane: 'disk'});
	await until((s) => s.data.df !== undefined, 'system df');
	assert.equal(count('/system/df'), 1);
	store.dispatch({type: 'pane', pane: 'containers'});
	store.dispatch({type: 'pane', pane: 'disk'});
	await sleep(300);
	assert.equal(count('/system/df'), 1, 'nothing changed: df is not read again');
});

test('a dropped daemon shows as reconnecting with the reason; on return everything is re-listed', async () => {
	await daemon.pause();
	await until((s) => s.connection.state === 'reconnecting', 'reconnecting');
	const connection = store.get().connection;
	assert.ok(connection.state === 'reconnecting' && connection.reason.length > 0, JSON.stringify(connection));
	requests.length = 0;
	await daemon.resume();
	await until((s) => s.connection.state === 'connected', 'connected again', 30_000);
	await sleep(400);
	assert.ok(
		count('/containers/json') >= 1 && count('/images/json') >= 1 && count('/volumes') >= 1,
		requests.join(', '),
	);
});

test('a prefetched running-only list is drawn first, marked partial, then replaced by the full list', async () => {
	await daemon.docker(['run', '-d', '--name', 'tsd-sync-runner', '--network', 'none', 'tsd-base:1', 'sleep', '600']);
	const own = createStore();
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	const running = await listContainers(client, {all: true, filters: {status: ['running']}});
	// The full listing waits behind the gate; the prefetch does not.
	const gated = createClient({host: daemon.host});
	const original = gated.request.bind(gated);
	gated.request = (async (method: string, path: string, options?: object) => {
		if (path === '/containers/json') await gate;
		return original(method, path, options);
	}) as typeof gated.request;
	const prefetched = new EngineSync(enginePort(gated), own, Promise.resolve(running));
	prefetched.start();
	try {
		await new Promise<void>((resolve, reject) => {
			const start = Date.now();
			const check = () => {
				const containers = own.get().data.containers;
				if (containers) return resolve();
				if (Date.now() - start > 5000) return reject(new Error('no prefetched list'));
				setTimeout(check, 10);
			};
			check();
		});
		const first = own.get().data.containers!;
		assert.equal(first.partial, true);
		assert.deepEqual(
			first.list.map((c) => c.Names[0]),
			['/tsd-sync-runner'],
		);
		release();
		const start = Date.now();
		while (own.get().data.containers?.partial && Date.now() - start < 10_000) await sleep(20);
		const full = own.get().data.containers!;
		assert.equal(full.partial, undefined);
		assert.ok(full.list.length > 1, 'the full list has the stopped containers too');
	} finally {
		release();
		await prefetched.stop();
		gated.close();
		await daemon.docker(['rm', '-f', 'tsd-sync-runner']);
	}
});
