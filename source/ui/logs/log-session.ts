/**
 * The logs view's engine: a bounded LogRing fed by the follow stream, batched renders, follow / since /
 * search / scroll state. It lives outside React (the key handler and the view share it) and renders at
 * most every FLUSH_MS however fast a container prints; only the visible window is ever laid out.
 */
import {errorLine, LogRing, nextMatch, parseSince, planResume, sanitizeLine, type LogLine} from '../../core/index.ts';
import {logWindow, type LogWindow} from '../format/log-lines.ts';
import type {Move} from '../state/cursor.ts';

export const FLUSH_MS = 80;
export const DEFAULT_TAIL = 200;
export const DEFAULT_LOG_BUFFER = 10_000;

export type LogRequest = {tail: number | 'all'; since?: number; follow: boolean; signal: AbortSignal};

/** Where lines come from (the Engine in the app, a fake in tests). Lines carry the Engine's timestamps. */
export type LogSource = {
	/** Deliver lines until the log's end (follow false) or until the container stops or the signal aborts. */
	read(request: LogRequest, onLines: (lines: LogLine[]) => void): Promise<void>;
	/** Why a followed log ended by itself, e.g. "container exited (code 3)". */
	ended?(): Promise<string>;
};

export type LogStatus = 'loading' | 'following' | 'paused' | 'ended' | 'error';

export type LogSessionOptions = {tail?: number; capacity?: number; flushMs?: number};

export class LogSession {
	readonly ring: LogRing;
	readonly tail: number;
	follow = true;
	timestamps = false;
	wrap = false;
	since?: {text: string; unix: number};
	query = '';
	/** Sequence numbers of matching lines, oldest first. */
	matches: number[] = [];
	/** The match n/N is on. */
	current?: number;
	/** First line shown; undefined sticks to the newest lines. */
	top?: number;
	status: LogStatus = 'loading';
	message?: string;
	/** Bumped when the view should draw again. */
	version = 0;
	private readonly source: LogSource;
	private readonly flushMs: number;
	private readonly listeners = new Set<() => void>();
	private controller?: AbortController;
	private generation = 0;
	private timer?: NodeJS.Timeout;
	private viewport = {width: 80, height: 20};
	private closed = false;

	constructor(source: LogSource, options: LogSessionOptions = {}) {
		this.source = source;
		this.tail = options.tail ?? DEFAULT_TAIL;
		this.ring = new LogRing(options.capacity ?? DEFAULT_LOG_BUFFER);
		this.flushMs = options.flushMs ?? FLUSH_MS;
	}

	get firstSeq(): number {
		return this.ring.firstSequence;
	}

	/** One past the newest line. */
	get endSeq(): number {
		return this.ring.firstSequence + this.ring.size;
	}

	get dropped(): number {
		return this.ring.dropped;
	}

