// The `c` host/context switcher in a real terminal: two throwaway daemons, one reached by --host, one by a
// Docker context made with the docker CLI; switching reconnects the whole UI live, and a named --host is kept.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {startDaemon, runDocker, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {childEnv, type TmuxSession} from './helpers/tmux.ts';
import {launchTsdock, type ChildHome} from './helpers/tui-suite.ts';

let first: TestDaemon;
let second: TestDaemon;
const cleanups: Array<() => unknown> = [];

before(async () => {
	[first, second] = await Promise.all([startDaemon(), startDaemon()]);
	await Promise.all([buildBase(first), buildBase(second)]);
	await first.docker(['create', '--name', 'tsd-on-first', '--network', 'none', 'tsd-base:1', 'true']);
	await second.docker(['create', '--name', 'tsd-on-second', '--network', 'none', 'tsd-base:1', 'true']);
});

after(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
	await Promise.all([first?.stop(), second?.stop()]);
});

/** tsdock with this HOME, against `host` (or, with null, whatever its settings and contexts say). */
const launch = (home: ChildHome, host: string | null): Promise<TmuxSession> =>
	launchTsdock({home, host, width: 110, height: 28, ready: null, defer: (cleanup) => cleanups.push(cleanup)});

test('c lists contexts and the --host endpoint, and Enter moves the whole UI to another daemon', async () => {
	const home = childEnv();
	cleanups.push(home.cleanup);
	// A context made by the docker CLI itself, in the test HOME.
	await runDocker(
		first.host,
		['context', 'create', 'second-box', '--description', 'the other daemon', '--docker', `host=${second.host}`],
		{env: {HOME: home.dir}},
	);
	const tmux = await launch(home, first.host);
	await tmux.waitFor('tsd-on-first');
	await tmux.press('c');
	const list = await tmux.waitFor('Switch host');
	assert.match(list, /--host/);
	assert.match(list, /second-box/);
	assert.match(list, /the other daemon/);
	assert.match(list, /default/);
	// Select the context and connect.
	for (let i = 0; i < 5 && !/[›>] .*second-box/.test(await tmux.capture()); i++) await tmux.press('Down');
	await tmux.press('Enter');
	const switched = await tmux.waitFor('tsd-on-second', 15_000);
	assert.doesNotMatch(switched, /tsd-on-first/);
	assert.match(switched.split('\n')[0]!, /second-box/, 'the header names the context');
	// Live updates follow the new daemon.
	await second.docker(['create', '--name', 'tsd-made-after-switch', '--network', 'none', 'tsd-base:1', 'true']);
	await tmux.waitFor('tsd-made-after-switch');
	// And back to where we started.
	await tmux.press('c');
	await tmux.waitFor('Switch host');
	await tmux.press('g', 'Enter');
	await tmux.waitFor('tsd-on-first', 15_000);
});

test('n names the --host endpoint and keeps it in the settings; x forgets it', async () => {
	const home = childEnv();
	cleanups.push(home.cleanup);
	const tmux = await launch(home, second.host);
	await tmux.waitFor('tsd-on-second');
	await tmux.press('c');
	await tmux.waitFor('Switch host');
	await tmux.press('n');
	await tmux.waitFor('name for this --host endpoint');
	await tmux.send(['build-box'], {literal: true});
	await tmux.press('Enter');
	await tmux.waitFor('saved as "build-box"');
	const settings = JSON.parse(readFileSync(path.join(home.env.TSDOCK_CONFIG_DIR!, 'config.json'), 'utf8')) as {
		hosts: Array<{name: string; host: string}>;
	};
	assert.deepEqual(settings.hosts, [{name: 'build-box', host: second.host}]);
	await tmux.press('Escape', 'q');

	// Without --host, the saved host is offered and works.
	const again = await launch(home, null);
	await again.waitFor(/Containers|cannot connect|no such socket/);
	await again.press('c');
	const list = await again.waitFor('build-box');
	assert.match(list, /saved/);
	for (let i = 0; i < 5 && !/[›>] .*build-box/.test(await again.capture()); i++) await again.press('Down');
	await again.press('Enter');
	await again.waitFor('tsd-on-second', 15_000);
	await again.press('c');
	await again.waitFor('Switch host');
	for (let i = 0; i < 5 && !/[›>] .*build-box/.test(await again.capture()); i++) await again.press('Down');
	await again.press('x');
	await again.waitFor('forgot "build-box"');
	const after = JSON.parse(readFileSync(path.join(home.env.TSDOCK_CONFIG_DIR!, 'config.json'), 'utf8')) as {
		hosts: unknown[];
	};
	assert.deepEqual(after.hosts, []);
});
