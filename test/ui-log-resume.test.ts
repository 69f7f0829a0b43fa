// LogSession's resume (f to pause and f again; the same after the stream ended) over crafted logs, in their
// written order, whose stdout and stderr stamps are slightly out of order, as the json-file driver writes them
// now and then (each stream is stamped by its own reader before the shared write). The source answers as the
// Engine does: `since` inclusive in whole seconds, `tail`, then what is written next while following.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {stampNanos, type LogLine} from '../source/core/index.ts';
import {LogSession, type LogRequest, type LogSource} from '../source/ui/logs/log-session.ts';

/** A written log: read() answers like the Engine from what is written so far, and follows what is written next. */
class WrittenLog implements LogSource {
	readonly lines: LogLine[] = [];
	private readonly followers = new Set<(lines: LogLine[]) => void>();

	write(...lines: LogLine[]): void {
		this.lines.push(...lines);
		for (const follower of this.followers) follower(lines.map((line) => ({...line})));
	}

	read(request: LogRequest, onLines: (lines: LogLine[]) => void): Promise<void> {
		const from = request.since === undefined ? undefined : BigInt(request.since) * 1_000_000_000n;
		let answer = this.lines.filter((line) => from === undefined || stampNanos(line.timestamp!)! >= from);
		if (request.tail !== 'all') answer = answer.slice(Math.max(0, answer.length - request.tail));
		// In batches of two, as chunks arrive.
		for (let i = 0; i < answer.length; i += 2) onLines(answer.slice(i, i + 2).map((line) => ({...line})));
		if (!request.follow) return Promise.resolve();
		return new Promise((resolve) => {
			const follower = (lines: LogLine[]) => onLines(lines.map((line) => ({...line})));
			this.followers.add(follower);
			request.signal.addEventListener('abort', () => {
				this.followers.delete(follower);
				resolve();
			});
		});
	}
}

const stamp = (millis: number) => new Date(Date.parse('2024-05-01T10:00:00Z') + millis).toISOString();
const out = (text: string, millis: number): LogLine => ({stream: 'stdout', text, timestamp: stamp(millis)});
const err = (text: string, millis: number): LogLine => ({stream: 'stderr', text, timestamp: stamp(millis)});
const held = (session: LogSession) =>
	session.ring.slice(0, session.ring.size).map((line) => `${line.stream} ${line.text}`);
const all = (log: WrittenLog) => log.lines.map((line) => `${line.stream} ${line.text}`);

async function pauseResume(session: LogSession, whilePaused: () => void): Promise<void> {
	session.toggleFollow();
	assert.equal(session.status, 'paused');
	whilePaused();
	session.toggleFollow();
	await sleep(5);
}

test('paused just after a stderr line stamped before the stdout line written ahead of it: nothing twice', async () => {
	const log = new WrittenLog();
	log.write(out('out 1', 100), err('err 1', 120));
	const session = new LogSession(log, {flushMs: 1});
	session.open();
	// Written in this order; "err 2" and "err 3" were stamped after "out 2", "out 2" was written last.
	log.write(err('err 2', 300), err('err 3', 301), out('out 2', 299));
	await pauseResume(session, () => log.write(out('out 3', 400)));
	log.write(err('err 4', 500));
	await sleep(5);
	assert.deepEqual(held(session), all(log));
	session.close();
});

test('a line written while paused, stamped before the last line held: not lost', async () => {
	const log = new WrittenLog();
	const session = new LogSession(log, {flushMs: 1});
	session.open();
	log.write(out('out 1', 100), out('out 2', 300));
	await pauseResume(session, () => log.write(err('err 1', 299), out('out 3', 310)));
	assert.deepEqual(held(session), all(log));
	session.close();
});

test('across a second, equal stamps and identical texts, many pauses: the session holds the log, once', async () => {
	const log = new WrittenLog();
	log.write(out('tick', 900), err('tick', 900));
	const session = new LogSession(log, {flushMs: 1});
	session.open();
	let t = 950;
	for (let round = 0; round < 20; round++) {
		// Each round: the same text on both streams at one stamp, then a stderr line stamped just before it.
		t += 37;
		log.write(out('tick', t), err('tick', t), err(`late ${round}`, t - 1));
		await pauseResume(session, () => {
			if (round % 3 === 0) log.write(out('tick', t + 1), err(`late while paused ${round}`, t - 2));
		});
	}
	// The stream ends (the connection dropped): f twice follows again from where it was.
	session.toggleFollow();
	log.write(out('after', t + 100));
	session.toggleFollow();
	await sleep(5);
	assert.deepEqual(held(session), all(log));
	session.close();
});

test('the window the view draws lists each line once, in order, within its rows', () => {
	let seed = 7;
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	for (let trial = 0; trial < 500; trial++) {
		const capacity = 1 + Math.floor(random() * 40);
		const session = new LogSession(new WrittenLog(), {capacity, flushMs: 1});
		const count = Math.floor(random() * 80);
		const lines: LogLine[] = [];
		for (let i = 0; i < count; i++)
			lines.push((random() < 0.5 ? out : err)(`line ${i} ${'x'.repeat(Math.floor(random() * 50))}`, i));
		session.ring.push(lines);
		const width = 1 + Math.floor(random() * 30);
		const height = 1 + Math.floor(random() * 12);
		session.setViewport(width, height);
		if (random() < 0.5) session.toggleWrap();
		if (random() < 0.3) session.toggleTimestamps();
		session.top = random() < 0.5 ? undefined : session.firstSeq + Math.floor(random() * (session.ring.size + 2));
		const view = session.window();
		const label = `trial ${trial}: ${session.ring.size} lines, ${width}x${height}, wrap ${session.wrap}`;
		const firsts = view.rows.filter((row) => row.first).map((row) => row.seq);
		assert.equal(new Set(firsts).size, firsts.length, `${label}: a line starts once`);
		const seqs = view.rows.map((row) => row.seq);
		for (let i = 1; i < seqs.length; i++)
			assert.ok(seqs[i] === seqs[i - 1] || seqs[i] === seqs[i - 1]! + 1, `${label}: rows in order, none skipped`);
		for (const seq of seqs) assert.ok(session.line(seq), `${label}: every row is a line held`);
		assert.ok(view.rows.length <= height, `${label}: fits`);
		if (!session.wrap && session.top === undefined)
			assert.equal(view.rows.length, Math.min(height, session.ring.size), `${label}: the newest lines, one a row`);
		session.close();
	}
});
