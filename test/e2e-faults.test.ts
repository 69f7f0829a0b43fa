// The daemon misbehaves under a real tsdock in a real terminal: down when tsdock starts, gone while it runs,
// a socket the user may not open, and another client removing what the UI has selected or open.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {chmodSync, chownSync, statSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import stringWidth from 'string-width';
import {keymap, type Binding} from '../source/ui/keys/keymap.ts';
import type {PaneId} from '../source/ui/panes/registry.ts';
import {builtCli} from './helpers/cli.ts';
import {build, buildBase} from './helpers/fixtures.ts';
import {bodyText, childEnv, nodeBinary, type TmuxSession} from './helpers/tmux.ts';
import {tuiSuite, type LaunchOptions} from './helpers/tui-suite.ts';

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	await daemon.docker(['volume', 'create', 'tsd-f-vol']);
	for (const name of ['tsd-f-a', 'tsd-f-b', 'tsd-f-c'])
		await daemon.docker(['create', '--name', name, '--network', 'none', '-v', 'tsd-f-vol:/v', 'tsd-base:1', 'true']);
});

/** tsdock at 100x24 unless told; returned at once (the daemon may be down): each test waits for what it needs. */
const launch = (options: LaunchOptions = {}): Promise<TmuxSession> =>
	suite.launch({height: 24, ready: null, ...options});

/** Header first, no line wider than the terminal; a capture can land mid-redraw, so a failure must hold. */
async function assertLayout(tmux: TmuxSession, width: number, label: string): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			return checkLayout(await tmux.capture(), width, label);
		} catch (error) {
			if (attempt >= 3) throw error;
			await sleep(150);
		}
	}
}

function checkLayout(screen: string, width: number, label: string) {
	const lines = screen.split('\n');
	assert.match(lines[0]!, /^tsdock/, `${label}: header`);
	for (const line of lines) assert.ok(stringWidth(line) <= width, `${label}: a line wider than ${width}: "${line}"`);
}

const nextTries = (screen: string) =>
	[...bodyText(screen).matchAll(/next try in ([\d.]+) s/g)].map((match) => Number(match[1]));

