// Keys that arrive together (a held key over SSH, a paste) in a real terminal: movement repeats per key,
// anything else in a burst is never read as commands.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {builtCli} from './helpers/cli.ts';
import {childEnv, nodeBinary, startTmux, type TmuxSession} from './helpers/tmux.ts';

let daemon: TestDaemon;
let tmux: TmuxSession;
let home: ReturnType<typeof childEnv>;

before(async () => {
	daemon = await startDaemon();
	await buildBase(daemon);
	for (let i = 0; i < 12; i++) await daemon.docker(['create', '--name', `tsd-burst-${String(i).padStart(2, '0')}`, '--network', 'none', 'tsd-base:1', 'true']);
	home = childEnv();
	tmux = await startTmux([nodeBinary, builtCli, '--host', daemon.host], {width: 100, height: 30, env: home.env});
	await tmux.waitFor('Containers (12)');
});

after(async () => {
	await tmux?.kill();
	home?.cleanup();
	await daemon?.stop();
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
	const listed = (await daemon.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
	assert.equal(listed.length, 12, 'nothing was removed');
});
