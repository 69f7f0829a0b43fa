// Resuming a followed log: planResume / ResumeFilter (core, pure). Crafted logs in their written order, with
// stdout and stderr stamps slightly out of order, equal stamps and identical texts; a resumed stream is what the
// Engine sends for `since` (inclusive, whole seconds) and `tail: all`: the written order, filtered by stamp.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lineIdentity, planResume, RESUME_MARGIN_S, stampNanos, type LogLine} from '../source/core/index.ts';

const BASE = Date.parse('2024-05-01T10:00:00Z') / 1000;

/** A stamp `micros` microseconds after BASE, as the Engine writes it (nine digits). */
const stamp = (micros: number): string => {
	const seconds = Math.floor(micros / 1e6);
	const rest = micros - seconds * 1e6;
	const whole = new Date((BASE + seconds) * 1000).toISOString().slice(0, 19);
	return `${whole}.${String(rest).padStart(6, '0')}000Z`;
};
const out = (text: string, micros: number): LogLine => ({stream: 'stdout', text, timestamp: stamp(micros)});
const err = (text: string, micros: number): LogLine => ({stream: 'stderr', text, timestamp: stamp(micros)});

/** What the Engine sends for since (inclusive) with the log written so far: the written order, filtered. */
const engineSince = (log: LogLine[], since: number): LogLine[] =>
	log.filter((line) => stampNanos(line.timestamp!)! >= BigInt(since) * 1_000_000_000n).map((line) => ({...line}));

/** Resume after `held` and feed the Engine's answer in batches of `batch`; the lines the view would add. */
function resume(held: LogLine[], log: LogLine[], batch = 3): LogLine[] {
	const plan = planResume(held);
	assert.ok(plan, 'a plan');
	const answer = engineSince(log, plan.since);
	const added: LogLine[] = [];
	for (let i = 0; i < answer.length; i += batch) added.push(...plan.filter.take(answer.slice(i, i + batch)));
	return added;
}

const texts = (lines: LogLine[]) => lines.map((line) => `${line.stream}:${line.text}@${line.timestamp}`);

test('stampNanos: nanosecond precision from any number of digits; offsets; not a stamp', () => {
	assert.equal(stampNanos('2024-05-01T10:00:00Z'), BigInt(BASE) * 1_000_000_000n);
	assert.equal(stampNanos('2024-05-01T10:00:00.1Z'), BigInt(BASE) * 1_000_000_000n + 100_000_000n);
	assert.equal(stampNanos('2024-05-01T10:00:00.123456789Z'), BigInt(BASE) * 1_000_000_000n + 123_456_789n);
	assert.equal(stampNanos('2024-05-01T12:00:00.000000001+02:00'), BigInt(BASE) * 1_000_000_000n + 1n);
	// Two stamps a nanosecond apart stay apart (a double cannot tell them apart).
	assert.notEqual(stampNanos('2024-05-01T10:00:00.123456789Z'), stampNanos('2024-05-01T10:00:00.12345679Z'));
	assert.equal(stampNanos('yesterday'), undefined);
	assert.equal(stampNanos('2024-05-01 10:00:00Z'), undefined);
});

test('since: whole seconds, RESUME_MARGIN_S before the second of the newest stamp held, not of the last line', () => {
	const held = [out('a', 5_900_000), err('b', 5_899_990), out('c', 4_000_000)];
	assert.equal(planResume(held)!.since, BASE + 5 - RESUME_MARGIN_S);
	assert.equal(planResume([{stream: 'stdout', text: 'no stamp'}]), undefined, 'nothing to continue from');
	assert.equal(planResume([]), undefined);
});

test('the last line held is not the newest (stderr written after a newer stdout line): nothing comes twice', () => {
	// Written order: A (.300) then B (.290): B's stamp was taken first, its write came second.
	const log = [out('a0', 100_000), out('A', 300_000), err('B', 290_000), out('C', 310_000), err('D', 320_000)];
	const held = log.slice(0, 3);
	assert.deepEqual(texts(resume(held, log)), texts(log.slice(3)));
});

test('a line written after the last one held with an older stamp than it is not lost', () => {
	const log = [out('a0', 100_000), out('A', 300_000), err('B', 299_000), out('C', 310_000)];
	const held = log.slice(0, 2); // paused after A: B (older stamp, written later) was not read yet
	assert.deepEqual(texts(resume(held, log)), texts(log.slice(2)));
});

test('across a second: a line written after the last held, stamped in the second before the newest held', () => {
	// since is in whole seconds: the margin, not the rounding down, must cover this.
	const log = [out('a', 5_500_000), out('A', 6_000_100), err('B', 5_999_900), out('C', 6_100_000)];
	for (let cut = 1; cut <= log.length; cut++)
		assert.deepEqual(texts(resume(log.slice(0, cut), log)), texts(log.slice(cut)), `held ${cut}`);
});

