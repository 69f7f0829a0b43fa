// The logs view, the image history view and the exec keys with ink-testing-library: the App with fake
// services (no daemon), so every key goes through the key map and the real handlers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {setTimeout as sleep} from 'node:timers/promises';
import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import type {ContainerSummary, HistoryEntry, ImageSummary, LogLine} from '../source/core/index.ts';
import {RESUME_MARGIN_S, TsdockError} from '../source/core/index.ts';
import {historyRows, layerLines} from '../source/ui/format/history-rows.ts';
import {logWindow, matchSegments, timestampKey} from '../source/ui/format/log-lines.ts';
import {splitColumns} from '../source/ui/format/text.ts';
import {LogSession, type LogRequest, type LogSource} from '../source/ui/logs/log-session.ts';
import type {Store} from '../source/ui/store.ts';
import {makeTheme} from '../source/ui/theme.ts';
import type {ImageInspect} from '../source/core/index.ts';
import {fakePort} from './helpers/fake-port.ts';
import {mountApp, seededStore, until} from './helpers/ui-kit.tsx';

// Styles on (as in a real terminal) so highlights can be seen in the frames.
chalk.level = 1;

const container = (name: string, state: string): ContainerSummary => ({
	Id: name.padEnd(64, '0'),
	Names: [`/${name}`],
	Image: 'img:1',
	ImageID: `sha256:${'a'.repeat(64)}`,
	Command: 'run',
	Created: 1_700_000_000,
	Ports: [],
	Labels: {},
	State: state,
	Status: state === 'running' ? 'Up 1 hour' : 'Exited (3) 1 hour ago',
	Mounts: [],
});
const image: ImageSummary = {
	Id: `sha256:${'b'.repeat(64)}`,
	ParentId: '',
	RepoTags: ['img:1'],
	RepoDigests: null,
	Created: 1_700_000_000,
	Size: 150_000,
	SharedSize: -1,
	Labels: null,
	Containers: -1,
};

function makeStore(): Store {
	return seededStore({
		engine: {name: 'Docker', version: '27.1.0', apiVersion: '1.46'},
		data: {
			errors: {},
			containers: {list: [container('web', 'running'), container('old', 'exited')], all: true},
			images: {list: [image], dangling: false},
		},
	});
}

/** A log source the test drives: push() delivers lines to the open stream; end() ends it. */
class FakeSource implements LogSource {
	requests: LogRequest[] = [];
	private onLines?: (lines: LogLine[]) => void;
	private resolve?: () => void;
	initial: LogLine[] = [];
	ends = false;
	read(request: LogRequest, onLines: (lines: LogLine[]) => void): Promise<void> {
		this.requests.push(request);
		this.onLines = onLines;
		return new Promise((resolve) => {
			this.resolve = resolve;
			request.signal.addEventListener('abort', () => resolve());
			queueMicrotask(() => {
				if (this.initial.length > 0) onLines(this.initial);
				if (this.ends || !request.follow) resolve();
			});
		});
	}
	push(lines: LogLine[]): void {
		this.onLines?.(lines);
	}
	end(): void {
		this.resolve?.();
	}
	async ended(): Promise<string> {
		return 'container exited (exit code 3)';
	}
}

const out = (text: string, timestamp?: string): LogLine => ({stream: 'stdout', text, timestamp});
const err = (text: string, timestamp?: string): LogLine => ({stream: 'stderr', text, timestamp});

type Calls = {started: string[]; shells: string[]};

