/**
 * Neutralise text that came from a container (logs, names, labels, env) before it reaches a terminal.
 * Escape sequences (CSI, OSC, DCS, ...) are removed whole; other control characters become visible
 * placeholders (␛ for a lone ESC, ^X for C0 controls); tabs become spaces; invalid UTF-8 has already
 * become U+FFFD when the bytes were decoded; emoji modifiers, VS16, keycaps and emoji joiners (whose width
 * terminals disagree on) are dropped. The result never contains a byte that a terminal acts on.
 */

// ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), ESC P/X/^/_ ... ST (DCS, SOS, PM, APC),
// two-byte ESC sequences, and the 8-bit C1 forms of CSI (0x9b) and OSC (0x9d).
const escapeSequence =
	// eslint-disable-next-line no-control-regex -- matching ESC, BEL and C1 bytes is what this regex is for
	/(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?|(?:\u001B[\]PX^_]|[\u009D\u0090\u0098\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[\u0020-\u002F]*[\u0030-\u007E]?/g;

// eslint-disable-next-line no-control-regex -- the C0 and C1 controls a terminal acts on
const controlChar = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

// Emoji sequences whose width terminals disagree on (tmux and many others draw a skin tone as a second wide
// glyph, ignore VS16, draw a keycap as its digit): the layout's idea of the width and the terminal's would
// differ and a line would run past the frame. Keep the base characters, drawn the same everywhere.
const unevenEmoji = /\uFE0F|\u20E3|[\u{1F3FB}-\u{1F3FF}]|\u200D(?=\p{Extended_Pictographic})/gu;

function placeholder(char: string): string {
	const code = char.charCodeAt(0);
	if (code === 0x1b) return '␛';
	if (code === 0x7f) return '^?';
	if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
	return '�';
}

/** For one line of output: escape sequences dropped, controls made visible, tabs expanded. */
export function sanitizeLine(text: string, tabWidth = 4): string {
	let result = text.replace(escapeSequence, '');
	if (/\uFE0F|\u20E3|\u200D|[\u{1F3FB}-\u{1F3FF}]/u.test(result)) result = result.replace(unevenEmoji, '');
	if (result.includes('\t')) result = expandTabs(result, tabWidth);
	return result.replace(controlChar, placeholder);
}

/** For names, labels and other one-line fields: like sanitizeLine, and line breaks shown as ⏎. */
export function sanitizeField(text: string | undefined | null): string {
	if (text === undefined || text === null) return '';
	return sanitizeLine(String(text).replace(/\r?\n/g, '⏎'), 1);
}

function expandTabs(text: string, width: number): string {
	let out = '';
	let column = 0;
	for (const char of text) {
		if (char === '\t') {
			const pad = width - (column % width);
			out += ' '.repeat(pad);
			column += pad;
		} else {
			out += char;
			column++;
		}
	}
	return out;
}

// Zero columns: combining marks, zero-width spaces and joiners, variation selectors.
const zeroWidth = /^(?:\p{Mn}|\p{Me}|\p{Variation_Selector}|[\u200B-\u200F\u2060])$/u;
// Two columns: East Asian wide and fullwidth characters, and emoji drawn as pictures.
const wide =
	/^(?:\p{Emoji_Presentation}|[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}])$/u;
const regionalIndicator = /^[\u{1F1E6}-\u{1F1FF}]$/u;
const escapeAt = new RegExp(escapeSequence.source, 'y');

/** Columns one code point takes on a terminal (a control character: its placeholder's, as sanitizeLine shows it). */
export function charWidth(char: string): number {
	const code = char.codePointAt(0) ?? 0;
	if (code < 0x7f) return code < 0x20 ? 2 : 1;
	if (code <= 0x9f) return code === 0x7f ? 2 : 1;
	if (zeroWidth.test(char)) return 0;
	return wide.test(char) ? 2 : 1;
}

/** The right half of a wide character in the cell model of resolveCarriageReturns. */
const WIDE_TAIL = '';

/**
 * What a terminal shows for one line that holds carriage returns: a bare CR goes back to the start of the line
 * and what follows overwrites what was there, cell by cell ("abcdef\rxy" shows "xycdef"; a progress line
 * rewritten with CR shows its last state); a CR with nothing after it changes nothing. Wide characters take two
 * cells, and writing over half of one blanks the other half, as terminals do. Tabs move to the next stop of
 * `tabWidth` (sanitizeLine's) without erasing. Escape sequences take no cell: each stays with the character after
 * it and goes when that character is overwritten. Other control characters take the cells of the placeholder
 * sanitizeLine shows for them, and stay for it to neutralise. A line without CR comes back unchanged.
 */
export function resolveCarriageReturns(text: string, tabWidth = 4): string {
	if (!text.includes('\r')) return text;
	// One entry per column: the character written there (with any escape sequences and combining marks
	// that belong to it), WIDE_TAIL for the right half of a wide one, undefined where nothing was written.
	const cells: Array<string | undefined> = [];
	let column = 0;
	let escapes = '';
	const clear = (at: number) => {
		if (cells[at] === WIDE_TAIL) cells[at - 1] = ' ';
		else if (cells[at + 1] === WIDE_TAIL) cells[at + 1] = ' ';
	};
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (
			code === 0x1b ||
			code === 0x9b ||
			code === 0x9d ||
			code === 0x90 ||
			code === 0x98 ||
			code === 0x9e ||
			code === 0x9f
		) {
			escapeAt.lastIndex = index;
			const match = escapeAt.exec(text);
			if (match && match[0].length > 0) {
				escapes += match[0];
				index += match[0].length;
				continue;
			}
		}
		const char = String.fromCodePoint(text.codePointAt(index)!);
		index += char.length;
		if (char === '\r') {
			column = 0;
			continue;
		}
		if (char === '\t') {
			column = (Math.floor(column / tabWidth) + 1) * tabWidth;
			continue;
		}
		const width = charWidth(char);
		let last = column - 1;
		if (last >= 0 && cells[last] === WIDE_TAIL) last--;
		const previous = last >= 0 ? cells[last] : undefined;
		// A mark joins the character before it (with nothing before it, the one after it); the second regional
		// indicator of a pair joins the first (a flag takes two cells, not four).
		if (width === 0) {
			if (previous !== undefined && escapes === '') cells[last] = previous + char;
			else escapes += char;
			continue;
		}
		if (regionalIndicator.test(char) && escapes === '' && previous !== undefined) {
			if ([...previous].length === 1 && regionalIndicator.test(previous)) {
				cells[last] = previous + char;
				continue;
			}
		}
		for (let at = column; at < column + width; at++) clear(at);
		cells[column] = escapes + char;
		escapes = '';
		if (width === 2) cells[column + 1] = WIDE_TAIL;
		column += width;
	}
	let out = '';
	for (const cell of cells) out += cell === undefined ? ' ' : cell;
	return out + escapes;
}

/** True if the string holds nothing a terminal would interpret. */
// eslint-disable-next-line no-control-regex -- the C0 and C1 controls a terminal acts on
export const isTerminalSafe = (text: string): boolean => !/[\u0000-\u001F\u007F-\u009F]/.test(text);
