/** Word wrapping by display width, for messages that must be read whole (errors, the unreachable screen). */
import {displayWidth, graphemes} from './text.ts';

/** Word-wrap to `width` columns; words longer than a line (paths, URLs) are cut where they must be. */
export function wrapText(text: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	const push = () => {
		lines.push(line.trimEnd());
		line = '';
	};
	for (const word of text.split(/(\s+)/)) {
		if (word === '') continue;
		if (/^\s+$/.test(word)) {
			if (line !== '' && displayWidth(line) < room) line += ' ';
			continue;
		}
		if (line !== '' && displayWidth(line) + displayWidth(word) > room) push();
		if (displayWidth(word) <= room) {
			line += word;
			continue;
		}
		for (const {segment} of graphemes.segment(word)) {
			if (displayWidth(line) + displayWidth(segment) > room) push();
			line += segment;
		}
	}
	if (line.trim() !== '' || lines.length === 0) push();
	return lines;
}
