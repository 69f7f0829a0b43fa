import type {LogLine} from './logs.ts';

/**
 * A bounded ring of log lines: memory stays flat however fast a container prints. Lines carry a running
 * sequence number so a view can keep its place while old lines fall off the front.
 */
export class LogRing {
	readonly capacity: number;
	private readonly items: Array<LogLine | undefined>;
	private start = 0;
	private count = 0;
	/** Sequence number of the oldest line held. */
	private firstSeq = 0;
	/** Lines that fell off the front since the view opened. */
	dropped = 0;

	constructor(capacity = 10_000) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive whole number');
		this.capacity = capacity;
		this.items = new Array(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Sequence number of the first line still held (grows as lines are dropped). */
	get firstSequence(): number {
		return this.firstSeq;
	}

	push(lines: LogLine[]): void {
		for (const line of lines) {
			if (this.count < this.capacity) {
				this.items[(this.start + this.count) % this.capacity] = line;
				this.count++;
			} else {
				this.items[this.start] = line;
				this.start = (this.start + 1) % this.capacity;
				this.firstSeq++;
				this.dropped++;
			}
		}
	}

	/** The i-th line held (0 = oldest). */
	at(index: number): LogLine | undefined {
		if (index < 0 || index >= this.count) return undefined;
		return this.items[(this.start + index) % this.capacity];
	}

	/** Lines [from, to) by index. */
	slice(from: number, to: number): LogLine[] {
		const out: LogLine[] = [];
		for (let index = Math.max(0, from); index < Math.min(to, this.count); index++) out.push(this.at(index)!);
		return out;
	}

	clear(): void {
		this.items.fill(undefined);
		this.start = 0;
		this.count = 0;
		this.firstSeq = 0;
		this.dropped = 0;
	}

	/**
	 * Indexes of lines containing `query` (case-insensitive, literal: regex metacharacters are plain text).
	 */
	search(query: string): number[] {
		const needle = query.toLowerCase();
		if (needle === '') return [];
		const hits: number[] = [];
		for (let index = 0; index < this.count; index++)
			if (this.at(index)!.text.toLowerCase().includes(needle)) hits.push(index);
		return hits;
	}
}

/** Next match after (or before, when backwards) `from`, wrapping around; undefined when there is none. */
export function nextMatch(matches: number[], from: number, backwards = false): number | undefined {
	if (matches.length === 0) return undefined;
	if (backwards) {
		for (let i = matches.length - 1; i >= 0; i--) if (matches[i]! < from) return matches[i];
		return matches.at(-1);
	}
	for (const match of matches) if (match > from) return match;
	return matches[0];
}
