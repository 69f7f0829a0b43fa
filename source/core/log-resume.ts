/**
 * Resuming a followed log (after a pause, or after the stream ended or failed) without repeating or dropping
 * a line.
 *
 * What the Engine gives: a json-file (or local) log is written in one order, and a `since` request returns the
 * lines of that order whose timestamp is at or after `since` (inclusive), in that order. The timestamps are
 * taken per stream, before the write, so across stdout and stderr they are not quite in order: a stderr line can
 * follow a stdout line that is a few microseconds newer. "Lines newer than the last stamp seen" is therefore no
 * rule: a line written after the last one held can carry an older stamp (dropped by it), and the last line held
 * need not carry the newest stamp (everything held after the newest one came again).
 *
 * The rule here: ask again from well before the newest stamp held (RESUME_MARGIN_S whole seconds before its
 * second, so a line written later with a slightly older stamp is in the answer), and use the written order:
 * the lines held are a stretch of the log in that order (the first answer was one, every resume only appends
 * what follows it), so the answer is: lines written before the first held one (the margin reaches back past
 * it), then the held lines with stamps in the window, one run, line for line, then the new ones. Lines are
 * matched by identity (nanosecond stamp, stream, text), in order: identical lines are counted by position, not
 * merged. Everything up to the end of the first run equal to the held window is dropped; the rest is kept.
 *
 * Limits: the margin must exceed the writer's skew (microseconds in practice: the stamp is taken as the line is
 * read from the container, the write follows at once); a run of held lines that the log also holds, identical
 * to the nanosecond, just before the held stretch would be taken for it (the Engine's stamps are per line, in
 * nanoseconds).
 */
import type {LogLine} from './logs.ts';

/** Whole seconds asked for before the second of the newest stamp held. */
export const RESUME_MARGIN_S = 2;

const NS = 1_000_000_000n;
const stampPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9})\d*)?(Z|[+-]\d\d:\d\d)$/;
const cutMarker = / … \[line cut: [\d,]+\+ chars\]$/;

/** Nanoseconds since the Unix epoch of an RFC 3339 stamp (the Engine's, any precision); undefined if it is not one. */
export function stampNanos(stamp: string): bigint | undefined {
	const match = stampPattern.exec(stamp);
	if (!match) return undefined;
	// Lines come in runs from the same second: its parse is kept (a resume under a flood reads 100,000s of lines).
	const second = `${match[1]}${match[3]}`;
	if (second !== lastSecond.text) {
		const millis = Date.parse(second);
		if (Number.isNaN(millis)) return undefined;
		lastSecond.text = second;
		lastSecond.nanos = BigInt(millis / 1000) * NS;
	}
	const fraction = match[2];
	return fraction === undefined ? lastSecond.nanos : lastSecond.nanos + BigInt(fraction.padEnd(9, '0'));
}

const lastSecond = {text: '', nanos: 0n};

/**
 * Who a line is, for matching a line sent again with the one held: its exact stamp, its stream and its text
 * (without the cut marker of an overlong line, whose count depends on where the chunks broke).
 */
export function lineIdentity(line: LogLine, nanos: bigint): string {
	return `${nanos}\u0000${line.stream}\u0000${line.text.replace(cutMarker, '')}`;
}

export type ResumePlan = {
	/** Unix seconds (whole) for the Engine's `since`, with `tail: 'all'`. */
	since: number;
	/** Feed it what the new stream delivers (in order, batch by batch); it returns the lines not held yet. */
	filter: ResumeFilter;
};

/**
 * The request and the filter that continue `held` (the lines held, oldest first, as delivered: a stretch of the
 * log in its written order). Undefined when no held line carries a stamp: then there is nothing to continue from.
 */
export function planResume(held: Iterable<LogLine>, marginS = RESUME_MARGIN_S): ResumePlan | undefined {
	const stamped: Array<{line: LogLine; nanos: bigint}> = [];
	let newest: bigint | undefined;
	for (const line of held) {
		const nanos = line.timestamp === undefined ? undefined : stampNanos(line.timestamp);
		if (nanos === undefined) continue;
		stamped.push({line, nanos});
		if (newest === undefined || nanos > newest) newest = nanos;
	}
	if (newest === undefined) return undefined;
	// Floor division (stamps before 1970 are negative).
	const second = newest >= 0n ? newest / NS : -((-newest + NS - 1n) / NS);
	const since = second - BigInt(marginS);
	const from = since * NS;
	// The held lines the Engine sends again: those in the window, in the order held (the written order).
	const expected: string[] = [];
	for (const {line, nanos} of stamped) if (nanos >= from) expected.push(lineIdentity(line, nanos));
	return {since: Number(since), filter: new ResumeFilter(expected, newest + BigInt(marginS) * NS)};
}

/**
 * Drops, from a resumed stream, the lines written before the held ones and the held ones themselves: everything
 * up to the first run of lines that matches the held window line for line (a prefix-function search, so a false
 * start on lines identical to held ones does not hide the real run); what follows the run is new.
 */
export class ResumeFilter {
	private readonly expected: string[];
	/** Knuth-Morris-Pratt: for each prefix, the length of its longest proper prefix that is also its suffix. */
	private readonly fallback: number[];
	/** Past this stamp a line cannot have been written before the held ones (the newest held plus the margin). */
	private readonly beyond: bigint;
	private matched = 0;
	private found: boolean;

	constructor(expected: string[], beyond: bigint) {
		this.expected = expected;
		this.beyond = beyond;
		this.found = expected.length === 0;
		this.fallback = new Array<number>(expected.length).fill(0);
		for (let i = 1, k = 0; i < expected.length; i++) {
			while (k > 0 && expected[i] !== expected[k]) k = this.fallback[k - 1]!;
			if (expected[i] === expected[k]) k++;
			this.fallback[i] = k;
		}
	}

	/** The held window came back whole: all that follows is new. */
	get done(): boolean {
		return this.found;
	}

	take(lines: LogLine[]): LogLine[] {
		if (this.found) return lines;
		const out: LogLine[] = [];
		for (const line of lines) {
			const nanos = line.timestamp === undefined ? undefined : stampNanos(line.timestamp);
			if (this.found || nanos === undefined) {
				// After the held window (new), or a line without a stamp: nothing to match it by.
				out.push(line);
				continue;
			}
			if (nanos > this.beyond) {
				// Far newer than everything held, and the held window did not come back whole: it is gone from the
				// log (rotated out of the last file while paused). This line and the rest are new.
				this.found = true;
				out.push(line);
				continue;
			}
			const key = lineIdentity(line, nanos);
			while (this.matched > 0 && this.expected[this.matched] !== key) this.matched = this.fallback[this.matched - 1]!;
			if (this.expected[this.matched] === key) this.matched++;
			if (this.matched === this.expected.length) this.found = true;
			// Held already, or written before the first held line: not added either way.
		}
		return out;
	}
}
