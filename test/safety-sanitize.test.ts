// What container text becomes before it reaches a terminal: no sequence a terminal acts on, and no emoji
// sequence whose width terminals disagree on (the e2e tests check the same in a real terminal).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {isTerminalSafe, sanitizeField, sanitizeLine} from '../source/core/index.ts';

const ESC = '\u001b';

test('escape sequences go whole, other controls become visible, and the result is terminal-safe', () => {
	const cases: Array<[string, string]> = [
		[`${ESC}]0;pwned\u0007title`, 'title'],
		[`${ESC}]0;pwned${ESC}\\title`, 'title'],
		[`${ESC}[2J${ESC}[10;10Hmoved`, 'moved'],
		[`${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
		['\u009b31mred\u009d0;pwned\u0007', 'red'],
		[`${ESC}P+q${ESC}\\dcs`, 'dcs'],
		[`a${ESC}`, 'a'],
		['bell\u0007 nul\u0000 del\u007f', 'bell^G nul^@ del^?'],
	];
	for (const [input, expected] of cases) {
		assert.equal(sanitizeLine(input), expected, JSON.stringify(input));
		assert.ok(isTerminalSafe(sanitizeLine(input)));
	}
	assert.equal(sanitizeField('two\nlines\r\n'), 'two⏎lines⏎');
});

test('emoji whose width terminals disagree on keep their base characters; other text is untouched', () => {
	const cases: Array<[string, string]> = [
		['👍🏽', '👍'],
		['👨‍👩‍👧', '👨👩👧'],
		['❤️', '❤'],
		['1️⃣', '1'],
		['👩🏾‍💻', '👩💻'],
		['🇫🇷', '🇫🇷'],
		['漢字 e\u0301 ä', '漢字 e\u0301 ä'],
		// A joiner between letters (Indic scripts) is not an emoji joiner: it stays.
		['क्\u200Dष', 'क्\u200Dष'],
	];
	for (const [input, expected] of cases) assert.equal(sanitizeField(input), expected, JSON.stringify(input));
	// What stays is measured the same by the layout and by the terminals tested (tmux: see e2e-hostile).
	assert.equal(stringWidth(sanitizeField('👍🏽 👨‍👩‍👧')), 2 + 1 + 6);
});
