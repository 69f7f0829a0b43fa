// The logs view of the built TUI in a real terminal (tmux) against a throwaway daemon: recent lines and live
// ones, stdout/stderr told apart, f, /, n, t; hostile output (clear screen, OSC title, a 1 MB line) neutralised;
// a stopped container's log and its end; a flood keeps memory flat and keys answering.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import stringWidth from 'string-width';
import {createFixtures} from './helpers/fixtures.ts';
import {selectByFilter, tuiSuite} from './helpers/tui-suite.ts';

const suite = tuiSuite(async (daemon) => {
	await createFixtures(daemon);
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-hostile',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		"printf '\\033[2J\\033[Hhostile-start\\033]0;pwned\\007 \\033]8;;http://evil.example\\007link\\033]8;;\\007\\n'; yes x | head -c 2000000 | tr -d '\\n'; echo; echo hostile-end; sleep 1000",
	]);
});

const numbers = (screen: string, stream: 'out' | 'err') =>
	[...screen.matchAll(new RegExp(`\\b${stream} (\\d+)\\b`, 'g'))].map((m) => Number(m[1]));

test('l shows the recent lines, then live ones; stdout and stderr told apart; f pauses; / and n search; t timestamps', async () => {
	const tmux = await suite.launch();
	await selectByFilter(tmux, 'tsd-logger');
	await tmux.press('l');
	const first = await tmux.waitFor(
		(screen) =>
			/Logs tsd-logger · following/.test(screen) &&
			numbers(screen, 'out').length > 3 &&
			numbers(screen, 'err').length > 3,
	);
	assert.match(first, /^│ {2}out \d+ +│$/m, 'stdout lines');
	assert.match(first, /^│ ▌err \d+ +│$/m, 'stderr lines carry a marker (and are red)');
	const newest = Math.max(...numbers(first, 'out'));
	await tmux.waitFor((screen) => Math.max(...numbers(screen, 'out')) >= newest + 3, 5000);

	// f: paused, nothing moves; f again: live again.
	await tmux.press('f');
	const paused = await tmux.waitFor('paused');
	await sleep(1200);
	assert.deepEqual(numbers(await tmux.capture(), 'out'), numbers(paused, 'out'), 'paused: the view holds');
	await tmux.press('f');
	await tmux.waitFor(
		(screen) =>
			screen.includes('following') && Math.max(...numbers(screen, 'out')) > Math.max(...numbers(paused, 'out')),
		5000,
	);
	const resumed = numbers(await tmux.capture(), 'out');
	assert.equal(new Set(resumed).size, resumed.length, 'no line twice after resuming');

	// Search: every match highlighted, n jumps.
	await tmux.press('/');
	await tmux.send(['ERR 1'], {literal: true});
	await tmux.waitFor('search: ERR 1');
	await tmux.press('Enter');
	const found = await tmux.waitFor(/"ERR 1": match (\d+) of (\d+)/);
	const [, at, of] = /"ERR 1": match (\d+) of (\d+)/.exec(found)!;
	assert.ok(Number(of) >= 2, found);
	assert.match(found, /^│›▌err 1\d* +│$/m, 'the current match is marked');
	await tmux.press('n');
	await tmux.waitFor((screen) => {
		const match = /"ERR 1": match (\d+) of/.exec(screen);
		return match !== null && match[1] !== at;
	});
	// t: timestamps as the Engine records them.
	await tmux.press('t');
	await tmux.waitFor(/^│ [ ›]?▌?\s*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (out|err) \d+/m);
	await tmux.press('Escape');
	await tmux.waitFor('filter: tsd-logger');
});

test('hostile output: no clear screen, no title change, a 1 MB line cut with the marker, the layout holds', async () => {
	const tmux = await suite.launch();
	const titleBefore = await tmux.display('#{pane_title}');
	await selectByFilter(tmux, 'tsd-hostile');
	await tmux.press('l');
	const screen = await tmux.waitFor('hostile-end');
	assert.match(screen, /hostile-start link/, 'escape sequences dropped, text kept');
	const lines = screen.split('\n');
	assert.match(lines[0]!, /^tsdock · /, 'the header is still there');
	assert.match(screen, /f follow\s+t time\s+w wrap/, 'the footer is still there');
	for (const line of lines) assert.ok(stringWidth(line) <= 100, `line fits: ${line.slice(0, 120)}`);
	assert.equal(lines.filter((line) => line.startsWith('│')).length, 30 - 6, 'the box keeps its height');
	const title = await tmux.display('#{pane_title}');
	assert.notEqual(title, 'pwned');
	assert.equal(title, titleBefore);
	// Wrapped, the long line's end shows the cut marker (16,384 characters kept).
	await tmux.press('w');
	const wrapped = await tmux.waitFor(/\[line cut: [\d,]+\+ chars\]/);
	assert.match(wrapped, /x{50}/);
	for (const line of wrapped.split('\n'))
		assert.ok(stringWidth(line) <= 100, `wrapped line fits: ${line.slice(0, 120)}`);
	assert.equal(await tmux.display('#{pane_title}'), titleBefore);
	await tmux.press('Escape');
	await tmux.waitFor('filter: tsd-hostile');
});

