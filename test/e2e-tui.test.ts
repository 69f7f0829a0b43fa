// The built TUI in a real terminal (tmux) against a throwaway daemon: every key of the contract, live updates,
// resize, a clean terminal after q / Ctrl-C / SIGTERM / SIGHUP, an idle screen that writes nothing, settings.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import stringWidth from 'string-width';
import {createFixtures} from './helpers/fixtures.ts';
import {childEnv, type TmuxSession} from './helpers/tmux.ts';
import {tuiSuite, type ChildHome, type LaunchOptions} from './helpers/tui-suite.ts';

const EXTRA = 20;

const suite = tuiSuite(async (daemon) => {
	await createFixtures(daemon);
	// Enough containers to page through.
	await Promise.all(
		Array.from({length: EXTRA}, (_, i) =>
			daemon.docker([
				'create',
				'--name',
				`tsd-extra-${String(i).padStart(2, '0')}`,
				'--network',
				'none',
				'tsd-base:1',
				'true',
			]),
		),
	);
});

const TOTAL = 3 + EXTRA;

/** tsdock returned at once (each test waits for what it needs), and its HOME to start it again with. */
async function launch(options: LaunchOptions = {}): Promise<{tmux: TmuxSession; home: ChildHome}> {
	const tmux = await suite.launch({ready: null, ...options});
	return {tmux, home: tmux.home};
}

/** Lines of the list that show a fixture container (not the header, whose socket path has tsd- in it). */
const listLines = (screen: string) => screen.split('\n').filter((line) => /^.[›> ] tsd-/.test(line));
const rowOf = (screen: string) => Number(/ row (\d+)/.exec(screen)?.[1] ?? NaN);

async function expectRow(tmux: TmuxSession, row: number) {
	await tmux.waitFor((screen) => rowOf(screen) === row, 5000);
}

function childPid(shellPid: string): Promise<number> {
	return new Promise((resolve, reject) =>
		execFile('pgrep', ['-P', shellPid, '-f', 'node'], (error, stdout) =>
			error ? reject(error) : resolve(Number(stdout.trim().split('\n')[0])),
		),
	);
}

