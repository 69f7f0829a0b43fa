// Ctrl-Z in a real terminal (tmux) against a throwaway daemon. From an interactive shell with job control (dash's
// sh -i and bash -i): the shell's prompt comes back with the terminal restored (normal screen, cursor shown,
// canonical mode and echo) and tsdock is stopped; after `bg` it stops again (the terminal is the shell's); `fg`
// brings the same screen back, drawn at the size the window was given meanwhile. Started by `sh -c` (no job
// control: its orphaned process group discards SIGTSTP): a status line says so and tsdock goes on. While a shell in
// a container has the terminal, Ctrl-Z is the container shell's, and a SIGTSTP from outside is refused instead of
// stopping tsdock with the terminal in raw mode.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {builtCli} from './helpers/cli.ts';
import {buildBase} from './helpers/fixtures.ts';
import {childEnv, nodeBinary, startTmux, type TmuxSession} from './helpers/tmux.ts';
import {selectByFilter, tuiSuite} from './helpers/tui-suite.ts';

const names = ['tsd-z-a', 'tsd-z-b', 'tsd-z-c'];

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	for (const name of names) {
		await daemon.docker(['create', '--name', name, '--network', 'none', 'tsd-base:1', 'true']);
	}
	await daemon.docker(['run', '-d', '--name', 'tsd-z-run', '--network', 'none', 'tsd-base:1', 'sleep', '1000']);
});

const quote = (part: string) => `'${part.replaceAll("'", "'\\''")}'`;

const childOf = (pid: string): Promise<string> =>
	new Promise((resolve, reject) =>
		execFile('pgrep', ['-P', pid], (error, stdout) => (error ? reject(error) : resolve(stdout.trim().split('\n')[0]!))),
	);

/** The process state letter from /proc (T: stopped). */
const stateOf = (pid: number): string => {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
};

/** Type a command line into the pane's shell. */
async function typeLine(tmux: TmuxSession, line: string): Promise<void> {
	await tmux.send([line], {literal: true});
	await tmux.send(['Enter']);
}

/** The shell's terminal modes, as `stty -a` prints them: e.g. ['icanon', 'echo'] or ['-icanon', '-echo']. */
async function ttyModes(tmux: TmuxSession, tag: string): Promise<string[]> {
	await typeLine(tmux, `stty -a | tr ' ' '\\n' | grep -x -- '-\\?\\(icanon\\|echo\\)' | sed 's/^/${tag}=/'`);
	const screen = await tmux.waitFor(new RegExp(`^${tag}=-?echo$`, 'm'));
	return [...screen.matchAll(new RegExp(`^${tag}=(-?\\w+)$`, 'gm'))].map((match) => match[1]!);
}

