// Keys that arrive together (a held key over SSH, a paste) in a real terminal: movement repeats per key,
// anything else in a burst is never read as commands.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {buildBase} from './helpers/fixtures.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

let tmux: TmuxSession;

// One tsdock for the whole file.
const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	for (let i = 0; i < 12; i++)
		await daemon.docker([
			'create',
			'--name',
			`tsd-burst-${String(i).padStart(2, '0')}`,
			'--network',
			'none',
			'tsd-base:1',
			'true',
		]);
	tmux = await suite.launch({ready: 'Containers (12)'});
});

const rowOf = (screen: string) => Number(/ row (\d+)/.exec(screen)?.[1] ?? NaN);

test('a burst of movement keys moves once per key', async () => {
	assert.equal(rowOf(await tmux.capture()), 1);
	await tmux.send(['jjj'], {literal: true});
	await tmux.waitFor((screen) => rowOf(screen) === 4, 3000);
	// Three arrow sequences written at once.
	await tmux.send(['Down', 'Down', 'Down']);
	await tmux.waitFor((screen) => rowOf(screen) === 7, 3000);
	await tmux.send(['kk'], {literal: true});
	await tmux.waitFor((screen) => rowOf(screen) === 5, 3000);
});

test('a pasted "dy" is not a remove and its confirmation', async () => {
	await tmux.send(['dy'], {literal: true});
	await new Promise((resolve) => setTimeout(resolve, 600));
	const screen = await tmux.capture();
	assert.doesNotMatch(screen, /Remove container|press y/i);
	assert.match(screen, /Containers \(12\)/);
	const listed = (await suite.daemon.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
	assert.equal(listed.length, 12, 'nothing was removed');
});

test('"/" and the filter text typed fast (one chunk) open the filter with that text; a trailing Enter keeps it', async () => {
	await tmux.send(['/tsd-burst-1'], {literal: true});
	const typed = await tmux.waitFor('Containers (2 of 12)', 3000);
	assert.match(typed, /tsd-burst-1/);
	await tmux.send(['Enter']);
	await tmux.send(['Escape']);
	await tmux.waitFor((screen) => /Containers \(12\)/.test(screen), 3000);
	// The same with the Enter in the chunk: the filter is kept and the list has the keys again (j moves).
	await tmux.send(['/tsd-burst-0\r'], {literal: true});
	await tmux.waitFor('Containers (10 of 12)', 3000);
	const before = rowOf(await tmux.capture());
	await tmux.send(['j']);
	await tmux.waitFor((screen) => rowOf(screen) === before + 1, 3000);
	await tmux.send(['Escape']);
	await tmux.waitFor((screen) => /Containers \(12\)/.test(screen), 3000);
	const listed = (await suite.daemon.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
	assert.equal(listed.length, 12, 'typing never ran an action');
});

test('harmless keys in one chunk each count (" j " marks two rows, "2" then "1" switch panes); a chunk stops at the first key that would act', async () => {
	await tmux.send([' j '], {literal: true});
	await tmux.waitFor('2 marked', 3000);
	await tmux.send(['21'], {literal: true});
	await tmux.waitFor((screen) => /Containers \(12\)/.test(screen) && /2 marked/.test(screen), 3000);
	// "j" moves, "d" would ask to remove: the chunk stops there, no dialog opens, and "j" after it is dropped too.
	const before = rowOf(await tmux.capture());
	await tmux.send(['jdj'], {literal: true});
	await tmux.waitFor((screen) => rowOf(screen) === before + 1, 3000);
	await new Promise((resolve) => setTimeout(resolve, 400));
	const screen = await tmux.capture();
	assert.equal(rowOf(screen), before + 1);
	assert.doesNotMatch(screen, /Remove/);
	assert.equal((await suite.daemon.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean).length, 12);
});