test('equal stamps and identical texts are counted, not merged; the stream tells lines apart', () => {
	const t = 500_000;
	const log = [out('x', t), out('x', t), err('x', t), out('x', t), err('x', t), out('y', t)];
	for (let cut = 1; cut <= log.length; cut++) {
		const held = log.slice(0, cut);
		assert.deepEqual(texts(resume(held, log, 1)), texts(log.slice(cut)), `held ${cut}`);
		assert.deepEqual(texts(resume(held, log, 100)), texts(log.slice(cut)), `held ${cut}, one batch`);
	}
});

test('lines written before the first held one (the margin reaches back past it) are not added', () => {
	const log = [
		out('old', 2_000_000),
		err('old', 2_500_000),
		out('same text', 3_000_000),
		out('first held', 3_100_000),
		err('same text', 3_050_000),
		out('same text', 3_200_000),
		out('new', 3_300_000),
	];
	// The view opened with the last four lines (tail 4), then paused.
	const held = log.slice(3, 6);
	assert.deepEqual(texts(resume(held, log)), texts(log.slice(6)));
});

test('a line identical to a held one (same nanosecond, stream, text) just before the held stretch: a false start', () => {
	const t = 800_000;
	// The first "a" was written just before the view's first line; the held stretch is the second "a", then "b".
	const log = [out('a', t), out('a', t), err('b', t + 1), out('new', t + 2)];
	assert.deepEqual(texts(resume(log.slice(1, 3), log, 1)), texts(log.slice(3)));
	assert.deepEqual(texts(resume(log.slice(1, 3), log, 10)), texts(log.slice(3)));
	// Two of them before a held "a a b": the run starts at the second one (a prefix-function restart).
	const twice = [out('a', t), out('a', t), out('a', t), err('b', t + 1), out('new', t + 2)];
	assert.deepEqual(texts(resume(twice.slice(1, 4), twice, 1)), texts(twice.slice(4)));
});

test('held lines no longer in the log (rotated away): lines past the margin still come through', () => {
	const held = [out('gone 1', 1_000_000), err('gone 2', 1_000_100)];
	const later = 1_000_100 + RESUME_MARGIN_S * 1e6 + 1;
	const log = [out('after rotation', later), err('then', later + 100_000)];
	assert.deepEqual(texts(resume(held, log)), texts(log));
});

test('an overlong line matches its held copy whatever its cut marker counted', () => {
	const t = 700_000;
	const held: LogLine[] = [{...out('x'.repeat(10), t), text: 'xxxxxxxxxx … [line cut: 16,400+ chars]'}];
	const log: LogLine[] = [{...out('', t), text: 'xxxxxxxxxx … [line cut: 17,001+ chars]'}, out('next', t + 1)];
	assert.deepEqual(texts(resume(held, log)), texts(log.slice(1)));
	assert.equal(lineIdentity(held[0]!, 1n), lineIdentity(log[0]!, 1n));
});

test('random logs with skewed stderr stamps, equal stamps and repeated texts: every resume point, exact', () => {
	let seed = 12345;
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	for (let trial = 0; trial < 2000; trial++) {
		// Written order; each line's stamp is its write time minus a skew of up to 3 ms (stamped before the write),
		// sometimes exactly a neighbour's; texts from a small set so identical lines are common.
		const log: LogLine[] = [];
		let clock = 1_000_000 + Math.floor(random() * 3_000_000);
		const count = 5 + Math.floor(random() * 60);
		for (let i = 0; i < count; i++) {
			clock += Math.floor(random() * 400_000);
			const skew = random() < 0.3 ? Math.floor(random() * 3_000) : 0;
			const previous = log.at(-1);
			const micros = previous && random() < 0.15 ? stampNanosMicros(previous.timestamp!) : Math.max(0, clock - skew);
			const text = `t${Math.floor(random() * 3)}`;
			const line = random() < 0.5 ? out(text, micros) : err(text, micros);
			// Equal stamps and equal texts, but not one line twice to the nanosecond (see the limits in log-resume.ts).
			if (log.some((other) => texts([other])[0] === texts([line])[0])) continue;
			log.push(line);
		}
		const size = log.length;
		const first = Math.floor(random() * size);
		const last = first + 1 + Math.floor(random() * (size - first));
		const written = first + Math.floor(random() * (size + 1 - first));
		const held = log.slice(first, last);
		const upTo = log.slice(0, Math.max(last, written));
		const added = resume(held, upTo, 1 + Math.floor(random() * 5));
		assert.deepEqual(texts(added), texts(upTo.slice(last)), `trial ${trial}: held [${first}, ${last})`);
	}
});

function stampNanosMicros(timestamp: string): number {
	return Number((stampNanos(timestamp)! - BigInt(BASE) * 1_000_000_000n) / 1000n);
}
