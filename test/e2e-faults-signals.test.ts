// However tsdock ends, the terminal is given back: SIGTERM, SIGHUP, SIGINT sent to the process and a real
// uncaught exception / unhandled rejection inside it all leave the alternate screen, show the cursor, turn
// raw mode off (the shell's `stty -a` shows icanon again) and exit with a status that says why.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {buildBase} from './helpers/fixtures.ts';
import {nodeBinary, type TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	await daemon.docker(['create', '--name', 'tsd-sig', '--network', 'none', 'tsd-base:1', 'true']);
});

const waiter = [
	"const result = require('node:child_process').spawnSync(process.argv[1], process.argv.slice(2), {stdio: 'inherit'});",
	// (Spelt so that the command line on screen does not itself match what the tests wait for.)
	"console.log(['exit', 'status'].join('-') + '=' + (result.signal ? 'killed-by-' + result.signal : result.status));",
].join(' ');

/** A shell in tmux that runs tsdock and then reports its status; returns the session once the UI is up. */
async function shellWithTsdock(nodeOptions: string[] = []): Promise<TmuxSession> {
	const tmux = await suite.launch({
		height: 24,
		// A tiny waiter between the shell and tsdock tells an exit status from a death by signal (a shell's $? cannot).
		prefix: [nodeBinary, '-e', waiter],
		nodeOptions,
		shell: {
			// The shell's own terminal mode before tsdock: canonical (line editing), so the check below can tell.
			async before(pane) {
				await pane.send(["stty -a | grep -o -- '-\\?icanon' | sed 's/^/before=/'"], {literal: true});
				await pane.send(['Enter']);
				await pane.waitFor(/^before=icanon$/m);
			},
			line: (command) => `${command} 2>"$HOME/stderr"`,
		},
	});
	await tmux.waitFor('tsd-sig');
	assert.equal(await tmux.display('#{alternate_on}'), '1', 'the UI is on the alternate screen');
	return tmux;
}

const childOf = (pid: string): Promise<string> =>
	new Promise((resolve, reject) =>
		execFile('pgrep', ['-P', pid], (error, stdout) => (error ? reject(error) : resolve(stdout.trim().split('\n')[0]!))),
	);

/** The shell's child is the waiter; its child is tsdock. */
const tsdockPid = async (tmux: TmuxSession): Promise<number> =>
	Number(await childOf(await childOf(await tmux.display('#{pane_pid}'))));

/** After tsdock is gone: the status, the normal screen, a visible cursor, and a terminal in canonical mode. */
async function expectRestored(tmux: TmuxSession, status: number, label: string): Promise<string> {
	const screen = await tmux.waitFor(/exit-status=\S+$/m, 10_000);
	assert.match(screen, new RegExp(`exit-status=${status}$`, 'm'), `${label}: exit status (not a death by signal)`);
	assert.equal(await tmux.display('#{alternate_on}'), '0', `${label}: the alternate screen is left`);
	assert.equal(await tmux.display('#{cursor_flag}'), '1', `${label}: the cursor is shown`);
	assert.match(screen, /before=icanon/, `${label}: the shell's screen is back`);
	await tmux.send(["stty -a | grep -o -- '-\\?icanon' | sed 's/^/after=/'; cat \"$HOME/stderr\"; echo end-of-check"], {
		literal: true,
	});
	await tmux.send(['Enter']);
	const after = await tmux.waitFor(/^end-of-check$/m);
	assert.equal(/after=(-?icanon)$/m.exec(after)?.[1], 'icanon', `${label}: raw mode is off (icanon)\n${after}`);
	return after;
}

for (const [signal, status] of [
	['SIGTERM', 143],
	['SIGHUP', 129],
	['SIGINT', 130],
] as const) {
	test(`${signal} to the process: terminal restored, exit ${status}`, async () => {
		const tmux = await shellWithTsdock();
		// Mid-use: the filter box is open (raw mode, cursor hidden, alternate screen).
		await tmux.press('/');
		await tmux.waitFor('/_');
		process.kill(await tsdockPid(tmux), signal);
		const screen = await expectRestored(tmux, status, signal);
		assert.doesNotMatch(screen, /Error|at .*\.js:\d+/, 'no stack trace');
	});
}

// A real exception thrown inside the running tsdock process, outside React and outside any promise chain
// of ours: Node's own --import flag (a documented Node feature, not a tsdock hook) loads a module into the
// process that throws when the test sends it SIGURG (ignored by default, and not one the settings library
// re-sends, as it does SIGUSR2), once the UI is up (a timer could fire before the UI is
// up on a busy machine).
for (const [kind, code] of [
	['uncaught exception', "process.on('SIGURG', () => { throw new Error('injected failure from the test'); });"],
	[
		'unhandled rejection',
		"process.on('SIGURG', () => { Promise.reject(new Error('injected failure from the test')); });",
	],
] as const) {
	test(`an ${kind} inside the process: terminal restored, one line on stderr, exit 1`, async () => {
		const tmux = await shellWithTsdock([`--import=data:text/javascript,${encodeURIComponent(code)}`]);
		process.kill(await tsdockPid(tmux), 'SIGURG');
		const screen = await expectRestored(tmux, 1, kind);
		assert.match(
			screen,
			/^tsdock: injected failure from the test$/m,
			'the error, as one line, after the terminal is restored',
		);
		assert.doesNotMatch(screen, /^\s+at /m, 'no stack trace');
	});
}

test('a signal while the daemon is not answering still exits at once', async () => {
	const tmux = await shellWithTsdock();
	const pid = Number(readFileSync(path.join(suite.daemon.dir, 'docker.pid'), 'utf8').trim());
	process.kill(pid, 'SIGSTOP');
	try {
		// A details view asks the frozen daemon: the request hangs.
		await tmux.press('Enter');
		await tmux.waitFor('Container tsd-sig');
		const started = Date.now();
		process.kill(await tsdockPid(tmux), 'SIGTERM');
		await tmux.waitFor(/exit-status=\S+$/m, 10_000);
		const took = Date.now() - started;
		await expectRestored(tmux, 143, 'SIGTERM during a hung request');
		assert.ok(took < 2000, `exited in ${took} ms`);
	} finally {
		process.kill(pid, 'SIGCONT');
	}
});
