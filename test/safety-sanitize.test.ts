// What container text becomes before it reaches a terminal: no sequence a terminal acts on, and no emoji
// sequence whose width terminals disagree on (the e2e tests check the same in a real terminal).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {
	LogDecoder,
	charWidth,
	isTerminalSafe,
	resolveCarriageReturns,
	sanitizeField,
	sanitizeLine,
} from '../source/core/index.ts';

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

test('carriage returns: a bare CR returns to the start of the line and what follows overwrites, as a terminal shows it', () => {
	const cases: Array<[string, string]> = [
		// A shorter overwrite leaves the rest of the old text: the terminal shows "xycdef".
		['abcdef\rxy', 'xycdef'],
		['10%\r20%\r100% done', '100% done'],
		['[==  ] 50%\r[====] 100%', '[====] 100%'],
		// A CR with nothing after it (a TTY's line end, or a progress line's last redraw) changes nothing.
		['abc\r', 'abc'],
		['abc\r\r', 'abc'],
		['\r', ''],
		['\rabc', 'abc'],
		// Wide characters take two cells; writing over half of one blanks its other half.
		['日本\rx', 'x 本'],
		['ab\r日', '日'],
		['abc\r日', '日c'],
		['x日\rab', 'ab '],
		['a日\r日', '日 '],
		['进度 10%\r进度 100%', '进度 100%'],
		// Marks join their character; a flag is one two-cell character.
		['e\u0301xyz\rab', 'abyz'],
		['🇫🇷x\rab', 'abx'],
		// Tabs move to the next stop (sanitizeLine's 4) without erasing.
		['abcdef\r\tX', 'abcdXf'],
		['a\tb\rX', 'X   b'],
		// Escape sequences take no cell; controls keep their placeholder's cells and stay for sanitizeLine.
		['\u001b[32m 50%\u001b[0m\r\u001b[K100%', '\u001b[0m\u001b[K100%'],
		['a\u0007bc\rX', 'X\u0007bc'],
		// Without a CR the text is untouched (tabs and all).
		['no\tcr \u001b[1mhere', 'no\tcr \u001b[1mhere'],
	];
	for (const [input, expected] of cases) {
		assert.equal(resolveCarriageReturns(input), expected, JSON.stringify(input));
		assert.ok(!resolveCarriageReturns(input).includes('\r'));
	}
	// After sanitizing, no ^M is left and the line is terminal-safe.
	assert.equal(sanitizeLine(resolveCarriageReturns('\u001b[32m 50%\r\u001b[32m100%\u001b[0m\u0007')), '100%^G');
	// The cell widths agree with the layout's (string-width) for the characters a log line usually holds.
	for (const char of ['a', '~', '日', '한', 'ー', '\u3000', 'Ａ', '👍', '😀', 'é', '✓', '★', '─', 'α', 'Ж']) {
		assert.equal(charWidth(char), stringWidth(char), JSON.stringify(char));
	}
	assert.equal(charWidth('\u0301'), 0);
});

test('LogDecoder: a TTY line end is a line end, and CRs in the message (after the timestamp) are resolved', () => {
	const tty = new LogDecoder({multiplexed: false, timestamps: false});
	const got = [
		...tty.push(Buffer.from('hello\r\nprogress 10%\rprogress 55%')),
		...tty.push(Buffer.from('\rprogress 100%\r\nab')),
		...tty.push(Buffer.from('cdef\rxy\r\r\nlast\r')),
		...tty.end(),
	];
	assert.deepEqual(
		got.map((line) => line.text),
		['hello', 'progress 100%', 'xycdef', 'last'],
	);
	// A CR split from its LF by a chunk boundary is still a line end.
	const split = new LogDecoder({multiplexed: false, timestamps: false});
	assert.deepEqual(
		[...split.push(Buffer.from('one\r')), ...split.push(Buffer.from('\ntwo\r\n'))].map((line) => line.text),
		['one', 'two'],
	);
	const stamped = new LogDecoder({multiplexed: false, timestamps: true});
	const stamp = '2024-01-02T03:04:05.000000006Z';
	assert.deepEqual(stamped.push(Buffer.from(`${stamp} 1/3\r2/3\r3/3\r\n`)), [
		{stream: 'stdout', text: '3/3', timestamp: stamp},
	]);
});