test('every key of the contract, in a real terminal', async () => {
	const {tmux, home} = await launch();
	await tmux.waitFor(`Containers (${TOTAL})`);
	await tmux.waitFor('● connected');
	// The engine's name and version arrive from their own request: wait for them rather than racing.
	const first = await tmux.waitFor(/tsdock · unix:\/\/.*docker\.sock · Docker \S+ \(API 1\.\d+\)/);
	const lines = listLines(first);
	assert.match(lines[0]!, /tsd-logger\s+tsd-base:1\s+running/, 'running first');

	// Panes.
	await tmux.press('2');
	await tmux.waitFor('Images (8)');
	await tmux.press('3');
	await tmux.waitFor('Volumes (2)');
	await tmux.press('4');
	await tmux.waitFor(/Build Cache\s+0\s+0/);
	const df = await tmux.capture();
	const cli = (await suite.daemon.docker(['system', 'df'])).stdout.trim().split('\n');
	for (const line of cli) {
		const cells = line.trim().split(/\s{2,}/);
		assert.match(df, new RegExp(cells.map((cell) => cell.replace(/[()]/g, '\\$&')).join('\\s+')), `df row ${line}`);
	}
	await tmux.press('Tab');
	await tmux.waitFor(`Containers (${TOTAL})`);
	await tmux.press('BTab');
	await tmux.waitFor('Biggest reclaimable items');
	await tmux.press('1');
	await tmux.waitFor(`Containers (${TOTAL})`);

	// Movement.
	await expectRow(tmux, 1);
	await tmux.press('j');
	await expectRow(tmux, 2);
	await tmux.press('Down');
	await expectRow(tmux, 3);
	await tmux.press('k');
	await expectRow(tmux, 2);
	await tmux.press('Up');
	await expectRow(tmux, 1);
	await tmux.press('NPage');
	await tmux.waitFor((screen) => rowOf(screen) > 10);
	await tmux.press('PPage');
	await expectRow(tmux, 1);
	await tmux.press('G');
	await expectRow(tmux, TOTAL);
	assert.match(await tmux.capture(), /› tsd-/);
	await tmux.press('g');
	await expectRow(tmux, 1);
	await tmux.press('End');
	await expectRow(tmux, TOTAL);
	await tmux.press('Home');
	await expectRow(tmux, 1);

	// Filter: case-insensitive, literal.
	await tmux.press('/');
	await tmux.send(['LOGGER'], {literal: true});
	await tmux.waitFor(`Containers (1 of ${TOTAL})`);
	await tmux.press('Enter');
	await tmux.waitFor('filter: LOGGER');
	await tmux.press('Escape');
	await tmux.waitFor(`Containers (${TOTAL}) · row`);
	await tmux.press('/');
	await tmux.send(['tsd-extra-0.'], {literal: true});
	await tmux.waitFor('nothing matches "tsd-extra-0."');
	await tmux.press('Escape');
	await tmux.waitFor(`Containers (${TOTAL}) · row`);

	// Details and back (Esc, then q).
	await tmux.press('Enter');
	await tmux.waitFor(/Container tsd-logger[\s\S]*Restart count\s+0[\s\S]*tsd-vol-used -> \/data/);
	await tmux.press('Escape');
	await tmux.waitFor(`Containers (${TOTAL}) · row 1`);
	await tmux.press('Enter');
	await tmux.waitFor('Container tsd-logger');
	await tmux.press('q');
	await tmux.waitFor(`Containers (${TOTAL}) · row 1`);

	// Help: every key of the pane; Esc and ? close it.
	await tmux.press('?');
	await tmux.waitFor('In the Containers list');
	let help = await tmux.capture();
	// The help is several pages long: read every page, then the last.
	for (let page = 0; page < 8 && !help.includes('close the help'); page++) {
		await tmux.press('PageDown');
		await sleep(150);
		help += await tmux.capture();
	}
	await tmux.press('G');
	help += await tmux.waitFor('close the help');
	for (const text of [
		'Containers pane',
		'next pane',
		'previous pane',
		'move up',
		'move down',
		'page up',
		'page down',
		'go to the top',
		'go to the bottom',
		'filter this list',
		'details of the selected item',
		'cycle the sort column',
		'quit at once',
		'keep the filter',
		'back to the list',
	]) {
		assert.ok(help.includes(text), `help lists "${text}"`);
	}
	await tmux.press('Escape');
	await tmux.waitFor(`Containers (${TOTAL}) · row`);
	await tmux.press('?');
	await tmux.waitFor('In the Containers list');
	await tmux.press('?');
	await tmux.waitFor(`Containers (${TOTAL}) · row`);

	// D on Images: exactly the CLI's dangling set, and what "dangling" means.
	await tmux.press('2');
	await tmux.waitFor('Images (8)');
	await tmux.press('D');
	const dangling = (await suite.daemon.docker(['images', '-f', 'dangling=true', '-q'])).stdout.trim().split('\n');
	const screen = await tmux.waitFor(`Images: dangling (${dangling.length})`);
	assert.match(screen, /dangling = an image with no tag/);
	for (const id of dangling) assert.ok(screen.includes(id), `dangling ${id} is listed`);
	await tmux.press('D');
	await tmux.waitFor('Images (8)');

	// D on Volumes: unused only; S cycles the sort.
	await tmux.press('3');
	await tmux.press('D');
	await tmux.waitFor(/Volumes: unused \(1\)[\s\S]*tsd-vol-unused/);
	await tmux.press('D');
	await tmux.waitFor('Volumes (2)');
	await tmux.press('S');
	await tmux.waitFor('sort: newest');
	await tmux.press('S');
	await tmux.waitFor('sort: size');

	// q quits; the alternate screen is left; the settings remember the pane and sort.
	await tmux.press('q');
	await tmux.waitFor('tsdock exited 0');
	assert.equal(await tmux.display('#{alternate_on}'), '0');
	const saved = JSON.parse(readFileSync(path.join(home.env.TSDOCK_CONFIG_DIR!, 'config.json'), 'utf8'));
	assert.equal(saved.pane, 'volumes');
	assert.equal(saved.sort.volumes, 'size');
	const again = await launch({home});
	await again.tmux.waitFor(/Volumes \(2\)[\s\S]*sort: size/);
});

