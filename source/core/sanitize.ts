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

/** True if the string holds nothing a terminal would interpret. */
// eslint-disable-next-line no-control-regex -- the C0 and C1 controls a terminal acts on
export const isTerminalSafe = (text: string): boolean => !/[\u0000-\u001F\u007F-\u009F]/.test(text);
