// Container keys in a real terminal (tmux) against a throwaway daemon: Space marks + s stops both, r and p, K asks
// and kills, d removes with or without the anonymous volumes, a system prune from the Disk pane. Checked with docker.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {buildBase} from './helpers/fixtures.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

const suite = tuiSuite((daemon) => buildBase(daemon));

async function launch(): Promise<TmuxSession> {
	const tmux = await suite.launch({width: 120, height: 40});
	await tmux.waitFor(/Containers \(\d+\)/);
	return tmux;
}

const lines = async (args: string[]) =>
	(await suite.daemon.docker(args)).stdout
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
const state = async (name: string) =>
	(await lines(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', name]))[0];
const run = (name: string, extra: string[] = []) =>
	suite.daemon.docker([
		'run',
		'-d',
		'--name',
		name,
		'--network',
		'none',
		'--stop-timeout',
		'1',
		...extra,
		'tsd-base:1',
		'sleep',
		'3600',
	]);

async function typeText(tmux: TmuxSession, text: string) {
	await tmux.send([text], {literal: true});
	await sleep(200);
}

async function filter(tmux: TmuxSession, text: string, expect: string | RegExp) {
	await tmux.press('/');
	await typeText(tmux, text);
	await tmux.press('Enter');
	await tmux.waitFor(expect);
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		if (await check()) return;
		await sleep(100);
	}
	assert.fail(`timed out waiting for ${what}`);
}

test('Space marks two containers (mark column, count); s stops both; the marks clear', async () => {
	await Promise.all([run('tsd-m1'), run('tsd-m2'), run('tsd-other')]);
	const tmux = await launch();
	await filter(tmux, 'tsd-m', 'Containers (2 of 3)');
	await tmux.press('Space', 'j', 'Space');
	const marked = await tmux.waitFor('2 marked');
	assert.equal(marked.split('\n').filter((line) => /^│.✓tsd-m[12]/.test(line)).length, 2, 'a mark on each row');
	await tmux.press('s');
	await tmux.waitFor(/stopped tsd-m\d, tsd-m\d/, 30_000);
	assert.match((await state('tsd-m1'))!, /^exited/);
	assert.match((await state('tsd-m2'))!, /^exited/);
	assert.match((await state('tsd-other'))!, /^running/, 'only the marked ones');
	const after = await tmux.waitFor(/exited[\s\S]*exited/);
	assert.doesNotMatch(after, /marked|✓/);
	// s again on the selected (now stopped) one starts it. Started together, the two stand in the Engine's
	// order (newest first), so which one is on the second row is read from the screen.
	const selected = /[›>]\s*(tsd-m\d)/.exec(after)![1]!;
	await tmux.press('s');
	await tmux.waitFor(`started ${selected}`);
	await until(async () => /^running/.test((await state(selected))!), `${selected} running`);
	await tmux.kill();
});

test('p pauses and unpauses, r restarts; K asks first, any other key cancels, y kills', async () => {
	await run('tsd-k');
	const tmux = await launch();
	await filter(tmux, 'tsd-k', /Containers \(1( of \d+)?\)/);
	await tmux.press('p');
	await tmux.waitFor(/tsd-k\s+tsd-base:1\s+paused[\s\S]*paused tsd-k/);
	assert.match((await state('tsd-k'))!, /^paused/);
	await tmux.press('p');
	await tmux.waitFor(/tsd-k\s+tsd-base:1\s+running[\s\S]*unpaused tsd-k/);
	assert.match((await state('tsd-k'))!, /^running/);
	const startedBefore = (await lines(['inspect', '-f', '{{.State.StartedAt}}', 'tsd-k']))[0];
	await tmux.press('r');
	await tmux.waitFor('restarted tsd-k', 30_000);
	await tmux.waitFor(/tsd-k\s+tsd-base:1\s+running/);
	assert.notEqual((await lines(['inspect', '-f', '{{.State.StartedAt}}', 'tsd-k']))[0], startedBefore);
	await tmux.press('K');
	await tmux.waitFor(
		/Kill container tsd-k[\s\S]*tsd-k\s+running\s+kill \(SIGKILL\)[\s\S]*y kill\s+any other key cancels/,
	);
	await tmux.press('x');
	await tmux.waitFor('cancelled: nothing was changed');
	assert.match((await state('tsd-k'))!, /^running/);
	await tmux.press('K');
	await tmux.waitFor('Kill container tsd-k');
	await tmux.press('y');
	await tmux.waitFor('killed tsd-k');
	assert.equal(await state('tsd-k'), 'exited 137');
	await tmux.kill();
});

test('d on containers: v removes the anonymous volumes too; without v they stay; named volumes always stay', async () => {
	await suite.daemon.docker(['volume', 'create', 'tsd-named']);
	await suite.daemon.docker([
		'create',
		'--name',
		'tsd-rm1',
		'-v',
		'/anon',
		'-v',
		'tsd-named:/named',
		'tsd-base:1',
		'true',
	]);
	await suite.daemon.docker(['create', '--name', 'tsd-rm2', '-v', '/anon', 'tsd-base:1', 'true']);
	const anon = async (name: string) =>
		(
			await lines(['inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/anon"}}{{.Name}}{{end}}{{end}}', name])
		)[0]!;
	const [anon1, anon2] = [await anon('tsd-rm1'), await anon('tsd-rm2')];
	const tmux = await launch();
	await filter(tmux, 'tsd-rm1', /Containers \(1( of \d+)?\)/);
	await tmux.press('d');
	await tmux.waitFor(/Remove container tsd-rm1[\s\S]*\[ \] also remove their anonymous volumes \(v\)/);
	await tmux.press('v');
	await tmux.waitFor('[x] also remove their anonymous volumes');
	await tmux.press('y');
	await tmux.waitFor('removed tsd-rm1, with their anonymous volumes');
	let volumes = await lines(['volume', 'ls', '-q']);
	assert.ok(!volumes.includes(anon1), 'its anonymous volume went with it');
	assert.ok(volumes.includes('tsd-named'), 'the named volume stays');
	await tmux.press('Escape');
	await filter(tmux, 'tsd-rm2', /Containers \(1( of \d+)?\)/);
	await tmux.press('d');
	await tmux.waitFor('Remove container tsd-rm2');
	await tmux.press('y');
	await tmux.waitFor(/removed tsd-rm2$/m);
	volumes = await lines(['volume', 'ls', '-q']);
	assert.ok(volumes.includes(anon2), 'without v the anonymous volume stays');
	assert.deepEqual(await lines(['ps', '-a', '-q', '-f', 'name=tsd-rm']), []);
	await tmux.kill();
});

test('Disk P: the system prune preview lists the stopped containers; v adds volumes; y removes what it showed', async () => {
	await suite.daemon.docker(['create', '--name', 'tsd-gone', 'tsd-base:1', 'true']);
	const tmux = await launch();
	await tmux.press('4');
	await tmux.waitFor(/Build Cache/);
	await tmux.press('P');
	const preview = await tmux.waitFor(/System prune \(docker system prune\)[\s\S]*Will reclaim/);
	const stopped = await lines([
		'ps',
		'-a',
		'-q',
		'-f',
		'status=exited',
		'-f',
		'status=created',
		'--format',
		'{{.Names}}',
	]);
	assert.match(preview, new RegExp(`Stopped containers: ${stopped.length}`));
	for (const name of stopped) assert.match(preview, new RegExp(`│ {2}${name}\\s`), name);
	assert.match(preview, /Volumes: not included \(v: include unused volumes\)/);
	await tmux.press('v');
	await tmux.waitFor(/System prune \(docker system prune --volumes\)[\s\S]*Volumes: unused ones/);
	await tmux.press('v');
	await tmux.waitFor(/System prune \(docker system prune\)[\s\S]*Volumes: not included/);
	const volumesBefore = await lines(['volume', 'ls', '-q']);
	await tmux.press('y');
	await tmux.waitFor(new RegExp(`system prune: removed ${stopped.length} containers?`), 30_000);
	assert.deepEqual(await lines(['ps', '-a', '-q', '-f', 'status=exited', '-f', 'status=created']), []);
	assert.deepEqual(await lines(['volume', 'ls', '-q']), volumesBefore, 'volumes were not included');
	assert.ok((await lines(['ps', '-q'])).length > 0, 'running containers stay');
	await tmux.kill();
});