test('q leaves the terminal as it was: the shell screen comes back', async () => {
	// tsdock typed into a shell that prints a marker first and reports the status after.
	const tmux = await suite.launch({
		width: 90,
		height: 26,
		shell: {line: (command) => `echo before-tsdock-marker; ${command}; echo "status=$?"`},
	});
	assert.equal(await tmux.display('#{alternate_on}'), '1');
	assert.ok(!(await tmux.capture()).includes('before-tsdock-marker'), 'the UI has its own screen');
	await tmux.press('q');
	const after = await tmux.waitFor('status=0');
	assert.match(after, /before-tsdock-marker/);
	assert.doesNotMatch(after, /Containers \(/);
	assert.equal(await tmux.display('#{alternate_on}'), '0');
	assert.equal(await tmux.display('#{cursor_flag}'), '1', 'the cursor is shown again');
});

test('Ctrl-C quits; SIGTERM and SIGHUP restore the terminal too', async () => {
	const {tmux} = await launch({width: 80, height: 24});
	await tmux.waitFor('● connected');
	await tmux.press('/');
	await tmux.press('C-c');
	await tmux.waitFor('tsdock exited 0');
	assert.equal(await tmux.display('#{alternate_on}'), '0');

	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const) {
		const {tmux: session} = await launch({width: 80, height: 24});
		await session.waitFor('● connected');
		const pid = await childPid(await session.display('#{pane_pid}'));
		process.kill(pid, signal);
		await session.waitFor(`tsdock exited ${code}`);
		assert.equal(await session.display('#{alternate_on}'), '0', signal);
	}
});

test('live: a container created from outside appears by itself', async () => {
	const {tmux} = await launch();
	await tmux.waitFor(`Containers (${TOTAL})`);
	await suite.daemon.docker(['create', '--name', 'tsd-e2e-live', '--network', 'none', 'tsd-base:1', 'true']);
	await tmux.waitFor(/tsd-e2e-live\s+tsd-base:1\s+created/, 10_000);
	await tmux.waitFor(`Containers (${TOTAL + 1})`);
	await suite.daemon.docker(['rm', 'tsd-e2e-live']);
	await tmux.waitFor((screen) => !screen.includes('tsd-e2e-live') && screen.includes(`Containers (${TOTAL})`), 10_000);
});

test('resize reflows at once; a tiny terminal gets a short line instead of a crash', async () => {
	const {tmux} = await launch({width: 120, height: 30});
	await tmux.waitFor(`Containers (${TOTAL})`);
	assert.match(await tmux.capture(), /PORTS\s+ID/);
	await tmux.resize(60, 20);
	const narrow = await tmux.waitFor(
		(screen) => screen.split('\n')[0]!.length <= 60 && /NAME/.test(screen) && !/PORTS\s+ID/.test(screen),
	);
	for (const line of narrow.split('\n')) assert.ok(stringWidth(line) <= 60, `"${line}"`);
	assert.equal(listLines(narrow).length, 20 - 8, 'rows fit the new height');
	await tmux.resize(30, 8);
	await tmux.waitFor('terminal too small');
	await tmux.resize(100, 40);
	const big = await tmux.waitFor(
		(screen) => screen.includes(`Containers (${TOTAL})`) && listLines(screen).length === TOTAL,
	);
	assert.match(big, /tsd-logger/);
	await tmux.press('q');
	await tmux.waitFor('tsdock exited 0');
});

