import stringWidth from 'string-width';

/** Plain-text tables like the docker CLI prints: left-aligned columns, three spaces apart. Pure. */
export function textTable(headers: string[], rows: string[][]): string {
	const widths = headers.map((header, index) =>
		Math.max(stringWidth(header), ...rows.map((row) => stringWidth(row[index] ?? ''))),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, index) =>
				index === cells.length - 1 ? cell : cell + ' '.repeat(widths[index]! - stringWidth(cell) + 3),
			)
			.join('')
			.trimEnd();
	return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** Cut to `max` columns with an ellipsis, like the CLI's truncated COMMAND column. */
export function ellipsize(text: string, max: number): string {
	if (stringWidth(text) <= max) return text;
	let out = '';
	for (const char of text) {
		if (stringWidth(out + char) > max - 1) break;
		out += char;
	}
	return `${out}…`;
}
