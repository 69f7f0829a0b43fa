/**
 * Turns a terminal screen captured with its colours (`tmux capture-pane -e -p`) into an SVG: SGR colour and
 * attribute sequences become filled cells and styled text on a fixed grid. Pure; no terminal needed.
 */
import stringWidth from 'string-width';

type Style = {
	fg?: string;
	bg?: string;
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
};
type Cell = {char: string; style: Style; width: number};

// xterm's default 16 colours (a dark theme close to most terminals').
const base16 = [
	'#1e1e1e',
	'#cd3131',
	'#0dbc79',
	'#e5e510',
	'#2472c8',
	'#bc3fbc',
	'#11a8cd',
	'#e5e5e5',
	'#666666',
	'#f14c4c',
	'#23d18b',
	'#f5f543',
	'#3b8eea',
	'#d670d6',
	'#29b8db',
	'#ffffff',
];
export const DEFAULT_FG = '#d4d4d4';
export const DEFAULT_BG = '#1b1d23';

function color256(index: number): string {
	if (index < 16) return base16[index]!;
	if (index < 232) {
		const value = index - 16;
		const levels = [0, 95, 135, 175, 215, 255];
		const r = levels[Math.floor(value / 36)]!;
		const g = levels[Math.floor(value / 6) % 6]!;
		const b = levels[value % 6]!;
		return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
	}
	const grey = 8 + (index - 232) * 10;
	return `#${grey.toString(16).padStart(2, '0').repeat(3)}`;
}

function applySgr(style: Style, params: number[]): Style {
	const next = {...style};
	for (let i = 0; i < params.length; i++) {
		const p = params[i]!;
		if (p === 0)
			Object.assign(next, {
				fg: undefined,
				bg: undefined,
				bold: false,
				dim: false,
				italic: false,
				underline: false,
				inverse: false,
			});
		else if (p === 1) next.bold = true;
		else if (p === 2) next.dim = true;
		else if (p === 3) next.italic = true;
		else if (p === 4) next.underline = true;
		else if (p === 7) next.inverse = true;
		else if (p === 22) next.bold = next.dim = false;
		else if (p === 23) next.italic = false;
		else if (p === 24) next.underline = false;
		else if (p === 27) next.inverse = false;
		else if (p >= 30 && p <= 37) next.fg = base16[p - 30];
		else if (p >= 90 && p <= 97) next.fg = base16[p - 90 + 8];
		else if (p === 39) next.fg = undefined;
		else if (p >= 40 && p <= 47) next.bg = base16[p - 40];
		else if (p >= 100 && p <= 107) next.bg = base16[p - 100 + 8];
		else if (p === 49) next.bg = undefined;
		else if ((p === 38 || p === 48) && params[i + 1] === 5) {
			const value = color256(params[i + 2] ?? 0);
			if (p === 38) next.fg = value;
			else next.bg = value;
			i += 2;
		} else if ((p === 38 || p === 48) && params[i + 1] === 2) {
			const value = `#${[params[i + 2], params[i + 3], params[i + 4]].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;
			if (p === 38) next.fg = value;
			else next.bg = value;
			i += 4;
		}
	}
	return next;
}

/** Parse captured lines into rows of cells. */
export function parseScreen(text: string, columns: number, rows: number): Cell[][] {
	const plain: Style = {bold: false, dim: false, italic: false, underline: false, inverse: false};
	const lines = text.replace(/\n$/, '').split('\n').slice(0, rows);
	const grid: Cell[][] = [];
	let style = plain;
	for (const line of lines) {
		const row: Cell[] = [];
		// eslint-disable-next-line no-control-regex -- splits the capture at its ESC [ sequences
		const tokens = line.split(/(\u001B\[[0-9;:]*[A-Za-z])/);
		for (const token of tokens) {
			// eslint-disable-next-line no-control-regex -- reads an SGR (ESC [ ... m) token
			const sgr = /^\u001B\[([0-9;:]*)m$/.exec(token);
			if (sgr) {
				style = applySgr(style, sgr[1] === '' ? [0] : sgr[1]!.split(/[;:]/).map(Number));
				continue;
			}
			if (token.startsWith('\u001B')) continue;
			for (const char of token) {
				const width = stringWidth(char);
				if (width === 0) {
					if (row.length > 0) row[row.length - 1]!.char += char;
					continue;
				}
				row.push({char, style, width});
			}
		}
		grid.push(row);
	}
	while (grid.length < rows) grid.push([]);
	void columns;
	return grid;
}

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Render parsed cells as an SVG with a monospace grid. */
export function screenToSvg(
	text: string,
	columns: number,
	rows: number,
	options: {fontFamily?: string; fontSize?: number; title?: string} = {},
): string {
	const fontSize = options.fontSize ?? 14;
	const cellWidth = Math.round(fontSize * 0.6021 * 100) / 100;
	const lineHeight = Math.round(fontSize * 1.18);
	const pad = 12;
	const width = Math.ceil(columns * cellWidth + pad * 2);
	const height = rows * lineHeight + pad * 2;
	const grid = parseScreen(text, columns, rows);
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		options.title ? `<title>${escapeXml(options.title)}</title>` : '',
		`<rect width="100%" height="100%" fill="${DEFAULT_BG}" rx="6"/>`,
		`<g font-family="${options.fontFamily ?? 'DejaVu Sans Mono'}" font-size="${fontSize}" xml:space="preserve">`,
	];
	grid.forEach((row, y) => {
		let column = 0;
		const top = pad + y * lineHeight;
		// Backgrounds as merged runs, so anti-aliasing leaves no seams between cells.
		let runStart = 0;
		let runColor: string | undefined;
		const flush = (end: number) => {
			if (runColor)
				parts.push(
					`<rect x="${(pad + runStart * cellWidth).toFixed(2)}" y="${top}" width="${((end - runStart) * cellWidth).toFixed(2)}" height="${lineHeight}" fill="${runColor}"/>`,
				);
		};
		let cursor = 0;
		for (const cell of row) {
			const bg = cell.style.inverse ? (cell.style.fg ?? DEFAULT_FG) : cell.style.bg;
			if (bg !== runColor) {
				flush(cursor);
				runStart = cursor;
				runColor = bg;
			}
			cursor += cell.width;
		}
		flush(cursor);
		const baseline = top + Math.round(lineHeight * 0.78);
		for (const cell of row) {
			const fg = cell.style.inverse ? (cell.style.bg ?? DEFAULT_BG) : (cell.style.fg ?? DEFAULT_FG);
			const x = pad + column * cellWidth;
			if (cell.char.trim() !== '') {
				const attrs = [`x="${x.toFixed(2)}"`, `y="${baseline}"`, `fill="${fg}"`];
				if (cell.style.bold) attrs.push('font-weight="bold"');
				if (cell.style.dim) attrs.push('opacity="0.6"');
				if (cell.style.italic) attrs.push('font-style="italic"');
				if (cell.style.underline) attrs.push('text-decoration="underline"');
				parts.push(`<text ${attrs.join(' ')}>${escapeXml(cell.char)}</text>`);
			}
			column += cell.width;
		}
	});
	parts.push('</g></svg>');
	return parts.join('\n');
}
