// The logs view's session against a throwaway daemon: a young busybox container writes to stdout and stderr
// (each iteration to both at once, so the json-file log gets the two streams' stamps slightly out of order now
// and then); several sessions open at different times, pause and resume, and have their stream cut under them
// (then reconnect as the user does, f twice), many times while it writes. When the container has stopped and
// every session has read to the end, each must hold exactly what `docker logs` (the CLI, against the same daemon)
// prints: per stream the same lines in the same order (stdout and stderr compared apart: their order between them
// is not asserted), so no line twice and none missing.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {appendFileSync, writeFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {createClient, readLogs, stampNanos, type EngineClient, type LogLine} from '../source/core/index.ts';
import {LogSession, type LogSource} from '../source/ui/logs/log-session.ts';
import {enginePort} from '../source/ui/engine-port.ts';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';

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

/** A seeded generator: the same pauses on every run. */
function prng(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/**
 * The Engine's source with a way to cut the stream under the session, as a dropped connection ends it, and a
 * call when a batch ends on a line stamped before one already delivered by the same answer (the written log is
 * out of order right where the session's lines end: the moment to pause).
 */
function cuttable(source: LogSource, onInversion: () => void): {source: LogSource; cut: () => void} {
	let cut = () => {};
	return {
		source: {
			read(request, onLines) {
				const inner = new AbortController();
				const stop = () => inner.abort();
				request.signal.addEventListener('abort', stop, {once: true});
				cut = stop;
				let newest = -1n;
				const watch = (lines: LogLine[]) => {
					let last = -1n;
					for (const line of lines) {
						last = stampNanos(line.timestamp!)!;
						if (last > newest) newest = last;
					}
					onLines(lines);
					if (last >= 0n && last < newest) onInversion();
				};
				return source.read({...request, signal: inner.signal}, watch).finally(() => {
					request.signal.removeEventListener('abort', stop);
				});
			},
			ended: () => source.ended!(),
		},
		cut: () => cut(),
	};
}

async function until(what: string, check: () => boolean, limitMs = 60_000): Promise<void> {
	for (let waited = 0; !check(); waited += 20) {
		if (waited > limitMs) throw new Error(`gave up waiting for ${what}`);
		await sleep(20);
	}
}

/** `docker logs --timestamps` of the CLI, one stream: "stamp text" lines in the order it printed them. */
function cliLines(output: string): string[] {
	return output.split('\n').filter((line) => line !== '');
}

const held = (session: LogSession, stream: 'stdout' | 'stderr'): string[] =>
	session.ring
		.slice(0, session.ring.size)
		.filter((line) => line.stream === stream)
		.map((line) => `${line.timestamp} ${line.text}`);

/** Adjacent lines of the written log whose stamps go backwards (the Engine's own order, demultiplexed). */
function inversions(lines: LogLine[]): number {
	let count = 0;
	for (let i = 1; i < lines.length; i++)
		if (stampNanos(lines[i]!.timestamp!)! < stampNanos(lines[i - 1]!.timestamp!)!) count++;
	return count;
}

test('open, pause, resume and reconnect many times under output: each session holds what docker logs prints, once', async () => {
	const {stdout: id} = await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-resume',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		// Per iteration: one line on each stream at the same moment, then the same text on both.
		'i=0; while :; do echo "out $i" & echo "err $i" >&2; echo tick; echo tick >&2; wait; i=$((i+1)); usleep 250000; done',
	]);
	const container = id.trim();
	const random = prng(20_260_512);
	const sessions: Array<{session: LogSession; cut: () => void}> = [];
	const counts = {pauses: 0, reconnects: 0, atInversions: 0};
	// f as the user presses it: pause (if following), follow again (if paused).
	const pause = (session: LogSession) => session.follow && session.toggleFollow();
	const follow = (session: LogSession) => session.follow || session.toggleFollow();

	const drive = async (index: number) => {
		await sleep(index * 700);
		// eslint-disable-next-line prefer-const -- the source's callback below is made first and reads it
		let session: LogSession | undefined;
		const {source, cut} = cuttable(enginePort(client).logSource(container), () =>
			// Pause right there (after this batch is taken), and follow again a moment later.
			queueMicrotask(() => {
				if (!session?.follow) return;
				pause(session);
				counts.atInversions++;
				setTimeout(() => follow(session!), 300);
			}),
		);
		// A tail longer than the young container's log: the session holds all of it, the window docker logs prints.
		session = new LogSession(source, {tail: 100_000, flushMs: 10});
		sessions.push({session, cut});
		session.open();
		for (let round = 0; round < 14; round++) {
			await sleep(50 + random() * 450);
			if (random() < 0.3) {
				// The stream is cut: the view says the log ended; f twice follows again from where it was.
				follow(session);
				cut();
				await until('the cut stream to end', () => session.status !== 'following' && session.status !== 'loading');
				pause(session);
				follow(session);
				counts.reconnects++;
			} else {
				pause(session);
				assert.equal(session.status, 'paused');
				await sleep(random() * 600);
				follow(session);
				counts.pauses++;
			}
		}
	};
	await Promise.all([0, 1, 2, 3, 4, 5].map((index) => drive(index)));

	await daemon.docker(['stop', '-t', '0', container]);
	// Every session follows again now that the log is complete, and reads to its end.
	for (const {session} of sessions) {
		pause(session);
		follow(session);
	}
	for (const {session} of sessions) await until('the session to read to the end', () => session.status === 'ended');

	const logs = await daemon.docker(['logs', '--timestamps', container]);
	const expected = {stdout: cliLines(logs.stdout), stderr: cliLines(logs.stderr)};
	assert.ok(expected.stdout.length > 40 && expected.stderr.length > 40, 'the container wrote while the sessions ran');
	const written = await readLogs(client, container, false, {tail: 'all', timestamps: true});
	console.log(
		`resume: ${expected.stdout.length} stdout and ${expected.stderr.length} stderr lines; ${counts.pauses} pauses, ` +
			`${counts.reconnects} reconnects over ${sessions.length} sessions; stamps out of order in the written log: ` +
			`${inversions(written)}, paused right after one ${counts.atInversions} times`,
	);
	for (const [index, {session}] of sessions.entries()) {
		for (const stream of ['stdout', 'stderr'] as const)
			assert.deepEqual(held(session, stream), expected[stream], `session ${index}, ${stream}`);
		assert.equal(session.ring.size, expected.stdout.length + expected.stderr.length, `session ${index}: no line twice`);
		session.close();
	}
});

