/** Glyphs and colours for the terminal we are in: UTF-8 or not, colour or not. Pure. */
import {toAscii} from './format/text.ts';

export type Theme = {
	ascii: boolean;
	color: boolean;
	/** Ink border style for boxes. */
	border: 'round' | 'classic';
	ellipsis: string;
	pointer: string;
	dot: string;
	separator: string;
	up: string;
	down: string;
	/** Make text safe to print in this terminal (sanitised daemon text may hold ⏎ and ␛). */
	text: (value: string) => string;
	/** A colour name, or undefined when colour is off. */
	tone: (name: ToneName) => string | undefined;
};

export type ToneName = 'accent' | 'ok' | 'warn' | 'error' | 'muted' | 'title';

const tones: Record<ToneName, string> = {
	accent: 'cyan',
	ok: 'green',
	warn: 'yellow',
	error: 'red',
	muted: 'gray',
	title: 'blue',
};

/** True when the locale (LC_ALL, then LC_CTYPE, then LANG: the first one set wins) is UTF-8. */
export function localeIsUtf8(env: NodeJS.ProcessEnv = process.env): boolean {
	const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
	return /utf-?8/i.test(locale);
}

export function colorWanted(noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
	if (noColorFlag) return false;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
	return env.TERM !== 'dumb';
}

export function makeTheme(options: {ascii: boolean; color: boolean}): Theme {
	const {ascii, color} = options;
	return {
		ascii,
		color,
		border: ascii ? 'classic' : 'round',
		ellipsis: ascii ? '~' : '…',
		pointer: ascii ? '>' : '›',
		dot: ascii ? '*' : '●',
		separator: ascii ? '|' : '·',
		up: ascii ? 'Up' : '↑',
		down: ascii ? 'Down' : '↓',
		text: ascii ? toAscii : (value) => value,
		tone: (name) => (color ? tones[name] : undefined),
	};
}
