import type {IncomingMessage} from 'node:http';
import {StringDecoder} from 'node:string_decoder';
import type {EngineClient} from './client.ts';
import {resolveCarriageReturns} from './sanitize.ts';

export type LogStream = 'stdout' | 'stderr';
export type LogLine = {stream: LogStream; text: string; timestamp?: string};

export type LogOptions = {
	/** Last N lines; 'all' for everything. Default 200. No hidden time window: since is unset unless asked. */
	tail?: number | 'all';
	/** Unix seconds. */
	since?: number;
	follow?: boolean;
	timestamps?: boolean;
	signal?: AbortSignal;
};

/** Longest line kept whole; longer ones are cut with a marker so one 1 MB line cannot eat the memory of the view. */
export const MAX_LINE_CHARS = 16_384;

/**
 * Splits a byte stream into lines per stream, decoding UTF-8 (invalid bytes become U+FFFD) and demultiplexing
 * the Engine's 8-byte frame headers when the container has no TTY. Carriage returns in a line's message (after
 * its timestamp) are resolved as a terminal shows them (resolveCarriageReturns): no line holds a CR.
 */
export class LogDecoder {
	private readonly multiplexed: boolean;
	private readonly timestamps: boolean;
	private frame: Buffer = Buffer.alloc(0);
	private readonly decoders = {stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8')};
	private readonly pending = {stdout: '', stderr: ''};
	private readonly cut = {stdout: false, stderr: false};

	constructor(options: {multiplexed: boolean; timestamps: boolean}) {
		this.multiplexed = options.multiplexed;
		this.timestamps = options.timestamps;
	}

	/** Feed bytes; returns the complete lines they finish. */
	push(chunk: Buffer): LogLine[] {
		const lines: LogLine[] = [];
		if (!this.multiplexed) {
			this.text('stdout', chunk, lines);
			return lines;
		}
		this.frame = this.frame.length === 0 ? chunk : Buffer.concat([this.frame, chunk]);
		let offset = 0;
		while (this.frame.length - offset >= 8) {
			const type = this.frame[offset]!;
			const size = this.frame.readUInt32BE(offset + 4);
			if (this.frame.length - offset - 8 < size) break;
			const payload = this.frame.subarray(offset + 8, offset + 8 + size);
			this.text(type === 2 ? 'stderr' : 'stdout', payload, lines);
			offset += 8 + size;
		}
		this.frame = this.frame.subarray(offset);
		return lines;
	}

	/** Flush what is left when the stream ends (a last line without newline). */
	end(): LogLine[] {
		const lines: LogLine[] = [];
		for (const stream of ['stdout', 'stderr'] as const) {
			const rest = this.pending[stream] + this.decoders[stream].end();
			this.pending[stream] = '';
			if (rest !== '') lines.push(this.line(stream, rest));
		}
		return lines;
	}

	private text(stream: LogStream, bytes: Buffer, out: LogLine[]): void {
		const text = this.pending[stream] + this.decoders[stream].write(bytes);
		// Scan with an index rather than slicing off the rest after each line: a 64 kB chunk of short lines
		// would otherwise make thousands of intermediate strings for the collector.
		let start = 0;
		let newline: number;
		while ((newline = text.indexOf('\n', start)) >= 0) {
			const from = start;
			start = newline + 1;
			if (this.cut[stream]) {
				this.cut[stream] = false;
				continue;
			}
			const end = newline > from && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
			out.push(this.line(stream, text.slice(from, end)));
		}
		let rest = start === 0 ? text : text.slice(start);
		if (rest.length > MAX_LINE_CHARS && !this.cut[stream]) {
			// Emit the head of an overlong line now and drop the rest of it until its newline.
			out.push(this.line(stream, rest, true));
			this.cut[stream] = true;
			rest = '';
		} else if (this.cut[stream]) {
			rest = '';
		}
		this.pending[stream] = rest;
	}

	/** `cut`: the rest of this line will be dropped, so it carries the marker even if what is left fits. */
	private line(stream: LogStream, raw: string, cut = false): LogLine {
		let text = raw;
		let timestamp: string | undefined;
		if (this.timestamps) {
			const space = text.indexOf(' ');
			if (space > 0 && /^\d{4}-\d\d-\d\dT/.test(text)) {
				timestamp = text.slice(0, space);
				text = text.slice(space + 1);
			}
		}
		// A TTY's "\r\n" and a line rewritten with bare CRs (progress output) show what a terminal would show.
		if (text.includes('\r')) text = resolveCarriageReturns(text);
		if (cut || text.length > MAX_LINE_CHARS) {
			// A copy, not a slice: a slice would keep the whole megabyte-long original alive in the view's buffer.
			const head = Buffer.from(text.slice(0, MAX_LINE_CHARS), 'utf8').toString('utf8');
			text = `${head} … [line cut: ${text.length.toLocaleString('en-US')}+ chars]`;
		}
		return {stream, text, timestamp};
	}
}

/** Open a container's log stream. `tty` tells whether frames are multiplexed (non-TTY) or raw (TTY). */
export async function openLogs(
	client: EngineClient,
	ref: string,
	tty: boolean,
	options: LogOptions = {},
): Promise<{response: IncomingMessage; decoder: LogDecoder}> {
	const tail = options.tail ?? 200;
	const response = await client.stream('GET', `/containers/${encodeURIComponent(ref)}/logs`, {
		query: {
			stdout: true,
			stderr: true,
			follow: options.follow ?? false,
			timestamps: options.timestamps ?? false,
			tail: tail === 'all' ? 'all' : String(tail),
			since: options.since,
		},
		signal: options.signal,
	});
	return {response, decoder: new LogDecoder({multiplexed: !tty, timestamps: options.timestamps ?? false})};
}

/** Read logs to the end (no follow): every line, demultiplexed. */
export async function readLogs(
	client: EngineClient,
	ref: string,
	tty: boolean,
	options: Omit<LogOptions, 'follow'> = {},
): Promise<LogLine[]> {
	const {response, decoder} = await openLogs(client, ref, tty, {...options, follow: false});
	const lines: LogLine[] = [];
	for await (const chunk of response as AsyncIterable<Buffer>) lines.push(...decoder.push(chunk));
	lines.push(...decoder.end());
	return lines;
}

/** Follow logs: calls onLines with batches as they arrive, until the signal aborts or the container ends. */
export async function followLogs(
	client: EngineClient,
	ref: string,
	tty: boolean,
	options: LogOptions,
	onLines: (lines: LogLine[]) => void,
): Promise<void> {
	const {response, decoder} = await openLogs(client, ref, tty, {...options, follow: true});
	try {
		for await (const chunk of response as AsyncIterable<Buffer>) {
			const lines = decoder.push(chunk);
			if (lines.length > 0) onLines(lines);
		}
	} catch (error) {
		if (!options.signal?.aborted) throw error;
	}
	const rest = decoder.end();
	if (rest.length > 0) onLines(rest);
}