function mount(
	options: {
		source?: FakeSource;
		capacity?: number;
		readOnly?: boolean;
		history?: () => Promise<{entries: HistoryEntry[]; size?: number}>;
		size?: {width: number; height: number};
	} = {},
) {
	const store = makeStore();
	const source = options.source ?? new FakeSource();
	const calls: Calls = {started: [], shells: []};
	const nameOf = (id: string) =>
		store
			.get()
			.data.containers?.list.find((c) => c.Id === id)
			?.Names[0]?.slice(1) ?? id;
	const {port} = fakePort(
		{
			logSource: () => source,
			imageHistory: async () => (await (options.history ?? (async () => ({entries: []})))()).entries,
			inspectImage: async () => ({Size: (await options.history?.())?.size}) as ImageInspect,
			async pickShell(id) {
				calls.shells.push(nameOf(id));
				return ['sh'];
			},
			async startContainer(id) {
				calls.started.push(id);
			},
		},
		{readOnly: options.readOnly ?? false},
	);
	const size = options.size ?? {width: 100, height: 24};
	const {app} = mountApp({
		store,
		port,
		controllers: {settings: {tail: 200, logBuffer: options.capacity ?? 10_000, flushMs: 10}},
		width: size.width,
		height: size.height,
		theme: makeTheme({ascii: false, color: true}),
	});
	const raw = () => app.lastFrame() ?? '';
	const screen = () => stripVTControlCharacters(raw());
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			app.stdin.write(key);
			await sleep(key === '\u001b' ? 120 : 30);
		}
	};
	const type = async (text: string) => press(...[...text]);
	return {app, store, source, calls, screen, raw, press, type};
}

const keys = {up: '\u001b[A', down: '\u001b[B', pageUp: '\u001b[5~', enter: '\r', esc: '\u001b', backspace: '\u007f'};