/** Everything a user could have changed, as the docker CLI sees it. */
async function daemonState(): Promise<string> {
	const [ps, images, volumes] = await Promise.all([
		suite.daemon.docker(['ps', '-a', '--format', '{{.Names}} {{.State}} {{.Image}}']),
		suite.daemon.docker(['images', '-a', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']),
		suite.daemon.docker(['volume', 'ls', '--format', '{{.Name}}']),
	]);
	return [ps.stdout, images.stdout, volumes.stdout].map((text) => text.split('\n').sort().join('\n')).join('\n--\n');
}

test('daemon down at start: a full-screen message with the endpoint and the reason, retries with backoff, q quits, and it connects by itself', async () => {
	await suite.daemon.pause();
	try {
		const tmux = await launch();
		const screen = await tmux.waitFor((s) => bodyText(s).includes('Cannot reach the Docker daemon'));
		const text = bodyText(screen);
		assert.ok(text.includes(`at ${suite.daemon.host}`), `names the endpoint in full:\n${screen}`);
		assert.match(text, /no such socket \(is the daemon running\?\)/, 'says why');
		assert.match(text, /q quits/);
		await assertLayout(tmux, 100, 'down at start');
		// Backoff: the wait before the next try grows.
		const seen = new Set<number>();
		const start = Date.now();
		while (Date.now() - start < 4000 && seen.size < 3) {
			for (const value of nextTries(await tmux.capture())) seen.add(value);
			await sleep(50);
		}
		const waits = [...seen];
		assert.ok(
			waits.length >= 3 && waits.every((value, i) => i === 0 || value > waits[i - 1]!),
			`growing waits between tries: ${waits.join(', ')}`,
		);
		// The UI answers: help opens and closes.
		await tmux.press('?');
		await tmux.waitFor('In the Containers list');
		await tmux.press('Escape');
		await tmux.waitFor((s) => bodyText(s).includes('Cannot reach the Docker daemon'));
		await tmux.press('q');
		await tmux.waitFor('tsdock exited 0');
		assert.equal(await tmux.display('#{alternate_on}'), '0');

		// Left running while the daemon is down, it connects and lists by itself once the daemon is back.
		const waiting = await launch();
		await waiting.waitFor((s) => bodyText(s).includes('Cannot reach the Docker daemon'));
		await sleep(3000);
		await suite.daemon.resume();
		const listed = await waiting.waitFor((s) => /Containers \(3\)/.test(s) && s.includes('● connected'), 20_000);
		assert.match(listed, /tsd-f-a/);
		assert.doesNotMatch(listed, /Cannot reach/);
	} finally {
		if ((await suite.daemon.docker(['version'], {allowFail: true})).exitCode !== 0) await suite.daemon.resume();
	}
});

/** tmux's name for a key-map key name. */
const tmuxKeys: Record<string, string> = {
	space: 'Space',
	enter: 'Enter',
	escape: 'Escape',
	tab: 'Tab',
	'shift-tab': 'BTab',
	up: 'Up',
	down: 'Down',
	pageup: 'PPage',
	pagedown: 'NPage',
	home: 'Home',
	end: 'End',
	backspace: 'BSpace',
	'ctrl-c': 'C-c',
};
const tmuxKey = (name: string) => tmuxKeys[name] ?? name;
const paneKey: Record<PaneId, string> = {containers: '1', images: '2', volumes: '3', disk: '4'};

test('daemon dies while running: disconnected header, last data kept and marked stale, keys answer, mutating keys refused; back by itself with live updates', async () => {
	const tmux = await launch();
	await tmux.waitFor((s) => s.includes('Containers (3)') && s.includes('● connected'));
	await tmux.press('j');
	await tmux.waitFor('row 2');
	const before = await daemonState();
	await suite.daemon.pause();
	try {
		const down = await tmux.waitFor((s) => /● reconnecting/.test(s) && s.includes('stale (not connected)'), 15_000);
		assert.match(down, /Containers \(3\) · row 2 · stale \(not connected\)/, 'the last list, marked stale');
		// All three rows are still there (their order is newest first, and they may be created a second apart).
		for (const name of ['tsd-f-a', 'tsd-f-b', 'tsd-f-c']) assert.match(down, new RegExp(`│[› >]{2}${name}\\s`));
		await assertLayout(tmux, 100, 'disconnected');
		// Still usable: move, filter, help.
		await tmux.press('j');
		await tmux.waitFor('row 3');
		await tmux.press('/');
		await tmux.send(['f-b'], {literal: true});
		await tmux.waitFor('Containers (1 of 3)');
		await tmux.press('Escape');
		await tmux.waitFor('Containers (3)');
		await tmux.press('?');
		await tmux.waitFor('In the Containers list');
		await tmux.press('Escape');

		// Every mutating key of the key map, in its pane: refused with a reason, and no dialog opens.
		const mutating = keymap.filter((binding: Binding) => binding.modes.includes('list') && binding.kind === 'write');
		assert.ok(mutating.length >= 8, `the key map has mutating keys (${mutating.length})`);
		for (const binding of mutating) {
			for (const pane of binding.panes ?? (['containers', 'images', 'volumes', 'disk'] as PaneId[])) {
				await tmux.press(paneKey[pane]);
				await tmux.press(tmuxKey(binding.keys[0]!));
				const screen = await tmux.waitFor(/not connected to the Engine.*refused|refused/, 5000);
				assert.match(
					screen,
					/not connected to the Engine \(reconnecting\): .* refused/,
					`${binding.keys[0]} (${binding.command}) in ${pane}`,
				);
				// A y now must not confirm anything.
				await tmux.press('y');
			}
		}
		// And a shell offer for a stopped container, answered yes, starts nothing either.
		await tmux.press('1');
		await tmux.press('e');
		await sleep(300);
		await tmux.press('y');
		await sleep(500);
		await tmux.press('Escape', 'Escape');
		const still = await tmux.capture();
		assert.match(still, /● reconnecting/);
		await assertLayout(tmux, 100, 'after the keys');
	} finally {
		await suite.daemon.resume();
	}
	const back = await tmux.waitFor(
		(s) => s.includes('● connected') && s.includes('Containers (3)') && !s.includes('stale'),
		20_000,
	);
	assert.match(back, /tsd-f-a/);
	assert.equal(await daemonState(), before, 'nothing was changed while disconnected (nor queued for later)');
	await suite.daemon.docker(['create', '--name', 'tsd-f-after', '--network', 'none', 'tsd-base:1', 'true']);
	await tmux.waitFor(/Containers \(4\)[\s\S]*tsd-f-after/, 10_000);
	await suite.daemon.docker(['rm', 'tsd-f-after']);
	await tmux.waitFor('Containers (3)', 10_000);
});

test('permission denied on the socket: one line with the fix for tsdock ps, and the same reason in the UI', async () => {
	// The socket stays root-owned 0660; only the directory above it is opened so that the socket decides.
	const mode = statSync(suite.daemon.dir).mode & 0o777;
	chmodSync(suite.daemon.dir, 0o755);
	try {
		const socketMode = statSync(suite.daemon.socketPath).mode & 0o777;
		assert.equal(socketMode & 0o006, 0, `the socket is not open to others (${socketMode.toString(8)})`);
		const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
		const ps = await new Promise<{code: number; stdout: string; stderr: string}>((resolve) =>
			execFile(
				asNobody[0]!,
				[...asNobody.slice(1), nodeBinary, builtCli, 'ps', '--host', suite.daemon.host],
				{env: {PATH: process.env.PATH, HOME: '/tmp'}},
				(error, stdout, stderr) =>
					resolve({code: typeof error?.code === 'number' ? error.code : error ? 1 : 0, stdout, stderr}),
			),
		);
		assert.equal(ps.code, 1, ps.stderr);
		assert.equal(ps.stdout, '');
		const lines = ps.stderr.trimEnd().split('\n');
		assert.equal(lines.length, 1, `one line: ${ps.stderr}`);
		assert.match(
			lines[0]!,
			new RegExp(
				`^tsdock: permission denied on ${suite.daemon.host.replaceAll('/', '\\/')}: add your user to the "docker" group .*sudo.*DOCKER_HOST`,
			),
		);

		const home = childEnv();
		suite.defer(home.cleanup);
		chownSync(home.dir, 65534, 65534);
		const tmux = await launch({home, prefix: asNobody});
		const screen = await tmux.waitFor(
			(s) => bodyText(s).includes('Cannot reach the Docker daemon') && bodyText(s).includes('DOCKER_HOST'),
		);
		const text = bodyText(screen);
		assert.ok(
			text.includes(
				`permission denied on ${suite.daemon.host}: add your user to the "docker" group (sudo usermod -aG docker $USER, then log in again), run with sudo, or point DOCKER_HOST / --host at a daemon you may use`,
			),
			`the whole hint:\n${screen}`,
		);
		await assertLayout(tmux, 100, 'permission denied');
		await tmux.press('q');
		await tmux.waitFor('tsdock exited 0');
	} finally {
		chmodSync(suite.daemon.dir, mode);
	}
});

test('races: the selected container removed by another client; its details view open; a destructive key pressed twice', async () => {
	for (const name of ['tsd-r-1', 'tsd-r-2', 'tsd-r-3'])
		await suite.daemon.docker(['create', '--name', name, '--network', 'none', 'tsd-base:1', 'true']);
	const tmux = await launch({width: 110, height: 26});
	await tmux.waitFor('Containers (6)');
	// Filter to the three and select tsd-r-2: walk down to it rather than assume its row.
	await tmux.press('/');
	await tmux.send(['tsd-r-'], {literal: true});
	await tmux.press('Enter');
	const filtered = await tmux.waitFor('Containers (3 of 6)');
	// Created within a second or two of each other, they stand in docker ps -a's order (newest first).
	const cliOrder = (await suite.daemon.docker(['ps', '-a', '--filter', 'name=tsd-r-', '--format', '{{.Names}}'])).stdout
		.trim()
		.split('\n');
	assert.deepEqual(filtered.match(/tsd-r-\d/g), cliOrder);
	for (let row = 2; !/[›>] tsd-r-2/.test(await tmux.capture()); row++) {
		assert.ok(row <= 3, 'tsd-r-2 is one of the three filtered rows');
		await tmux.press('j');
		await tmux.waitFor(`row ${row}`);
	}
	await suite.daemon.docker(['rm', '-f', 'tsd-r-2']);
	const moved = await tmux.waitFor('Containers (2 of 5)', 10_000);
	assert.doesNotMatch(moved, /tsd-r-2/);
	assert.match(moved, /[›>] tsd-r-(1|3)/, 'the selection moved to a neighbour');

	// The details view of a container that another client removes.
	await tmux.press('Enter');
	const open = await tmux.waitFor(/Container tsd-r-\d[\s\S]*Restart count/);
	const shown = /Container (tsd-r-\d)/.exec(open)![1]!;
	await suite.daemon.docker(['rm', '-f', shown]);
	const gone = await tmux.waitFor(/no longer exists|No such container/i, 10_000);
	assert.match(
		gone,
		new RegExp(`Container ${shown}[\\s\\S]*container ${shown} no longer exists: it was removed`),
		`the details view says it is gone:\n${gone}`,
	);
	await assertLayout(tmux, 110, 'details of a removed container');
	await tmux.press('Escape');
	await tmux.waitFor('Containers (1 of 4)');

	// d then d: the second d cancels the dialog; nothing is removed.
	await tmux.press('d');
	await tmux.waitFor(/y remove/);
	await tmux.press('d');
	await tmux.waitFor('cancelled: nothing was changed');
	assert.equal(
		(await suite.daemon.docker(['ps', '-a', '--filter', 'name=tsd-r-', '--format', '{{.Names}}'])).stdout
			.trim()
			.split('\n').length,
		1,
	);
	await tmux.press('Escape');
	await tmux.waitFor('Containers (4)');
	const count = async () => (await suite.daemon.docker(['ps', '-aq'])).stdout.trim().split('\n').length;
	const total = await count();
	const left = (
		await suite.daemon.docker(['ps', '-a', '--filter', 'name=tsd-r-', '--format', '{{.Names}}'])
	).stdout.trim();
	await tmux.press('/');
	await tmux.send([left], {literal: true});
	await tmux.press('Enter');
	await tmux.waitFor(new RegExp(`[›>] ${left}`));
	// y y arriving as one chunk (typed ahead, or pasted) is not a confirmation: it cancels.
	await tmux.press('d');
	await tmux.waitFor(/y remove/);
	await tmux.send(['yy'], {literal: true});
	await tmux.waitFor('cancelled: nothing was changed');
	// Nor does "dy" pasted into the list open and confirm a removal.
	await tmux.send(['dy'], {literal: true});
	await sleep(800);
	assert.doesNotMatch(await tmux.capture(), /y remove/);
	assert.equal(await count(), total, 'nothing removed by typed-ahead keys');
	// d, y, then y again: one removal; the second y does nothing (no dialog is open any more).
	await tmux.press('d');
	await tmux.waitFor(/y remove/);
	await tmux.press('y');
	await tmux.waitFor(new RegExp(`removed ${left}|any key closes`), 10_000);
	await tmux.press('y');
	await tmux.press('Escape');
	await tmux.waitFor('Containers (3)');
	await tmux.press('y');
	await sleep(1000);
	assert.equal(await count(), total - 1, 'exactly one container removed');
	assert.equal(
		(await suite.daemon.docker(['ps', '-a', '--filter', `name=${left}`, '--format', '{{.Names}}'])).stdout.trim(),
		'',
	);
	assert.doesNotMatch(await tmux.capture(), /y remove/, 'no second dialog');
	await assertLayout(tmux, 110, 'after d y y');

	// An image removed by another client while its history is open.
	await build(suite.daemon, 'tsd-r-img:1', 'FROM tsd-base:1\nLABEL race=1\n');
	await tmux.press('2');
	await tmux.press('/');
	await tmux.send(['tsd-r-img'], {literal: true});
	await tmux.press('Enter');
	await tmux.waitFor(/[›>] tsd-r-img/, 10_000);
	await tmux.press('h');
	await tmux.waitFor(/History of tsd-r-img:1 · \d+ layers/);
	await suite.daemon.docker(['rmi', 'tsd-r-img:1']);
	const removed = await tmux.waitFor('the image was removed (showing what it was)', 10_000);
	assert.match(removed, /LABEL race=1|race=1/, 'what it was stays on screen');
	await assertLayout(tmux, 110, 'history of a removed image');
	await tmux.press('Escape');
	await tmux.waitFor(/Images \(0 of \d+\)/);
});
