/**
 * Laying out log lines for the logs view: what one line shows (optional timestamp), cutting or wrapping it
 * to the width, which rows fit the window, search-match segments. Pure; only the visible window is ever laid out.
 */
import stringWidth from 'string-width';
import type {LogLine} from '../../core/index.ts';
import {splitColumns} from './text.ts';

const ascii = /^[\x20-\x7e]*$/;

/** Columns before the text: the current-match marker and the stderr marker. */
export const GUTTER = 2;

/** "2024-05-01T10:00:00.123456789Z" as "2024-05-01T10:00:00.123Z" (the Engine's RFC 3339 nano stamps, in UTC). */
export function shortTimestamp(timestamp: string | undefined): string {
	if (!timestamp) return ' '.repeat(24);
	const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
	if (!match) return timestamp.slice(0, 24).padEnd(24);
	return `${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}${match[3] === 'Z' ? 'Z' : match[3]}`;
}

/**
 * A key that sorts like the instant (for UTC stamps as the Engine writes them): the nanoseconds padded, so
 * ".1Z" and ".12Z" compare correctly.
 */
export function timestampKey(timestamp: string): string {
	const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?/.exec(timestamp);
	if (!match) return timestamp;
	return `${match[1]}.${(match[2] ?? '').padEnd(9, '0').slice(0, 9)}`;
}

/** The text a line shows (before the gutter). */
export const lineText = (line: LogLine, timestamps: boolean): string =>
	timestamps ? `${shortTimestamp(line.timestamp)} ${line.text}` : line.text;

/** How many rows a line takes. */
export function rowCount(text: string, width: number, wrap: boolean): number {
	if (!wrap) return 1;
	const room = Math.max(1, width);
	const w = ascii.test(text) ? text.length : stringWidth(text);
	return Math.max(1, Math.ceil(w / room));
}

export type WindowRow = {seq: number; text: string; first: boolean};
export type LogWindow = {rows: WindowRow[]; top: number; pinned: boolean; bottomTop: number; lastSeq: number};

export type WindowInput = {
	/** The line with this sequence number, or undefined. */
	get: (seq: number) => LogLine | undefined;
	firstSeq: number;
	/** One past the newest line. */
	endSeq: number;
	/** First line shown, or undefined to stick to the newest lines. */
	top?: number;
	width: number;
	height: number;
	wrap: boolean;
	timestamps: boolean;
};

/** The first line of the window that ends with the newest line. */
export function bottomTop(input: WindowInput): number {
	const {get, firstSeq, endSeq, width, height, wrap, timestamps} = input;
	let rows = 0;
	let seq = endSeq;
	while (seq > firstSeq) {
		const line = get(seq - 1);
		const count = line ? rowCount(lineText(line, timestamps), width, wrap) : 1;
		if (rows + count > height && seq < endSeq) break;
		rows += count;
		seq--;
		if (rows >= height) break;
	}
	return seq;
}

/** The rows of the visible window (text without the gutter). */
export function logWindow(input: WindowInput): LogWindow {
	const {get, firstSeq, endSeq, width, height, wrap, timestamps} = input;
	const last = bottomTop(input);
	// A set top holds its place as lines arrive (clamped so the window stays full); undefined follows the end.
	const pinned = input.top === undefined;
	const top = pinned ? last : Math.max(firstSeq, Math.min(last, input.top!));
	const rows: WindowRow[] = [];
	if (pinned && wrap) {
		// Fill from the bottom: the top line may show only its last rows.
		for (let seq = endSeq - 1; seq >= firstSeq && rows.length < height; seq--) {
			const line = get(seq);
			const pieces = line ? splitColumns(lineText(line, timestamps), width) : [''];
			const room = height - rows.length;
			const shown = pieces.length > room ? pieces.slice(pieces.length - room) : pieces;
			const first = pieces.length <= room;
			rows.unshift(...shown.map((text, i) => ({seq, text, first: first && i === 0})));
		}
		return {rows, top, pinned, bottomTop: last, lastSeq: endSeq - 1};
	}
	for (let seq = top; seq < endSeq && rows.length < height; seq++) {
		const line = get(seq);
		const text = line ? lineText(line, timestamps) : '';
		if (!wrap) {
			rows.push({seq, text: splitColumns(text, width, 1)[0]!, first: true});
			continue;
		}
		const pieces = splitColumns(text, width, height - rows.length);
		rows.push(...pieces.map((piece, i) => ({seq, text: piece, first: i === 0})));
	}
	return {rows, top, pinned, bottomTop: last, lastSeq: endSeq - 1};
}

export type Segment = {text: string; match: boolean};

/** Split text into plain and matching parts (literal, case-insensitive). */
export function matchSegments(text: string, query: string): Segment[] {
	if (query === '') return [{text, match: false}];
	const lower = text.toLowerCase();
	const needle = query.toLowerCase();
	// Lower-casing changed lengths (rare scripts): no highlight rather than a wrong one.
	if (lower.length !== text.length) return [{text, match: false}];
	const out: Segment[] = [];
	let at = 0;
	let hit: number;
	while (needle !== '' && (hit = lower.indexOf(needle, at)) >= 0) {
		if (hit > at) out.push({text: text.slice(at, hit), match: false});
		out.push({text: text.slice(hit, hit + needle.length), match: true});
		at = hit + needle.length;
	}
	if (at < text.length || out.length === 0) out.push({text: text.slice(at), match: false});
	return out;
}