test('l opens the logs of the selected container: last lines, live lines, stderr marked; Esc closes and cancels the stream', async () => {
	const {app, screen, raw, press, source} = mount();
	await sleep(30);
	await press('l');
	assert.match(screen(), /Logs web · following/);
	assert.equal(source.requests.length, 1);
	assert.equal(source.requests[0]!.tail, 200, 'the last 200 lines by default');
	assert.equal(source.requests[0]!.since, undefined, 'no hidden time window');
	source.push([out('out 0'), err('err 0')]);
	await until(screen, / {2}out 0/);
	assert.match(screen(), / {2}out 0/);
	assert.match(screen(), / ▌err 0/);
	// eslint-disable-next-line no-control-regex -- the test looks for control characters in what was drawn
	assert.match(raw(), /\u001b\[31m[^\n]*err 0/, 'stderr in red');
	source.push([out('out 1')]);
	await until(screen, /out 1/);
	assert.match(screen(), /out 1/, 'live lines appear');
	assert.match(screen(), /f follow\s+t time\s+w wrap\s+\/ search/);
	await press('?');
	assert.match(screen(), /In the logs view\s+│\n│ {2}↑ k\s+move up/, 'the help starts with the logs keys');
	assert.match(screen(), /f\s+follow the live log on\/off/);
	await press(keys.esc);
	assert.match(screen(), /Logs web/, 'closing the help returns to the logs');
	await press(keys.esc);
	assert.match(screen(), /Containers \(2\)/);
	assert.ok(source.requests[0]!.signal.aborted, 'the follow stream is cancelled when the view closes');
	app.unmount();
});

test('search: / highlights every match; n and N jump between them, wrapping around', async () => {
	const source = new FakeSource();
	const {app, screen, raw, press, type} = mount({source});
	await press('l');
	source.push(
		Array.from({length: 300}, (_, i) =>
			out(i === 20 || i === 150 || i === 290 ? `line ${i} has the Needle` : `line ${i}`),
		),
	);
	await sleep(40);
	await press('/');
	await type('NEEDLE');
	assert.match(screen(), /search: NEEDLE/);
	await press(keys.enter);
	assert.match(screen(), /"NEEDLE": match 3 of 3/);
	assert.match(screen(), /› line 290 has the Needle/, 'the current match is marked');
	// eslint-disable-next-line no-control-regex -- the test looks for control characters in what was drawn
	assert.match(raw(), /\u001b\[7m[^\n]*Needle/, 'matches in reverse video');
	await press('N');
	assert.match(screen(), /match 2 of 3/);
	assert.match(screen(), /› line 150 has the Needle/);
	assert.doesNotMatch(screen(), /line 290/, 'the view moved to the match');
	await press('N');
	assert.match(screen(), /match 1 of 3/);
	assert.match(screen(), /› line 20 has the Needle/);
	await press('N');
	assert.match(screen(), /match 3 of 3/, 'N wraps to the newest');
	await press('n');
	assert.match(screen(), /match 1 of 3/, 'n wraps to the oldest');
	await press('/');
	await type('nothing-like-this');
	await press(keys.enter);
	assert.match(screen(), /"nothing-like-this": no matches/);
	app.unmount();
});

test('w wraps a long line over several rows; off again, it is cut to one row', async () => {
	const source = new FakeSource();
	const {app, screen, press} = mount({source});
	await press('l');
	source.push([out('first'), out(`${'x'.repeat(300)}THE-END`), out('last')]);
	await sleep(40);
	assert.doesNotMatch(screen(), /THE-END/, 'cut to the width');
	for (const line of screen().split('\n')) assert.ok(stringWidth(line) <= 100, line);
	await press('w');
	assert.match(screen(), /wrap/);
	assert.match(screen(), /THE-END/);
	const rows = screen()
		.split('\n')
		.filter((line) => /x{10}|THE-END/.test(line));
	assert.equal(rows.length, 4, '307 characters over 96 columns: 4 rows');
	for (const line of screen().split('\n')) assert.ok(stringWidth(line) <= 100, line);
	await press('w');
	assert.doesNotMatch(screen(), /THE-END/);
	app.unmount();
});

test('a bounded buffer: the title says how many lines were dropped', async () => {
	const source = new FakeSource();
	const {app, screen, press} = mount({source, capacity: 50});
	await press('l');
	source.push(Array.from({length: 120}, (_, i) => out(`line ${i}`)));
	await until(screen, /50 lines/);
	assert.match(screen(), /50 lines/);
	assert.match(screen(), /70 older lines dropped \(buffer 50\)/);
	await press('g');
	assert.match(screen(), /line 70\b/, 'the oldest line held');
	app.unmount();
});

test('whatever a container prints is neutralised: no escape sequence reaches the terminal', async () => {
	const source = new FakeSource();
	const {app, raw, screen, press} = mount({source});
	await press('l');
	source.push([
		out(
			'\u001b[2J\u001b[Hclear\u001b]0;pwned\u0007title\u001b]8;;http://x\u0007link\u001b]8;;\u0007 bell\u0007 nul\u0000 bad\ufffd',
		),
	]);
	await until(screen, /cleartitlelink bell\^G nul\^@ bad\ufffd/);
	assert.match(screen(), /cleartitlelink bell\^G nul\^@ bad\ufffd/);
	const frame = raw();
	// eslint-disable-next-line no-control-regex -- the test looks for control characters in what was drawn
	assert.doesNotMatch(frame, /\u001b\]/, 'no OSC');
	// eslint-disable-next-line no-control-regex -- the test looks for control characters in what was drawn
	assert.doesNotMatch(frame, /\u001b\[2J|\u001b\[H/, 'no clear screen, no cursor move');
	// eslint-disable-next-line no-control-regex -- the test looks for control characters in what was drawn
	assert.doesNotMatch(frame, /\u0007|\u0000/);
	app.unmount();
});

test('f pauses the stream; f again resumes after the last line held, without repeating lines', async () => {
	const source = new FakeSource();
	const {app, screen, press} = mount({source});
	await press('l');
	source.push([out('a', '2024-05-01T10:00:00.1Z'), out('b', '2024-05-01T10:00:00.25Z')]);
	await sleep(40);
	await press('f');
	assert.match(screen(), /paused/);
	assert.ok(source.requests[0]!.signal.aborted);
	await press('f');
	assert.match(screen(), /following/);
	const resume = source.requests[1]!;
	assert.equal(
		resume.since,
		Math.floor(Date.parse('2024-05-01T10:00:00Z') / 1000) - RESUME_MARGIN_S,
		'since a margin before the newest line held (whole seconds)',
	);
	assert.equal(resume.tail, 'all');
	// The Engine sends the same second again: only newer lines are kept.
	source.push([
		out('a', '2024-05-01T10:00:00.1Z'),
		out('b', '2024-05-01T10:00:00.25Z'),
		out('c', '2024-05-01T10:00:00.3Z'),
	]);
	await sleep(40);
	const lines = screen()
		.split('\n')
		.filter((line) => /^. {2}[abc] *.$/.test(line));
	assert.deepEqual(
		lines.map((line) => line.trim().replace(/[│|]/g, '').trim()),
		['a', 'b', 'c'],
	);
	app.unmount();
});

test('t shows timestamps; s sets since (bad input: a message) and reopens the stream', async () => {
	const source = new FakeSource();
	const {app, screen, press, type, store} = mount({source});
	await press('l');
	source.push([out('hello', '2024-05-01T10:00:00.123456789Z')]);
	await sleep(40);
	await press('t');
	assert.match(screen(), /2024-05-01T10:00:00\.123Z hello/);
	await press('s');
	await type('soon');
	await press(keys.enter);
	assert.match(store.get().status?.text ?? '', /"soon" is not a duration/);
	assert.match(screen(), /is not a duration/);
	assert.equal(source.requests.length, 1, 'nothing reopened');
	await press('s');
	await type('10m');
	await press(keys.enter);
	assert.equal(source.requests.length, 2);
	const since = source.requests[1]!.since!;
	assert.ok(Math.abs(since - (Date.now() / 1000 - 600)) < 5, `since ${since}`);
	assert.equal(source.requests[1]!.tail, 'all');
	assert.match(screen(), /since 10m/);
	await press('s');
	await press(keys.backspace, keys.backspace, keys.backspace, keys.enter);
	assert.equal(source.requests[2]!.since, undefined, 'empty: back to the last lines');
	assert.match(screen(), /last 200/);
	app.unmount();
});

test('a stopped container: its logs show and the view says the log ended', async () => {
	const source = new FakeSource();
	source.initial = [out('bye')];
	source.ends = true;
	const {app, screen, press} = mount({source});
	await press(keys.down, 'l');
	await until(screen, /Logs old · ended: container exited \(exit code 3\)/);
	assert.match(screen(), /Logs old · ended: container exited \(exit code 3\)/);
	assert.match(screen(), /bye/);
	app.unmount();
});

test('under a flood the buffer stays bounded and the view redraws at most every flush', async () => {
	const source = new FakeSource();
	const session = new LogSession(source, {capacity: 10_000, flushMs: 80});
	let renders = 0;
	session.subscribe(() => renders++);
	session.open();
	await sleep(5);
	const start = Date.now();
	for (let batch = 0; batch < 50; batch++) {
		source.push(Array.from({length: 1000}, (_, i) => out(`flood ${batch * 1000 + i}`)));
		await sleep(10);
	}
	await sleep(100);
	const seconds = (Date.now() - start) / 1000;
	assert.equal(session.ring.size, 10_000);
	assert.equal(session.dropped, 40_000);
	assert.ok(renders <= Math.ceil((seconds * 1000) / 80) + 2, `${renders} redraws in ${seconds}s`);
	assert.equal(session.window().rows.at(-1)?.text, 'flood 49999');
	session.close();
});

test('log layout: wide characters never straddle a cut; windows from the end; match segments', () => {
	assert.deepEqual(splitColumns('ab漢字cd', 3), ['ab', '漢', '字c', 'd']);
	assert.deepEqual(
		matchSegments('a Needle and needle', 'NEEDLE')
			.filter((s) => s.match)
			.map((s) => s.text),
		['Needle', 'needle'],
	);
	assert.ok(timestampKey('2024-05-01T10:00:00.1Z') < timestampKey('2024-05-01T10:00:00.12Z'), '.1 s is before .12 s');
	const lines = Array.from({length: 10}, (_, i) => out(`l${i}`));
	const view = logWindow({
		get: (seq) => lines[seq],
		firstSeq: 0,
		endSeq: 10,
		width: 10,
		height: 3,
		wrap: false,
		timestamps: false,
	});
	assert.deepEqual(
		view.rows.map((r) => r.text),
		['l7', 'l8', 'l9'],
	);
	const held = logWindow({
		get: (seq) => lines[seq],
		firstSeq: 0,
		endSeq: 10,
		top: 2,
		width: 10,
		height: 3,
		wrap: false,
		timestamps: false,
	});
	assert.deepEqual(
		held.rows.map((r) => r.text),
		['l2', 'l3', 'l4'],
	);
});

const history: HistoryEntry[] = [
	{
		Id: `sha256:${'c'.repeat(64)}`,
		Created: 1_700_000_000,
		CreatedBy: '/bin/sh -c #(nop)  LABEL gen=2',
		Tags: ['img:1'],
		Size: 0,
		Comment: '',
	},
	{
		Id: '<missing>',
		Created: 1_699_990_000,
		CreatedBy: `/bin/sh -c head -c 50000 /dev/urandom > /blob && echo ${'long '.repeat(40)}done`,
		Tags: null,
		Size: 50_000,
		Comment: 'made by hand',
	},
	{
		Id: '<missing>',
		Created: 1_699_900_000,
		CreatedBy: '/bin/sh -c #(nop) COPY file:abc in /bin/busybox \u001b]0;pwned\u0007',
		Tags: null,
		Size: 1_234_567,
		Comment: '',
	},
];

test('history rows: short IDs or <missing>, relative times, CREATED BY on one safe line, docker sizes', () => {
	const rows = historyRows(history, 1_700_003_600);
	assert.deepEqual(
		rows.map((row) => row.cells[0]),
		['cccccccccccc', '<missing>', '<missing>'],
	);
	assert.deepEqual(
		rows.map((row) => row.cells[1]),
		['About an hour ago', '4 hours ago', '29 hours ago'],
	);
	assert.deepEqual(
		rows.map((row) => row.cells[3]),
		['0B', '50kB', '1.235MB'],
	);
	assert.equal(rows[1]!.cells[4], 'made by hand');
	assert.ok(!rows[2]!.cells[2]!.includes('\u001b'), 'escape sequences dropped');
	const whole = layerLines(history[1]!, 1_700_003_600).map((line) => line.text);
	assert.ok(
		whole.some((line) => line.endsWith('done')),
		'the whole command',
	);
});

test('h on an image: its layers newest first with the total; Enter shows CREATED BY whole; Esc goes back; removal is reported', async () => {
	let fail = false;
	const {app, screen, press, store} = mount({
		history: async () => {
			if (fail) throw new TsdockError('not-found', 'No such image');
			return {entries: history, size: 1_284_567};
		},
	});
	await press('2', 'h');
	await until(screen, /History of img:1 · 3 layers · total 1\.285MB/);
	assert.match(screen(), /History of img:1 · 3 layers · total 1\.285MB/);
	assert.match(screen(), /IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT/);
	assert.match(screen(), /cccccccccccc\s+\S.*ago\s+\/bin\/sh -c #\(nop\)\s+LABEL gen=2\s+0B/);
	assert.match(screen(), /<missing>.*\/bin\/sh -c head -c 50000.*…\s+50kB\s+made by/);
	await press(keys.down, keys.enter);
	assert.match(screen(), /CREATED BY/);
	assert.match(screen(), /long done/);
	assert.match(screen(), /Comment\s+made by hand/);
	await press(keys.esc);
	assert.match(screen(), /row 2/);
	// The image goes away while the view is open.
	fail = true;
	store.dispatch({type: 'listed-images', list: [], dangling: false});
	await until(screen, /the image was removed/);
	assert.match(screen(), /the image was removed/);
	assert.match(screen(), /cccccccccccc/, 'what it showed stays');
	await press(keys.esc);
	assert.match(screen(), /Images \(0\)/);
	app.unmount();
});

test('e: refused in read-only mode; a stopped container is offered a start (n keeps it, y starts it and opens the shell)', async () => {
	const readOnly = mount({readOnly: true});
	await readOnly.press('e');
	assert.match(readOnly.screen(), /read-only mode: e .* refused/);
	assert.deepEqual(readOnly.calls.shells, []);
	readOnly.app.unmount();

	const {app, screen, press, calls} = mount();
	await press('e');
	await sleep(20);
	assert.deepEqual(calls.shells, ['web'], 'running: straight to the shell');
	app.unmount();

	const second = mount();
	await second.press(keys.down, 'e');
	assert.match(second.screen(), /old is not running \(exited\): start it and open a shell\? y yes, n no/);
	assert.match(second.screen(), /y start it\s+n no/);
	await second.press('n');
	assert.match(second.screen(), /old left as it was/);
	assert.deepEqual(second.calls.started, []);
	await second.press('e', 'y');
	await sleep(20);
	assert.deepEqual(second.calls.started, ['old'.padEnd(64, '0')]);
	assert.deepEqual(second.calls.shells, ['old']);
	second.app.unmount();
	void screen;
});