/** A json-file log entry as the driver writes it. */
const entry = (stream: 'stdout' | 'stderr', text: string, time: string) =>
	`${JSON.stringify({log: `${text}\n`, stream, time})}\n`;

test('a log whose stdout and stderr stamps are out of order, served by the daemon: resuming repeats nothing, loses nothing', async () => {
	// The driver's rare out-of-order lines, made certain: a stopped container's json-file log written by hand (the
	// daemon reads the file anew for each request), in the written order the daemon serves.
	const {stdout: id} = await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-crafted',
		'--network',
		'none',
		'tsd-base:1',
		'true',
	]);
	const container = id.trim();
	await daemon.docker(['wait', container]);
	const {stdout: logPath} = await daemon.docker(['inspect', '--format', '{{.LogPath}}', container]);
	const at = (millis: number) =>
		new Date(Date.parse('2024-05-01T10:00:00Z') + millis).toISOString().replace('Z', '000000Z');
	writeFileSync(
		logPath.trim(),
		entry('stdout', 'out 1', at(100)) +
			entry('stderr', 'err 1', at(120)) +
			// Stamped after "out 2" but written before it.
			entry('stderr', 'err 2', at(300)) +
			entry('stderr', 'err 3', at(301)) +
			entry('stdout', 'out 2', at(299)),
	);
	const session = new LogSession(enginePort(client).logSource(container), {flushMs: 10});
	session.open();
	await until('the log to be read', () => session.status === 'ended');
	// Written while the view was paused: a stderr line stamped before the last one held, then more.
	appendFileSync(logPath.trim(), entry('stderr', 'err 4', at(298)) + entry('stdout', 'out 3', at(1_400)));
	session.toggleFollow();
	session.toggleFollow();
	await until('the resumed log to be read', () => session.status === 'ended');
	// Now the last line held is the newest: paused again, a stderr line stamped just before it is written.
	appendFileSync(logPath.trim(), entry('stderr', 'err 5', at(1_399)) + entry('stdout', 'out 4', at(1_500)));
	session.toggleFollow();
	session.toggleFollow();
	await until('the log resumed again to be read', () => session.status === 'ended');
	const logs = await daemon.docker(['logs', '--timestamps', container]);
	assert.equal(cliLines(logs.stdout).length + cliLines(logs.stderr).length, 9, 'the daemon serves the crafted log');
	assert.deepEqual(
		{stdout: held(session, 'stdout'), stderr: held(session, 'stderr')},
		{stdout: cliLines(logs.stdout), stderr: cliLines(logs.stderr)},
	);
	assert.equal(session.ring.size, 9, 'no line twice');
	session.close();
});
