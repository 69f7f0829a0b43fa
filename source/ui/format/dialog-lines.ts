/** The building blocks of dialog text. Pure. */
import {humanSize, sanitizeField, shortId} from '../../core/index.ts';
import type {DialogState} from '../state/dialog.ts';
import type {ToneName} from '../theme.ts';
import {displayWidth, fit} from './text.ts';

export type DialogLine = {text: string; tone?: ToneName; bold?: boolean};

export type DialogText = {title: string; lines: DialogLine[]; keys: string};

/** Rows a dialog uses around its body: title, a blank line, the keys line, and one spare. */
export const DIALOG_CHROME = 4;

/** Body lines that fit in a dialog of `height` rows. */
export const dialogBodyHeight = (height: number) => Math.max(1, height - DIALOG_CHROME);

export const line = (text: string, tone?: ToneName, bold?: boolean): DialogLine => ({
	text,
	...(tone ? {tone} : {}),
	...(bold ? {bold} : {}),
});
export const blank: DialogLine = {text: ''};

/** A count with its noun: "1 image", "3 images". */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

/** Bytes as the docker CLI prints them, with "≈" when the figure is an estimate. */
export const bytesText = (bytes: number, exact = true) => `${exact ? '' : '≈'}${humanSize(bytes)}`;

/** Rows of cells in aligned columns (two spaces apart, indented two), the last column left ragged. */
export function columns(rows: string[][], tone?: ToneName, maxWidth = 48): DialogLine[] {
	const widths: number[] = [];
	for (const cells of rows)
		cells.forEach((cell, i) => (widths[i] = Math.min(maxWidth, Math.max(widths[i] ?? 0, displayWidth(cell)))));
	return rows.map((cells) =>
		line(
			`  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : fit(cell, widths[i]!))).join('  ')}`.trimEnd(),
			tone,
		),
	);
}

/** "1a2b3c4d5e6f" from an ID, or the sanitised text itself when it is not an ID. */
export const idText = (value: string) =>
	/^(sha256:)?[0-9a-f]{64}$/.test(value) ? shortId(value) : sanitizeField(value);

/** The phases every dialog shares: loading, running, a failure. Undefined when the kind's own text applies. */
export function phaseText(
	dialog: DialogState,
	what: {loading: string; running: string},
): Pick<DialogText, 'lines' | 'keys'> | undefined {
	switch (dialog.phase) {
		case 'loading':
			return {lines: [line(what.loading, 'muted')], keys: 'any key cancels'};
		case 'running':
			return {lines: [line(what.running, 'accent')], keys: 'busy until it finishes (Ctrl-C quits)'};
		case 'error':
			return {lines: [line(sanitizeField(dialog.error ?? 'failed'), 'error')], keys: 'any key closes'};
		default:
			return undefined;
	}
}

export const skippedLines = (skipped: Array<{what: string; reason: string}>): DialogLine[] =>
	skipped.length === 0
		? []
		: [
				blank,
				line(`Skipped ${count(skipped.length, 'item')}:`, 'warn', true),
				...columns(
					skipped.map((item) => [idText(item.what), sanitizeField(item.reason)]),
					'warn',
				),
			];
