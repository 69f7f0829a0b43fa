// Exec shells from the built TUI in a real terminal (tmux) against a throwaway daemon: the terminal is handed
// to a shell in the container (size at start and on resize, no keystroke lost), and the TUI comes back where it
// was; a stopped container is offered a start; a signal while the shell runs gives the terminal back.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {createFixtures} from './helpers/fixtures.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {selectByFilter, tuiSuite} from './helpers/tui-suite.ts';

const suite = tuiSuite(async (daemon) => {
	await createFixtures(daemon);
	await daemon.docker(['create', '--name', 'tsd-sleeper', '--network', 'none', 'tsd-base:1', 'sleep', '1000']);
});

/** Type a command into the shell and wait for a line of output that matches. */
async function shellRun(tmux: TmuxSession, command: string, output: RegExp): Promise<string> {
	await tmux.send([command], {literal: true});
	await tmux.send(['Enter']);
	return tmux.waitFor(output, 10_000);
}

test('e on a running container: a shell on the real terminal, sized and resized; exit comes back to the same place', async () => {
	const tmux = await suite.launch();
	await selectByFilter(tmux, 'tsd-logger');
	await tmux.press('e');
	await tmux.waitFor('tsdock: shell in tsd-logger (exit to return)');
	await tmux.waitFor(/^\/ #\s*$/m);
	assert.equal(await tmux.display('#{alternate_on}'), '0', 'the shell has the normal screen');
	await shellRun(tmux, 'stty size', /^30 100$/m);
	await tmux.resize(90, 25);
	await shellRun(tmux, 'stty size', /^25 90$/m);
	// Every keystroke reaches the shell: a long line typed at once, and arithmetic only the shell does.
	await shellRun(
		tmux,
		'echo abcdefghijklmnopqrstuvwxyz-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ',
		/^abcdefghijklmnopqrstuvwxyz-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ$/m,
	);
	await shellRun(tmux, 'echo tsd-$((6*7))', /^tsd-42$/m);
	await tmux.send(['exit'], {literal: true});
	await tmux.send(['Enter']);
	const back = await tmux.waitFor(/Containers \(1 of \d+\)/);
	assert.match(back, /filter: tsd-logger/, 'the filter is kept');
	assert.match(back, /› tsd-logger/, 'the selection is kept');
	assert.match(back, /shell in tsd-logger ended \(exit code 0\)/);
	assert.equal(await tmux.display('#{alternate_on}'), '1', 'back on the alternate screen');
	for (const line of back.split('\n')) assert.ok(line.length <= 90, 'drawn at the new size');
	await tmux.press('2');
	await tmux.waitFor('Images (');
	await tmux.press('1');
	await tmux.waitFor('filter: tsd-logger');
});

test('--shell picks the shell; e on a stopped container offers to start it (n keeps it, y starts it and opens the shell)', async () => {
	const tmux = await suite.launch({args: ['--shell', 'sh -l']});
	await selectByFilter(tmux, 'tsd-stopped');
	await tmux.press('e');
	await tmux.waitFor('tsd-stopped is not running (exited): start it and open a shell? y yes, n no');
	await tmux.press('n');
	await tmux.waitFor('tsd-stopped left as it was (exited)');
	const state = (await suite.daemon.docker(['inspect', '-f', '{{.State.Status}}', 'tsd-stopped'])).stdout.trim();
	assert.equal(state, 'exited');

	await tmux.press('Escape');
	await selectByFilter(tmux, 'tsd-sleeper');
	await tmux.press('e');
	await tmux.waitFor('tsd-sleeper is not running (created)');
	await tmux.press('y');
	await tmux.waitFor('tsdock: shell in tsd-sleeper (exit to return)', 15_000);
	await shellRun(tmux, 'echo $0-$((2+3))', /^-?sh-5$/m);
	await tmux.send(['exit'], {literal: true});
	await tmux.send(['Enter']);
	await tmux.waitFor(/tsd-sleeper\s+tsd-base:1\s+running/);
});

test('read-only mode refuses e', async () => {
	const tmux = await suite.launch({args: ['--read-only']});
	await selectByFilter(tmux, 'tsd-logger');
	await tmux.press('e');
	await tmux.waitFor('read-only mode: e (shell in a container) is refused');
});

function nodeChild(shellPid: string): Promise<number> {
	return new Promise((resolve, reject) =>
		execFile('pgrep', ['-P', shellPid, '-f', 'node'], (error, stdout) =>
			error ? reject(error) : resolve(Number(stdout.trim().split('\n')[0])),
		),
	);
}

test('SIGTERM or SIGHUP while the shell runs: the terminal is given back usable', async () => {
	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const) {
		// tsdock typed into a shell, so that the shell reports its status and runs a line once tsdock is gone.
		const tmux = await suite.launch({shell: {line: (command) => `${command}; echo "status=$?"`}});
		await selectByFilter(tmux, 'tsd-logger');
		await tmux.press('e');
		await tmux.waitFor('tsdock: shell in tsd-logger (exit to return)');
		await tmux.waitFor(/^\/ #\s*$/m);
		process.kill(await nodeChild(await tmux.display('#{pane_pid}')), signal);
		await tmux.waitFor(`status=${code}`);
		assert.equal(await tmux.display('#{alternate_on}'), '0');
		assert.equal(await tmux.display('#{cursor_flag}'), '1', 'the cursor is shown');
		// The terminal is cooked again: the pane's own shell reads a line and runs it.
		await shellRun(tmux, 'echo cooked-$((1+1))', /^cooked-2$/m);
	}
});