	line(seq: number): LogLine | undefined {
		return this.ring.at(seq - this.ring.firstSequence);
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getVersion = (): number => this.version;

	open(): void {
		this.stream(false);
	}

	/** Stop the stream for good (the view closed). */
	close(): void {
		this.closed = true;
		this.generation++;
		this.controller?.abort();
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** The text area the view has (columns after the gutter, rows). */
	setViewport(width: number, height: number): void {
		this.viewport = {width: Math.max(1, width), height: Math.max(1, height)};
	}

	window(): LogWindow {
		return logWindow({
			get: (seq) => this.line(seq),
			firstSeq: this.firstSeq,
			endSeq: this.endSeq,
			top: this.top,
			width: this.viewport.width,
			height: this.viewport.height,
			wrap: this.wrap,
			timestamps: this.timestamps,
		});
	}

	toggleFollow(): void {
		this.follow = !this.follow;
		if (this.follow) {
			this.top = undefined;
			this.stream(true);
		} else {
			this.stopStream();
			this.status = 'paused';
		}
		this.bump();
	}

	toggleTimestamps(): void {
		this.timestamps = !this.timestamps;
		this.bump();
	}

	toggleWrap(): void {
		this.wrap = !this.wrap;
		this.bump();
	}

	/** Show the log from a time (10m, 2h, RFC 3339) or, with empty text, the last lines again. Returns a problem. */
	setSince(text: string): string | undefined {
		const value = text.trim();
		if (value === '') {
			this.since = undefined;
		} else {
			const unix = parseSince(value);
			if (unix === undefined)
				return `since: "${value}" is not a duration (10m, 2h, 1h30m) or an RFC 3339 time (2024-05-01T10:00:00Z)`;
			this.since = {text: value, unix};
		}
		this.forget();
		this.stream(false);
		this.bump();
		return undefined;
	}

	/** Search (literal, any case) and jump to the newest match above the view's bottom. */
	search(query: string): void {
		this.query = query;
		this.matches = [];
		this.current = undefined;
		if (query !== '') {
			const first = this.firstSeq;
			this.matches = this.ring.search(query).map((index) => first + index);
			const bottom = this.top === undefined ? this.endSeq : (this.window().rows.at(-1)?.seq ?? this.endSeq);
			const match = nextMatch(this.matches, bottom + 1, true);
			if (match !== undefined) this.reveal(match);
		}
		this.bump();
	}

	/** n / N: the next (older with backwards) match, wrapping around. */
	next(backwards: boolean): void {
		if (this.query === '' || this.matches.length === 0) return;
		const from = this.current ?? this.top ?? this.endSeq;
		const match = nextMatch(this.matches, from, backwards);
		if (match !== undefined) this.reveal(match);
		this.bump();
	}

	move(move: Move): void {
		const view = this.window();
		const shown = new Set(view.rows.map((row) => row.seq)).size;
		const page = Math.max(1, shown - 1);
		const down = (step: number) => (view.top + step >= view.bottomTop ? undefined : view.top + step);
		switch (move) {
			case 'up':
				this.top = Math.max(this.firstSeq, view.top - 1);
				break;
			case 'down':
				this.top = down(1);
				break;
			case 'page-up':
				this.top = Math.max(this.firstSeq, view.top - page);
				break;
			case 'page-down':
				this.top = down(page);
				break;
			case 'top':
				this.top = this.firstSeq;
				break;
			case 'bottom':
				this.top = undefined;
				break;
		}
		this.bump();
	}

	/** Which match n/N is on, 1-based, and how many there are. */
	matchPosition(): {index: number; count: number} {
		const index = this.current === undefined ? -1 : this.matches.indexOf(this.current);
		return {index: index + 1, count: this.matches.length};
	}

	private reveal(seq: number): void {
		this.current = seq;
		this.top = Math.max(this.firstSeq, seq - Math.floor(this.viewport.height / 3));
	}

	/** Drop every line held (a new since, or a resume with nothing to continue from). */
	private forget(): void {
		this.ring.clear();
		this.matches = [];
		this.current = undefined;
		this.top = undefined;
	}

	private stopStream(): void {
		this.generation++;
		this.controller?.abort();
		this.controller = undefined;
	}

	/**
	 * (Re)open the stream; `resume` continues after the lines held (follow turned back on, or after the stream
	 * ended or failed): from a little before the newest stamp held, dropping what is held already (planResume in
	 * the core: neither a line twice nor one lost, whatever order the stamps of stdout and stderr are in).
	 */
	private stream(resume: boolean): void {
		if (this.closed) return;
		this.stopStream();
		const controller = new AbortController();
		this.controller = controller;
		const generation = this.generation;
		const plan = resume ? planResume(this.ring.slice(0, this.ring.size)) : undefined;
		if (resume && !plan) this.forget(); // nothing to continue from (no stamp held): the last lines afresh
		const request: LogRequest = plan
			? {tail: 'all', since: plan.since, follow: this.follow, signal: controller.signal}
			: {tail: this.since ? 'all' : this.tail, since: this.since?.unix, follow: this.follow, signal: controller.signal};
		this.status = 'loading';
		this.message = undefined;
		const live = () => generation === this.generation && !this.closed;
		const onLines = (lines: LogLine[]) => {
			if (!live()) return;
			// The lines are ours (fresh from the decoder): sanitised in place, no copies under a flood; before the
			// resume filter, which matches them with the held (sanitised) ones.
			for (const line of lines) line.text = sanitizeLine(line.text);
			if (plan) lines = plan.filter.take(lines);
			this.take(lines);
			if (this.status === 'loading' && this.follow) this.status = 'following';
		};
		if (this.follow) this.status = 'following';
		this.bump();
		this.source.read(request, onLines).then(
			async () => {
				if (!live()) return;
				if (!this.follow) {
					this.status = 'paused';
					this.bump();
					return;
				}
				this.status = 'ended';
				this.message = 'the log ended';
				this.bump();
				const why = await this.source.ended?.().catch(() => undefined);
				if (!live() || !why) return;
				this.message = why;
				this.bump();
			},
			(error: unknown) => {
				if (!live()) return;
				this.status = 'error';
				this.message = errorLine(error);
				this.bump();
			},
		);
	}

	private take(incoming: LogLine[]): void {
		if (incoming.length === 0) return;
		let seq = this.endSeq;
		const needle = this.query.toLowerCase();
		for (const line of incoming) {
			if (needle !== '' && line.text.toLowerCase().includes(needle)) this.matches.push(seq);
			seq++;
		}
		this.ring.push(incoming);
		const first = this.firstSeq;
		if (this.matches.length > 0 && this.matches[0]! < first) {
			let cut = 0;
			while (cut < this.matches.length && this.matches[cut]! < first) cut++;
			this.matches.splice(0, cut);
		}
		if (this.current !== undefined && this.current < first) this.current = this.matches[0];
		if (this.top !== undefined && this.top < first) this.top = first;
		this.schedule();
	}

	private schedule(): void {
		if (this.timer || this.closed) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.bump();
		}, this.flushMs);
	}

	private bump(): void {
		if (this.closed) return;
		this.version++;
		for (const listener of [...this.listeners]) listener();
	}
}