/** After q: tsdock has left the alternate screen and the shell's prompt is the last line (keys are the shell's). */
const shellPrompt = (tmux: TmuxSession): Promise<string> =>
	tmux.waitFor(
		(screen) => /^(#|\$|bash\$)\s*$/.test(screen.trimEnd().split('\n').at(-1) ?? '') && !screen.includes('● connected'),
	);

/** The row the list's cursor is on. */
const selectedRow = (screen: string): string | undefined => /› (tsd-z-\w+)/.exec(screen)?.[1];

/** The frame's top border fills `width` columns and the footer is on the last of `height` lines. */
const drawnAt = (screen: string, width: number, height: number): boolean => {
	const lines = screen.split('\n');
	const border = lines.findIndex((line) => /^[┌╭+]/.test(line));
	const bottom = lines.findLastIndex((line) => /^[└╰+]/.test(line));
	return border >= 0 && lines[border]!.length === width && bottom === height - 3;
};

/** An interactive shell (job control on) in tmux, tsdock started from it; returns once the UI is up. */
async function fromInteractiveShell(shell: 'sh' | 'bash'): Promise<{tmux: TmuxSession; pid: number}> {
	const home = childEnv();
	suite.defer(home.cleanup);
	const tmux = await startTmux([], {width: 100, height: 30, env: home.env, shellFirst: true});
	suite.defer(() => tmux.kill());
	// The pane's sh is interactive (job control on); bash -i gets its own prompt.
	if (shell === 'bash') {
		await typeLine(tmux, "PS1='bash$ ' exec bash --norc --noprofile -i");
		await tmux.waitFor(/^bash\$\s*$/m);
	}
	const shellPid = await tmux.display('#{pane_pid}');
	assert.deepEqual(await ttyModes(tmux, 'before'), ['icanon', 'echo'], 'the shell runs in canonical mode');
	await typeLine(tmux, [nodeBinary, builtCli, '--host', suite.daemon.host].map(quote).join(' '));
	await tmux.waitFor('● connected');
	await tmux.waitFor('tsd-z-c');
	assert.equal(await tmux.display('#{alternate_on}'), '1');
	return {tmux, pid: Number(await childOf(shellPid))};
}

for (const shell of ['sh', 'bash'] as const) {
	test(`Ctrl-Z from an interactive ${shell}: back to the shell, terminal restored; bg stops again; fg: the same screen at the new size`, async () => {
		const {tmux, pid} = await fromInteractiveShell(shell);

		// State to keep: the cursor two rows down.
		const first = selectedRow(await tmux.capture());
		await tmux.press('j');
		await tmux.press('j');
		const moved = await tmux.waitFor((screen) => selectedRow(screen) !== undefined && selectedRow(screen) !== first);
		const chosen = selectedRow(moved)!;

		await tmux.send(['C-z']);
		const stopped = await tmux.waitFor(/Stopped/);
		assert.match(stopped, /before=icanon/, "the shell's own screen is back");
		assert.equal(await tmux.display('#{alternate_on}'), '0', 'the alternate screen is left');
		assert.equal(await tmux.display('#{cursor_flag}'), '1', 'the cursor is shown');
		assert.equal(stateOf(pid), 'T', 'tsdock is stopped');
		assert.deepEqual(await ttyModes(tmux, 'during'), ['icanon', 'echo'], 'raw mode is off (icanon, echo)');

		// bg: the terminal is the shell's, so tsdock stops again at once (as vim and less do), and fg brings it back.
		await typeLine(tmux, 'bg');
		await typeLine(tmux, 'echo "bg-$((20+1))"');
		await tmux.waitFor(/^bg-21$/m);
		await tmux.waitFor(() => stateOf(pid) === 'T');
		assert.equal(await tmux.display('#{alternate_on}'), '0', 'not taken back while in the background');

		// A resize while stopped reaches only the shell: tsdock must pick it up when it comes back.
		await tmux.resize(120, 36);
		await typeLine(tmux, 'fg');
		const back = await tmux.waitFor((screen) => drawnAt(screen, 120, 36) && screen.includes(`› ${chosen}`));
		assert.equal(await tmux.display('#{alternate_on}'), '1', 'back on the alternate screen');
		assert.notEqual(stateOf(pid), 'T');
		assert.match(back, /● connected/);
		for (const line of back.split('\n')) assert.ok(line.length <= 120, 'drawn at the new size');
		// Keys are read again (raw mode: one key, no Enter).
		await tmux.press('k');
		await tmux.waitFor((screen) => selectedRow(screen) !== chosen);

		// Once more, straight from stopped to fg.
		await tmux.send(['C-z']);
		await tmux.waitFor(() => stateOf(pid) === 'T');
		await typeLine(tmux, 'fg');
		await tmux.waitFor((screen) => drawnAt(screen, 120, 36) && screen.includes('● connected'));

		await tmux.press('q');
		await shellPrompt(tmux);
		await typeLine(tmux, 'echo "exit-$?"');
		await tmux.waitFor(/^exit-0$/m);
		assert.equal(await tmux.display('#{alternate_on}'), '0');
		assert.deepEqual(await ttyModes(tmux, 'after'), ['icanon', 'echo'], 'raw mode is off after q');
	});
}

test('a suspended tsdock whose terminal goes away (a dropped SSH session) exits instead of lingering', async () => {
	const {tmux, pid} = await fromInteractiveShell('sh');
	await tmux.send(['C-z']);
	await tmux.waitFor(/Stopped/);
	assert.equal(stateOf(pid), 'T');
	// The terminal closes: the shell dies, and the kernel sends SIGHUP and SIGCONT to the stopped, now orphaned job.
	await tmux.kill();
	const gone = () => {
		try {
			return stateOf(pid) === 'Z';
		} catch {
			return true;
		}
	};
	for (let i = 0; i < 200 && !gone(); i++) await sleep(50);
	assert.ok(gone(), 'tsdock has exited');
});

test('Ctrl-Z with no job control (started by sh -c): a status line, and tsdock goes on', async () => {
	const tmux = await suite.launch();
	await tmux.waitFor('tsd-z-c');
	const pid = Number(await childOf(await tmux.display('#{pane_pid}')));
	await tmux.send(['C-z']);
	await tmux.waitFor('Ctrl-Z: cannot suspend, no job control here (not started from an interactive shell)');
	assert.equal(await tmux.display('#{alternate_on}'), '1', 'the UI keeps the terminal');
	assert.notEqual(stateOf(pid), 'T', 'not stopped');
	await tmux.press('2');
	await tmux.waitFor('Images (');
	await tmux.press('q');
	await tmux.waitFor('tsdock exited 0');
});

test('a shell in a container gets Ctrl-Z; a SIGTSTP to tsdock meanwhile is refused, and said after', async () => {
	const {tmux, pid} = await fromInteractiveShell('sh');
	await selectByFilter(tmux, 'tsd-z-run');
	await tmux.press('e');
	await tmux.waitFor('tsdock: shell in tsd-z-run (exit to return)');
	await tmux.waitFor(/^\/ #\s*$/m);
	// The container's shell has job control: Ctrl-Z stops its job, not tsdock.
	await typeLine(tmux, 'sleep 300');
	await tmux.send(['C-z']);
	await tmux.waitFor(/Stopped\s+sleep 300/);
	assert.notEqual(stateOf(pid), 'T', 'tsdock is not stopped');
	await typeLine(tmux, 'kill -9 %1; echo zz-$((2*3))');
	await tmux.waitFor(/^zz-6$/m);
	// A SIGTSTP from outside (tsdock is a job of an interactive shell: with no handler it would stop, the terminal
	// left in raw mode under the container's shell).
	process.kill(pid, 'SIGTSTP');
	await typeLine(tmux, 'echo yy-$((3*3))');
	await tmux.waitFor(/^yy-9$/m);
	assert.notEqual(stateOf(pid), 'T', 'tsdock is not stopped');
	await typeLine(tmux, 'exit');
	const back = await tmux.waitFor('shell in tsd-z-run ended');
	assert.match(back, /shell in tsd-z-run ended \(exit code 0\); Ctrl-Z was refused meanwhile/);
	await tmux.press('q');
	await shellPrompt(tmux);
	await typeLine(tmux, 'echo "exit-$?"');
	await tmux.waitFor(/^exit-0$/m);
});