// The containers here are seconds or minutes old, so their relative times change while the screen is idle (and
// are redrawn then: e2e-times.test.ts). The Volumes pane shows none, while a container logs away.
test('an idle screen writes nothing to the terminal', async () => {
	const {tmux, home} = await launch({width: 100, height: 30});
	await tmux.waitFor(`Containers (${TOTAL})`);
	await tmux.waitFor('● connected');
	await tmux.press('3');
	await tmux.waitFor('tsd-vol-unused');
	const file = path.join(home.dir, 'pipe.out');
	await tmux.pipeTo(file);
	// Prove the pipe records: one key press redraws.
	await tmux.press('j');
	await expectRow(tmux, 2);
	await sleep(800);
	const settled = existsSync(file) ? statSync(file).size : 0;
	assert.ok(settled > 0, 'the pipe saw the redraw');
	await sleep(2500);
	assert.equal(statSync(file).size - settled, 0, 'bytes written while idle');
});

test('a corrupt settings file: a clear status message, and the file is left untouched', async () => {
	const home = childEnv();
	suite.defer(home.cleanup);
	mkdirSync(home.env.TSDOCK_CONFIG_DIR!, {recursive: true});
	const file = path.join(home.env.TSDOCK_CONFIG_DIR!, 'config.json');
	writeFileSync(file, '{"pane": "images",,,');
	const {tmux} = await launch({home, width: 160, height: 24});
	await tmux.waitFor('is not valid JSON: using defaults, and leaving the file as it is');
	await tmux.waitFor(`Containers (${TOTAL})`);
	await tmux.press('3');
	await tmux.press('S');
	await tmux.waitFor('sort: newest');
	await tmux.press('q');
	await tmux.waitFor('tsdock exited 0');
	assert.equal(readFileSync(file, 'utf8'), '{"pane": "images",,,');
});

// eslint-disable-next-line no-control-regex -- an SGR (ESC [ ... m) that sets a foreground colour
const foregroundColour = /\u001b\[[0-9;]*(3[0-7]|38;|9[0-7])[0-9;]*m/;
// eslint-disable-next-line no-control-regex -- an SGR (ESC [ ... m) that turns on reverse video
const reverseVideo = /\u001b\[[0-9;]*7m/;

test('no UTF-8 locale and NO_COLOR: ASCII borders and glyphs, no colour', async () => {
	const {tmux} = await launch({width: 100, height: 24, env: {LANG: 'C', NO_COLOR: '1'}});
	const screen = await tmux.waitFor(`Containers (${TOTAL})`);
	assert.match(screen, /^\+-{10,}\+$/m);
	assert.match(screen, /^\|> tsd-/m);
	assert.ok(!/[^\p{ASCII}]/u.test(screen), 'only ASCII on screen');
	const styled = await new Promise<string>((resolve) =>
		execFile('tmux', ['-L', tmux.socket, 'capture-pane', '-p', '-e', '-t', tmux.target], (_e, out) => resolve(out)),
	);
	assert.ok(!foregroundColour.test(styled), 'no foreground colours');
	assert.match(styled, reverseVideo, 'the selection is still in reverse video (a style, not a colour)');
	const colored = await launch({width: 100, height: 24});
	await colored.tmux.waitFor(`Containers (${TOTAL})`);
	const withColor = await new Promise<string>((resolve) =>
		execFile('tmux', ['-L', colored.tmux.socket, 'capture-pane', '-p', '-e', '-t', colored.tmux.target], (_e, out) =>
			resolve(out),
		),
	);
	assert.match(withColor, foregroundColour, 'colour is on without NO_COLOR (so the check above can fail)');
	assert.match(withColor, reverseVideo, 'the selected row is in reverse video');
});
