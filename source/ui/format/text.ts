/** Display-width aware text fitting: truncate with an ellipsis, pad to a width. Pure; never wraps. */
import stringWidth from 'string-width';

/** The one grapheme segmenter of the UI's text functions (building one loads ICU data). */
export const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const ascii = /^[\x20-\x7e]*$/;

export const displayWidth = (text: string): number => stringWidth(text);

/** Cut `text` to at most `width` columns; a cut string ends in `ellipsis` (whose width counts). */
export function truncate(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	// Fast path: ASCII text needs no grapheme walk.
	if (/^[\x20-\x7e]*$/.test(text)) {
		if (text.length <= width) return text;
		const room = width - ellipsis.length;
		return room <= 0 ? ellipsis.slice(0, width) : text.slice(0, room) + ellipsis;
	}
	if (stringWidth(text) <= width) return text;
	const ellipsisWidth = stringWidth(ellipsis);
	const room = width - ellipsisWidth;
	if (room <= 0) return ellipsis.slice(0, width);
	let out = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const w = stringWidth(segment);
		if (used + w > room) break;
		out += segment;
		used += w;
	}
	return out + ' '.repeat(room - used) + ellipsis;
}

/** Truncate, then pad with spaces to exactly `width` columns (left or right aligned). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
	const cut = truncate(text, width, ellipsis);
	const pad = Math.max(0, width - displayWidth(cut));
	return align === 'right' ? ' '.repeat(pad) + cut : cut + ' '.repeat(pad);
}

/** For terminals without UTF-8: keep printable ASCII, spell out our placeholders, turn the rest into '?'. */
export function toAscii(text: string): string {
	if (/^[\x20-\x7e]*$/.test(text)) return text;
	return text
		.replaceAll('⏎', '\\n')
		.replaceAll('␛', '^[')
		.replaceAll('…', '...')
		.replace(/[^\x20-\x7e]/gu, '?');
}

/** Cut text into pieces of at most `width` columns (by grapheme; a wide character never straddles a cut). */
export function splitColumns(text: string, width: number, limit = Number.POSITIVE_INFINITY): string[] {
	const room = Math.max(1, width);
	if (text === '') return [''];
	if (ascii.test(text)) {
		const pieces: string[] = [];
		for (let at = 0; at < text.length && pieces.length < limit; at += room) pieces.push(text.slice(at, at + room));
		return pieces;
	}
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const w = stringWidth(segment);
		if (used + w > room && piece !== '') {
			pieces.push(piece);
			if (pieces.length >= limit) return pieces;
			piece = '';
			used = 0;
		}
		piece += segment;
		used += w;
	}
	if (piece !== '' && pieces.length < limit) pieces.push(piece);
	return pieces;
}