test('a stopped container: its logs show, the view says it ended', async () => {
	const tmux = await suite.launch();
	await selectByFilter(tmux, 'tsd-stopped');
	await tmux.press('l');
	const screen = await tmux.waitFor('ended: container exited (exit code 3)');
	assert.match(screen, /^│ {2}bye +│$/m);
	// Old logs are not hidden by a time window: since 2h shows them, since 1s does not.
	await tmux.press('s');
	await tmux.send(['bogus'], {literal: true});
	await tmux.waitFor('bogus▏');
	await tmux.press('Enter');
	await tmux.waitFor('"bogus" is not a duration');
	await tmux.press('s');
	await tmux.send(['2h'], {literal: true});
	await tmux.waitFor('2h▏');
	await tmux.press('Enter');
	await tmux.waitFor((text) => text.includes('since 2h') && /^│ {2}bye +│$/m.test(text));
});

function rssKb(pid: number): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

function childPid(shellPid: string): Promise<number> {
	return new Promise((resolve, reject) =>
		execFile('pgrep', ['-P', shellPid, '-f', 'node'], (error, stdout) =>
			error ? reject(error) : resolve(Number(stdout.trim().split('\n')[0])),
		),
	);
}

test('a flood of ~50,000 lines/s: memory stays flat, keys answer at once, the view says lines were dropped', async () => {
	await suite.daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-flood',
		'--network',
		'none',
		'--log-opt',
		'max-size=20m',
		'--log-opt',
		'max-file=2',
		'tsd-base:1',
		'sh',
		'-c',
		'while :; do seq 1 5000; usleep 100000; done',
	]);
	suite.defer(() => suite.daemon.docker(['rm', '-f', 'tsd-flood'], {allowFail: true}));
	// Under a small heap (64 MB old space, 4 MB semi-spaces): were the buffer not bounded, the process would run
	// out of heap and die here, or its RSS would climb. (With Node's default limits V8 grows its heap lazily to
	// ~300 MB RSS under this flood before it levels off: garbage, not live data.)
	const tmux = await suite.launch({env: {NODE_OPTIONS: '--max-old-space-size=64 --max-semi-space-size=4'}});
	const pid = await childPid(await tmux.display('#{pane_pid}'));
	await selectByFilter(tmux, 'tsd-flood');
	await tmux.press('l');
	await tmux.waitFor(/older lines dropped \(buffer 10,000\)/, 15_000);
	// Memory: sampled for a while; once the heap has grown to its working size it stays there.
	const samples: number[] = [];
	const sample = async (seconds: number) => {
		for (let i = 0; i < seconds; i++) {
			samples.push(rssKb(pid));
			await sleep(1000);
		}
	};
	await sample(12);
	const times: number[] = [];
	for (const key of ['t', 't', 'w', 'w', 'g', 'G']) {
		const before = await tmux.capture();
		const start = Date.now();
		await tmux.send([key]);
		const expect = key === 't' ? /timestamps/ : key === 'w' ? / · wrap/ : undefined;
		await tmux.waitFor((screen) => (expect ? expect.test(screen) !== expect.test(before) : screen !== before), 3000);
		times.push(Date.now() - start);
	}
	await sample(12);
	console.log(`flood: RSS samples (kB) ${samples.join(' ')}; key answers ${times.join(', ')} ms`);
	assert.ok(Math.max(...times) < 1000, `keys answered in ${times.join(', ')} ms`);
	const firstHalf = Math.max(...samples.slice(0, 12));
	const secondHalf = Math.max(...samples.slice(12));
	assert.ok(secondHalf - firstHalf < 20_000, `RSS keeps growing: ${samples.join(' ')}`);
	assert.ok(secondHalf < 250_000, `RSS ${secondHalf} kB`);
	assert.match(await tmux.capture(), /Logs tsd-flood · following · 10,000 lines/, 'still alive and following');
	await tmux.press('Escape');
	await tmux.waitFor('filter: tsd-flood');
});
