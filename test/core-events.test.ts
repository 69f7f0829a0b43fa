import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {waitFor} from './helpers/compare.ts';
import {recordEvents} from './helpers/events.ts';
import {createClient, parseEvents, watchEvents, type EngineClient, type EngineEvent} from '../source/core/index.ts';

let daemon: TestDaemon;
let client: EngineClient;

before(async () => {
	daemon = await startDaemon();
	await buildBase(daemon);
	client = createClient({host: daemon.host});
});

after(async () => {
	client?.close();
	await daemon?.stop();
});

type Log =
	| {at: number; kind: 'connected'; reconnected: boolean}
	| {at: number; kind: 'disconnected'; error: unknown; retryInMs: number}
	| {at: number; kind: 'event'; event: EngineEvent};

const createdEvent = (log: Log[], name: string) =>
	log.find(
		(entry): entry is Extract<Log, {kind: 'event'}> =>
			entry.kind === 'event' &&
			entry.event.Type === 'container' &&
			entry.event.Action === 'create' &&
			entry.event.Actor.Attributes?.name === name,
	);

test("openEvents + parseEvents: a `docker create` arrives as a container create event with the CLI's ID", async () => {
	const events = await recordEvents(client);
	const id = (await daemon.docker(['create', '--name', 'tsd-ev-raw', 'tsd-base:1', 'true'])).stdout.trim();
	const event = await waitFor('the create event', () =>
		events.seen.find((candidate) => candidate.Action === 'create' && candidate.Actor.ID === id),
	);
	assert.equal(event.Type, 'container');
	assert.equal(event.Actor.Attributes?.name, 'tsd-ev-raw');
	assert.equal(event.Actor.Attributes?.image, 'tsd-base:1');
	assert.ok(Math.abs(event.time - Date.now() / 1000) < 60);
	await events.stop();
});

test('parseEvents copes with events split across chunks and skips malformed lines', async () => {
	async function* chunks() {
		yield Buffer.from('{"Type":"container","Action":"start","Actor":{"ID":"a"},"time":1,"timeNano":1}\n{"Type":"ima');
		yield 'ge","Action":"tag","Actor":{"ID":"b"},"time":2,"timeNano":2}\n';
		yield 'not json\n\n{"Type":"volume","Action":"create","Actor":{"ID":"c"},"time":3,"timeNano":3}\n';
	}
	const events: EngineEvent[] = [];
	for await (const event of parseEvents(chunks())) events.push(event);
	assert.deepEqual(
		events.map((event) => `${event.Type}/${event.Action}/${event.Actor.ID}`),
		['container/start/a', 'image/tag/b', 'volume/create/c'],
	);
});

test('watchEvents: sees creates, reports the daemon going away, reconnects within the backoff when it is back, and events flow again', async () => {
	const log: Log[] = [];
	const controller = new AbortController();
	const watching = watchEvents(
		client,
		{
			onConnected: (reconnected) => log.push({at: Date.now(), kind: 'connected', reconnected}),
			onDisconnected: (error, retryInMs) => log.push({at: Date.now(), kind: 'disconnected', error, retryInMs}),
			onEvent: (event) => log.push({at: Date.now(), kind: 'event', event}),
		},
		controller.signal,
	);
	try {
		await waitFor('the first connection', () => log.find((entry) => entry.kind === 'connected'));
		assert.deepEqual(
			log.filter((entry) => entry.kind === 'connected').map((entry) => (entry as {reconnected: boolean}).reconnected),
			[false],
		);

		await daemon.docker(['create', '--name', 'tsd-ev-1', 'tsd-base:1', 'true']);
		await waitFor('the create event for tsd-ev-1', () => createdEvent(log, 'tsd-ev-1'));

		// The daemon stops: the stream ends or breaks, and the watcher says so.
		await daemon.pause();
		const down = await waitFor(
			'onDisconnected',
			() => log.find((entry): entry is Extract<Log, {kind: 'disconnected'}> => entry.kind === 'disconnected'),
			15_000,
		);
		assert.equal(down.retryInMs, 500, 'the first retry comes after 0.5 s');
		// While it is down, retries back off (each failure reports a longer wait, capped at 10 s).
		await waitFor('a failed retry', () => log.filter((entry) => entry.kind === 'disconnected').length >= 2, 5_000);
		const retries = log
			.filter((entry): entry is Extract<Log, {kind: 'disconnected'}> => entry.kind === 'disconnected')
			.map((entry) => entry.retryInMs);
		for (let index = 1; index < retries.length; index++)
			assert.equal(retries[index], Math.min(retries[index - 1]! * 2, 10_000));
		assert.equal(log.filter((entry) => entry.kind === 'connected').length, 1, 'no reconnect while the daemon is down');

		// Back up: onConnected(true) within the announced backoff (plus a margin for the request itself).
		await daemon.resume();
		const resumedAt = Date.now();
		const lastRetry = log
			.filter((entry): entry is Extract<Log, {kind: 'disconnected'}> => entry.kind === 'disconnected')
			.at(-1)!;
		const again = await waitFor(
			'onConnected(true)',
			() =>
				log.find(
					(entry): entry is Extract<Log, {kind: 'connected'}> => entry.kind === 'connected' && entry.reconnected,
				),
			lastRetry.retryInMs + 10_000,
		);
		assert.ok(
			again.at - resumedAt <= lastRetry.retryInMs + 3000,
			`reconnected ${again.at - resumedAt} ms after the daemon was back (backoff ${lastRetry.retryInMs} ms)`,
		);

		// Events flow again on the new stream.
		await daemon.docker(['create', '--name', 'tsd-ev-2', 'tsd-base:1', 'true']);
		const second = await waitFor('the create event for tsd-ev-2', () => createdEvent(log, 'tsd-ev-2'));
		assert.ok(second.at >= again.at);
		assert.equal(log.filter((entry) => entry.kind === 'connected').length, 2);
	} finally {
		controller.abort();
		await watching;
	}
	// After the abort the watcher has returned and reports nothing more.
	const entries = log.length;
	await daemon.docker(['create', '--name', 'tsd-ev-3', 'tsd-base:1', 'true']);
	await new Promise((resolve) => setTimeout(resolve, 500));
	assert.equal(log.length, entries);
});

test('watchEvents returns at once when aborted while the daemon is unreachable', async () => {
	const unreachable = createClient({host: `unix://${daemon.dir}/nothing-here.sock`});
	const controller = new AbortController();
	const disconnects: unknown[] = [];
	const watching = watchEvents(
		unreachable,
		{
			onConnected: () => assert.fail('cannot connect'),
			onDisconnected: (error) => disconnects.push(error),
			onEvent: () => {},
		},
		controller.signal,
	);
	await waitFor('a failed attempt', () => disconnects.length > 0);
	const abortedAt = Date.now();
	controller.abort();
	await watching;
	assert.ok(Date.now() - abortedAt < 200, 'the backoff sleep ends on abort');
	assert.match(String((disconnects[0] as Error).message), /nothing-here\.sock/);
	unreachable.close();
});
