import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Duplex} from 'node:stream';
import {cliSet, cliState, jsonLines, lines, sorted, waitFor} from './helpers/compare.ts';
import {
	LogDecoder,
	MAX_LINE_CHARS,
	TsdockError,
	containerChanges,
	containerStats,
	containerTop,
	createExec,
	followLogs,
	inspectContainer,
	inspectExec,
	isTerminalSafe,
	killContainer,
	listContainers,
	MIN_API_VERSION,
	createClient,
	memoryUsed,
	openLogs,
	pauseContainer,
	readLogs,
	removeContainer,
	resizeExec,
	restartContainer,
	runExec,
	sanitizeLine,
	startContainer,
	startExec,
	stopContainer,
	unpauseContainer,
	type LogLine,
} from '../source/core/index.ts';
import {client, daemon, fixtures, setUpFixtureDaemon} from './helpers/fixture-daemon.ts';

setUpFixtureDaemon(async () => {
	await Promise.all([
		// Interleaved stdout/stderr, then exit: a fixed log to compare with `docker logs`.
		run('tsd-talk', 'i=1; while [ $i -le 50 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done'),
		// Stable processes for top and stats.
		run('tsd-top', 'sleep 100001 & exec sleep 100000', ['-d']),
		// Filesystem changes for diff.
		run('tsd-diff', 'echo x > /added; rm /bin/ls; mkdir /newdir; echo y > /newdir/f; echo z >> /bin/busybox.note'),
	]);
});

const run = (name: string, script: string, extra: string[] = []) =>
	daemon.docker(['run', '--name', name, '--network', 'none', ...extra, 'tsd-base:1', 'sh', '-c', script], {
		allowFail: true,
	});

const byName = async (name: string) => {
	const found = (await listContainers(client, {all: true})).find((container) => container.Names.includes(`/${name}`));
	assert.ok(found, `container ${name}`);
	return found;
};

/** "Up 3 seconds (Paused)" → "Up (Paused)", "Exited (3) 2 minutes ago" → "Exited (3)": the part that does not tick. */
const statusPrefix = (status: string) => {
	const head = status.split(/ (?:\d+|About|Less)\b/)[0]!;
	return status.endsWith('(Paused)') ? `${head} (Paused)` : head;
};

async function rejection(promise: Promise<unknown>): Promise<TsdockError> {
	const error = await promise.then(
		() => assert.fail('expected the Engine to refuse'),
		(error: unknown) => error,
	);
	assert.ok(error instanceof TsdockError, String(error));
	return error;
}

const split = (logLines: LogLine[]) => ({
	stdout: logLines.filter((line) => line.stream === 'stdout').map((line) => line.text),
	stderr: logLines.filter((line) => line.stream === 'stderr').map((line) => line.text),
});

const cliLogs = async (args: string[]) => {
	const result = await daemon.docker(['logs', ...args]);
	return {stdout: lines(result.stdout), stderr: lines(result.stderr)};
};

test('listContainers equals `docker ps -a --no-trunc` (IDs, names, state, status, image, command)', async () => {
	type Row = {ID: string; Names: string; State: string; Status: string; Image: string; Command: string; Mounts: string};
	const cli = jsonLines<Row>((await daemon.docker(['ps', '-a', '--no-trunc', '--format', '{{json .}}'])).stdout);
	const ours = await listContainers(client, {all: true});
	assert.deepEqual(sorted(ours.map((container) => container.Id)), sorted(cli.map((row) => row.ID)));
	for (const row of cli) {
		const container = ours.find((candidate) => candidate.Id === row.ID)!;
		assert.equal(container.Names.map((name) => name.replace(/^\//, '')).join(','), row.Names);
		assert.equal(container.State, row.State, `state of ${row.Names}`);
		assert.equal(statusPrefix(container.Status), statusPrefix(row.Status), `status of ${row.Names}`);
		assert.equal(container.Image, row.Image, `image of ${row.Names}`);
		assert.equal(JSON.stringify(container.Command), row.Command, `command of ${row.Names}`);
		const volumes = (container.Mounts ?? []).filter((mount) => mount.Type === 'volume').map((mount) => mount.Name);
		assert.equal(volumes.join(','), row.Mounts);
	}
	// The fixture's states, to be sure the comparison covered them.
	const states = Object.fromEntries(cli.map((row) => [row.Names, row.State]));
	assert.equal(states[fixtures.loggerName], 'running');
	assert.equal(states[fixtures.stoppedName], 'exited');
	assert.equal(states[fixtures.holderName], 'created');
	assert.equal(statusPrefix((await byName(fixtures.stoppedName)).Status), 'Exited (3)');
	assert.equal(
		(await byName(fixtures.holderName)).Image,
		fixtures.usedOldId,
		'a container whose tag moved shows the image ID',
	);
	// Filters go to the Engine as the CLI sends them.
	for (const filter of [
		'status=exited',
		'status=running',
		'name=tsd-log',
		`ancestor=${fixtures.usedOldId}`,
		'volume=tsd-vol-used',
	]) {
		const expected = await cliSet(daemon, ['ps', '-a', '-q', '--no-trunc', '-f', filter]);
		const [key, value] = [filter.slice(0, filter.indexOf('=')), filter.slice(filter.indexOf('=') + 1)];
		const got = await listContainers(client, {all: true, filters: {[key]: [value]}});
		assert.deepEqual(new Set(got.map((container) => container.Id)), expected, filter);
		assert.ok(expected.size > 0, `${filter} matches something`);
	}
});

test('inspectContainer agrees with `docker inspect`', async () => {
	for (const name of [fixtures.loggerName, fixtures.stoppedName, fixtures.holderName]) {
		const [cli] = JSON.parse((await daemon.docker(['inspect', name])).stdout) as Array<{
			Id: string;
			State: unknown;
			Config: {Cmd: unknown};
			Mounts: unknown;
		}>;
		const ours = await inspectContainer(client, name);
		assert.equal(ours.Id, cli!.Id);
		assert.equal(ours.Name, `/${name}`);
		assert.deepEqual(ours.State, cli!.State);
		assert.deepEqual(ours.Config.Cmd, cli!.Config.Cmd);
		assert.equal(ours.Config.Tty, false);
		assert.deepEqual(ours.Mounts, cli!.Mounts);
	}
	assert.equal((await inspectContainer(client, fixtures.stoppedName)).State.ExitCode, 3);
	const missing = await rejection(inspectContainer(client, 'tsd-no-such'));
	assert.equal(missing.kind, 'not-found');
	assert.match(missing.message, /tsd-no-such/);
});

test('stop, start, restart, pause, unpause, kill, remove: each lands in the state docker inspect reports', async () => {
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-act',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'trap "exit 0" TERM; while true; do sleep 0.1; done',
	]);
	const state = () => cliState(daemon, 'tsd-act');
	const startedAt = async () =>
		(await daemon.docker(['inspect', '-f', '{{.State.StartedAt}}', 'tsd-act'])).stdout.trim();
	assert.equal(await state(), 'running');

	await stopContainer(client, 'tsd-act', 10);
	assert.equal(await state(), 'exited');
	assert.equal(
		(await daemon.docker(['inspect', '-f', '{{.State.ExitCode}}', 'tsd-act'])).stdout.trim(),
		'0',
		'stopped by SIGTERM, which it traps',
	);

	await startContainer(client, 'tsd-act');
	assert.equal(await state(), 'running');
	await startContainer(client, 'tsd-act'); // Already running: the Engine answers 304, not an error.
	const firstStart = await startedAt();

	await restartContainer(client, 'tsd-act', 10);
	assert.equal(await state(), 'running');
	assert.notEqual(await startedAt(), firstStart, 'restarted');

	await pauseContainer(client, 'tsd-act');
	assert.equal(await state(), 'paused');
	assert.equal(statusPrefix((await byName('tsd-act')).Status), 'Up (Paused)');
	await unpauseContainer(client, 'tsd-act');
	assert.equal(await state(), 'running');

	await killContainer(client, 'tsd-act');
	assert.equal(await state(), 'exited');
	assert.equal(
		(await daemon.docker(['inspect', '-f', '{{.State.ExitCode}}', 'tsd-act'])).stdout.trim(),
		'137',
		'SIGKILL',
	);

	// The Engine's refusals keep its words and map to kinds.
	const notRunning = await rejection(pauseContainer(client, 'tsd-act'));
	assert.equal(notRunning.kind, 'conflict');
	const cliPause = await daemon.docker(['pause', 'tsd-act'], {allowFail: true});
	assert.equal(cliPause.stderr.trim(), `Error response from daemon: ${notRunning.message}`);
	const running = await rejection(removeContainer(client, fixtures.loggerName));
	assert.equal(running.kind, 'conflict');
	assert.match(running.message, /cannot remove a running container/);
	assert.equal(await cliState(daemon, fixtures.loggerName), 'running');

	await removeContainer(client, 'tsd-act');
	assert.ok(!(await cliSet(daemon, ['ps', '-a', '--format', '{{.Names}}'])).has('tsd-act'));
	assert.equal((await rejection(stopContainer(client, 'tsd-act'))).kind, 'not-found');
});

test('removeContainer with volumes removes its anonymous volumes (not named ones); without, they stay', async () => {
	await daemon.docker(['volume', 'create', 'tsd-vol-named']);
	for (const name of ['tsd-anon-v', 'tsd-anon-keep']) {
		await daemon.docker(['create', '--name', name, '-v', '/anon', '-v', 'tsd-vol-named:/named', 'tsd-base:1', 'true']);
	}
	const anonymousOf = async (name: string) => {
		const mounts = (await inspectContainer(client, name)).Mounts.filter(
			(mount) => mount.Type === 'volume' && mount.Destination === '/anon',
		);
		assert.equal(mounts.length, 1);
		return mounts[0]!.Name!;
	};
	const removed = await anonymousOf('tsd-anon-v');
	const kept = await anonymousOf('tsd-anon-keep');
	const volumes = () => cliSet(daemon, ['volume', 'ls', '-q']);
	assert.ok((await volumes()).has(removed));

	await removeContainer(client, 'tsd-anon-v', {volumes: true});
	await removeContainer(client, 'tsd-anon-keep');
	const left = await volumes();
	assert.ok(!left.has(removed), 'the anonymous volume went with its container');
	assert.ok(left.has(kept), 'without volumes: true it stays');
	assert.ok(left.has('tsd-vol-named'), 'a named volume is never removed with a container');
	await daemon.docker(['volume', 'rm', kept, 'tsd-vol-named']);
});

test('readLogs with tail N equals `docker logs --tail N`, stdout and stderr kept apart', async () => {
	for (const tail of [1, 7, 30, 'all'] as const) {
		const ours = split(await readLogs(client, 'tsd-talk', false, {tail}));
		const cli = await cliLogs(tail === 'all' ? ['tsd-talk'] : ['--tail', String(tail), 'tsd-talk']);
		assert.deepEqual(ours, cli, `tail ${tail}`);
	}
	const all = split(await readLogs(client, 'tsd-talk', false, {tail: 'all'}));
	assert.equal(all.stdout.length, 50);
	assert.deepEqual(all.stderr.slice(0, 2), ['err 1', 'err 2']);
	assert.ok(all.stdout.every((text) => text.startsWith('out ')) && all.stderr.every((text) => text.startsWith('err ')));
	assert.deepEqual(await readLogs(client, 'tsd-talk', false, {tail: 0}), []);
	// The default is the last 200 lines: all 100 here.
	assert.equal((await readLogs(client, 'tsd-talk', false)).length, 100);
});

test('readLogs with timestamps: the timestamp is split off, and timestamp + text is what `docker logs -t` prints', async () => {
	const ours = await readLogs(client, 'tsd-talk', false, {tail: 12, timestamps: true});
	assert.equal(ours.length, 12);
	for (const line of ours) assert.match(line.timestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
	const joined = (stream: 'stdout' | 'stderr') =>
		ours.filter((line) => line.stream === stream).map((line) => `${line.timestamp} ${line.text}`);
	const cli = await cliLogs(['-t', '--tail', '12', 'tsd-talk']);
	assert.deepEqual({stdout: joined('stdout'), stderr: joined('stderr')}, cli);
	// since (Unix seconds) after the last line: nothing.
	const last = Date.parse(ours.at(-1)!.timestamp!) / 1000;
	assert.deepEqual(await readLogs(client, 'tsd-talk', false, {tail: 'all', since: Math.ceil(last) + 1}), []);
});

test("a TTY container's logs are read raw (no frames), like `docker logs` prints them", async () => {
	await daemon.docker([
		'run',
		'-d',
		'-t',
		'--name',
		'tsd-tty',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'echo hello; echo oops >&2; printf "tab\\there\\n"; printf "no newline"',
	]);
	await daemon.docker(['wait', 'tsd-tty']);
	const tty = (await inspectContainer(client, 'tsd-tty')).Config.Tty;
	assert.equal(tty, true);
	const ours = await readLogs(client, 'tsd-tty', tty, {tail: 'all'});
	assert.ok(
		ours.every((line) => line.stream === 'stdout'),
		'a TTY has one stream',
	);
	assert.deepEqual(
		ours.map((line) => line.text),
		['hello', 'oops', 'tab\there', 'no newline'],
		"the TTY's \\r\\n line ends are cut cleanly",
	);
	const cli = await cliLogs(['tsd-tty']);
	assert.deepEqual(split(ours), cli);
	// Reading it as multiplexed would misread the bytes as frame headers: the flag matters.
	const wrong = await readLogs(client, 'tsd-tty', false, {tail: 'all'});
	assert.notDeepEqual(
		wrong.map((line) => line.text),
		ours.map((line) => line.text),
	);
});

test('followLogs receives new lines on the right streams as they are written, and stops on abort', async () => {
	const controller = new AbortController();
	const received: LogLine[] = [];
	let calls = 0;
	const following = followLogs(client, fixtures.loggerName, false, {tail: 0, signal: controller.signal}, (batch) => {
		calls++;
		received.push(...batch);
	});
	await waitFor(
		'three lines on each stream',
		() => split(received).stdout.length >= 3 && split(received).stderr.length >= 3,
		15_000,
	);
	const {stdout, stderr} = split(received);
	assert.ok(
		stdout.every((text) => /^out \d+$/.test(text)),
		stdout.join('|'),
	);
	assert.ok(
		stderr.every((text) => /^err \d+$/.test(text)),
		stderr.join('|'),
	);
	const numbers = stdout.map((text) => Number(text.slice(4)));
	assert.deepEqual(
		numbers,
		numbers.map((_, index) => numbers[0]! + index),
		'consecutive, none lost or repeated',
	);
	// tail 0 means only new lines: the logger has been running for seconds, so the first is not "out 0".
	assert.ok(numbers[0]! > 0);

	const abortedAt = Date.now();
	controller.abort();
	await following;
	assert.ok(Date.now() - abortedAt < 2000, 'the follow ends promptly');
	const callsAtAbort = calls;
	await new Promise((resolve) => setTimeout(resolve, 600));
	assert.equal(calls, callsAtAbort, 'no lines after the abort');
});

test('following a quiet container: the stream is up at once (no header timeout can hit), and late lines arrive', async () => {
	await daemon.docker(['run', '-d', '--name', 'tsd-quiet', '--network', 'none', 'tsd-base:1', 'sleep', '100000']);
	// The client gives a stream 15 s to answer with headers; the Engine must send them before any output.
	const opening = Date.now();
	const {response} = await openLogs(client, 'tsd-quiet', false, {follow: true, tail: 'all'});
	assert.ok(Date.now() - opening < 3000, `headers after ${Date.now() - opening} ms`);
	response.destroy();

	const controller = new AbortController();
	const received: LogLine[] = [];
	const following = followLogs(client, 'tsd-quiet', false, {tail: 'all', signal: controller.signal}, (batch) =>
		received.push(...batch),
	);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	assert.deepEqual(received, []);
	// Write to the container's own stdout and stderr (PID 1's), which is what its log records.
	await daemon.docker(['exec', 'tsd-quiet', 'sh', '-c', 'echo finally > /proc/1/fd/1; echo oops > /proc/1/fd/2']);
	await waitFor('the late lines', () => received.length >= 2, 10_000);
	assert.deepEqual(split(received), {stdout: ['finally'], stderr: ['oops']});
	controller.abort();
	await following;
});

test('followLogs ends by itself when the container exits; a last line without newline is flushed', async () => {
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-brief',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'sleep 1; echo one; echo two; printf last',
	]);
	const received: LogLine[] = [];
	const started = Date.now();
	await followLogs(client, 'tsd-brief', false, {tail: 'all'}, (batch) => received.push(...batch));
	assert.ok(Date.now() - started < 10_000);
	assert.equal(await cliState(daemon, 'tsd-brief'), 'exited');
	// The Engine's follow may end before it sends an unterminated last line (moby/moby#43860, also `docker logs -f`).
	const texts = received.map((line) => line.text);
	assert.ok(['one,two', 'one,two,last'].includes(texts.join(',')), texts.join(','));
	// Read without follow, the unterminated line is there and the decoder flushes it at the end.
	assert.deepEqual(
		(await readLogs(client, 'tsd-brief', false, {tail: 'all'})).map((line) => line.text),
		['one', 'two', 'last'],
	);
});

test('hostile output: escape sequences, a 1 MB line and invalid UTF-8 come out as safe, bounded lines', async () => {
	const script = [
		"printf '\\033[2Jclear\\n'",
		"printf '\\033]0;title\\007after-osc\\n'",
		"head -c 1000000 /dev/zero | tr '\\000' x",
		'echo',
		'echo after-big',
		"printf 'bad \\377\\376 end\\n'",
		"printf 'bell\\007 del\\177 c1\\302\\233\\n' >&2",
	].join('; ');
	await run('tsd-hostile', script);
	for (const timestamps of [false, true]) {
		const ours = await readLogs(client, 'tsd-hostile', false, {tail: 'all', timestamps});
		const {stdout, stderr} = split(ours);
		assert.equal(stdout.length, 5, `one line per printed line (timestamps ${timestamps})`);
		assert.equal(stderr.length, 1);
		assert.equal(stdout[0], '\u001B[2Jclear', 'the decoder keeps the bytes; sanitizing is separate');
		assert.equal(stdout[1], '\u001B]0;title\u0007after-osc');
		const big = stdout[2]!;
		assert.ok(big.startsWith('x'.repeat(MAX_LINE_CHARS)), 'the head of the long line is kept');
		assert.ok(big.length < MAX_LINE_CHARS + 100, `cut to a bounded length, got ${big.length}`);
		assert.ok(
			/ … \[line cut: [\d,]+\+ chars\]$/.test(big),
			`the cut is marked (timestamps ${timestamps}): …${big.slice(-60)}`,
		);
		if (timestamps) assert.match(ours[2]!.timestamp ?? '', /^\d{4}-/);
		assert.equal(stdout[3], 'after-big', 'the line after the long one is whole');
		assert.equal(stdout[4], 'bad \uFFFD\uFFFD end', 'invalid UTF-8 bytes become U+FFFD');
		assert.equal(stderr[0], 'bell\u0007 del\u007F c1\u009B');
		assert.ok(!isTerminalSafe(stdout[0]!) && !isTerminalSafe(stderr[0]!), 'the raw lines are not safe');
		const safe = [...stdout, ...stderr].map((text) => sanitizeLine(text));
		for (const text of safe) assert.ok(isTerminalSafe(text), JSON.stringify(text.slice(0, 80)));
		assert.deepEqual(safe.slice(0, 2), ['clear', 'after-osc']);
		assert.equal(safe[4], 'bad \uFFFD\uFFFD end');
		assert.equal(safe[5], 'bell^G del^? c1');
	}
	const cli = await cliLogs(['tsd-hostile']);
	assert.equal(cli.stdout.length, 5);
	assert.equal(cli.stdout[2]!.length, 1_000_000, 'the CLI prints the 1 MB line whole; the core cuts it');
});

test('LogDecoder: a line cut while its timestamp is still attached carries the marker too (regression)', () => {
	const frame = (type: number, text: string) => {
		const payload = Buffer.from(text);
		const header = Buffer.alloc(8);
		header[0] = type;
		header.writeUInt32BE(payload.length, 4);
		return Buffer.concat([header, payload]);
	};
	// The Engine sends a long line as 16 KiB partial messages, each with its own timestamp when asked for.
	const decoder = new LogDecoder({multiplexed: true, timestamps: true});
	const stamp = '2024-01-02T03:04:05.000000006Z';
	const got = [
		...decoder.push(frame(1, `${stamp} ${'y'.repeat(MAX_LINE_CHARS)}`)),
		...decoder.push(frame(1, `${stamp} ${'y'.repeat(1000)}\n`)),
		...decoder.push(frame(1, `${stamp} next\n`)),
		...decoder.end(),
	];
	assert.equal(got.length, 2);
	assert.equal(got[0]!.timestamp, stamp);
	assert.ok(
		got[0]!.text.startsWith('y'.repeat(MAX_LINE_CHARS)) && got[0]!.text.endsWith('+ chars]'),
		got[0]!.text.slice(MAX_LINE_CHARS),
	);
	assert.deepEqual(got[1], {stream: 'stdout', text: 'next', timestamp: stamp});
});

test('containerTop equals `docker top`, with and without ps arguments', async () => {
	const top = await containerTop(client, 'tsd-top');
	const cli = lines((await daemon.docker(['top', 'tsd-top'])).stdout);
	assert.deepEqual(top.Titles, cli[0]!.split(/\s+/));
	const cliRows = cli.slice(1).map((row) => {
		const fields = row.split(/\s+/);
		return [...fields.slice(0, top.Titles.length - 1), fields.slice(top.Titles.length - 1).join(' ')];
	});
	const pick = (row: string[]) => `${row[1]} ${row[2]} ${row.at(-1)}`; // PID PPID CMD
	assert.deepEqual(sorted(top.Processes.map(pick)), sorted(cliRows.map(pick)));
	assert.deepEqual(sorted(top.Processes.map((row) => row.at(-1)!)), ['sleep 100000', 'sleep 100001']);

	const custom = await containerTop(client, 'tsd-top', '-o pid,comm');
	const cliCustom = lines((await daemon.docker(['top', 'tsd-top', '-o', 'pid,comm'])).stdout).map((row) =>
		row.trim().split(/\s+/),
	);
	assert.deepEqual(custom.Titles, cliCustom[0]);
	assert.deepEqual(
		sorted(custom.Processes.map((row) => row.join(' '))),
		sorted(cliCustom.slice(1).map((row) => row.join(' '))),
	);
	assert.equal(
		(await rejection(containerTop(client, fixtures.stoppedName))).kind,
		'conflict',
		'top of a stopped container',
	);
});

test('containerChanges equals `docker diff`', async () => {
	const kinds = ['C', 'A', 'D'];
	const ours = (await containerChanges(client, 'tsd-diff')).map((change) => `${kinds[change.Kind]} ${change.Path}`);
	const cli = lines((await daemon.docker(['diff', 'tsd-diff'])).stdout);
	assert.deepEqual(sorted(ours), sorted(cli));
	for (const expected of ['A /added', 'D /bin/ls', 'C /bin', 'A /newdir', 'A /newdir/f', 'A /bin/busybox.note'])
		assert.ok(ours.includes(expected), `${expected} in ${ours.join(', ')}`);
	assert.deepEqual(
		await containerChanges(client, fixtures.holderName),
		[],
		'a never-started container changed nothing',
	);
});

test('containerStats (one shot) has memory fields; the limit and PIDs agree with `docker stats --no-stream`', async () => {
	const sample = await containerStats(client, 'tsd-top');
	assert.ok((sample.memory_stats.usage ?? 0) > 0, 'memory usage');
	assert.ok((sample.memory_stats.limit ?? 0) > 0, 'memory limit');
	assert.ok(sample.memory_stats.stats && Object.keys(sample.memory_stats.stats).length > 0, 'memory breakdown');
	assert.ok(memoryUsed(sample) > 0 && memoryUsed(sample) <= sample.memory_stats.usage!);
	assert.ok(sample.cpu_stats.cpu_usage.total_usage > 0);
	const [cli] = jsonLines<{MemUsage: string; PIDs: string}>(
		(await daemon.docker(['stats', '--no-stream', '--format', '{{json .}}', 'tsd-top'])).stdout,
	);
	assert.equal(cli!.MemUsage.split(' / ')[1], bytesSize(sample.memory_stats.limit!));
	assert.equal(cli!.PIDs, String(sample.pids_stats?.current));
	assert.equal(sample.pids_stats?.current, 2);
});

test('runExec returns stdout, stderr and the exit code, like `docker exec`', async () => {
	const command = ['sh', '-c', 'echo hi; echo there; echo oops >&2; exit 7'];
	const ours = await runExec(client, 'tsd-top', command);
	const cli = await daemon.docker(['exec', 'tsd-top', ...command], {allowFail: true});
	assert.deepEqual(ours, {
		exitCode: cli.exitCode,
		stdout: lines(cli.stdout).join('\n'),
		stderr: lines(cli.stderr).join('\n'),
	});
	assert.deepEqual(ours, {exitCode: 7, stdout: 'hi\nthere', stderr: 'oops'});
	const ok = await runExec(client, 'tsd-top', ['cat', '/proc/1/cmdline']);
	assert.equal(ok.exitCode, 0);
	assert.equal(ok.stdout, 'sleep\u0000100000\u0000');
	const missing = await runExec(client, 'tsd-top', ['tsd-no-such-command']);
	const cliMissing = await daemon.docker(['exec', 'tsd-top', 'tsd-no-such-command'], {allowFail: true});
	assert.equal(missing.exitCode, cliMissing.exitCode, 'a missing command: 126 both ways');
	assert.equal(
		(await rejection(runExec(client, fixtures.stoppedName, ['true']))).kind,
		'conflict',
		'exec in a stopped container',
	);
});

test('an interactive TTY exec: resizeExec changes what `stty size` reports inside', async () => {
	const execId = await createExec(client, 'tsd-top', {cmd: ['sh'], tty: true, stdin: true});
	const {socket, head} = await startExec(client, execId, true);
	let output = head.toString('utf8');
	socket.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
	const sizeAfter = async (rows: number, columns: number) => {
		await resizeExec(client, execId, rows, columns);
		const mark = `size-${rows}-${columns}`;
		socket.write(`echo ${mark}-$(stty size | tr ' ' x)\n`);
		// The echoed command line holds "$(stty…" literally; the answer holds the digits.
		const match = await waitFor(
			`stty size after resizing to ${rows}x${columns}`,
			() => new RegExp(`${mark}-(\\d+)x(\\d+)`).exec(output),
			10_000,
		);
		return [Number(match[1]), Number(match[2])];
	};
	try {
		assert.deepEqual(await sizeAfter(33, 111), [33, 111]);
		assert.deepEqual(await sizeAfter(50, 132), [50, 132]);
		assert.equal((await inspectExec(client, execId)).Running, true);
		socket.write('exit 5\n');
		await closed;
		assert.equal((await inspectExec(client, execId)).ExitCode, 5);
	} finally {
		(socket as Duplex).destroy();
	}
});

/** go-units BytesSize (binary, 4 significant digits), which `docker stats` uses for memory. */
function bytesSize(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
	let size = bytes;
	let unit = 0;
	while (size >= 1024 && unit < units.length - 1) {
		size /= 1024;
		unit++;
	}
	return `${Number(size.toPrecision(4))}${units[unit]}`;
}

test('a listing asked at a fixed API version goes out without waiting for /_ping and lists what docker ps -a lists', async () => {
	const fresh = createClient({host: daemon.host});
	const sent: string[] = [];
	fresh.onRequest = (method, requestPath) => sent.push(`${method} ${requestPath}`);
	try {
		const list = await listContainers(fresh, {all: true, apiVersion: MIN_API_VERSION});
		assert.deepEqual(sent, ['GET /containers/json'], 'no /_ping before it');
		assert.equal(fresh.apiVersion, undefined, 'nothing was negotiated');
		assert.deepEqual(
			sorted(list.map((container) => container.Id)),
			sorted(await cliSet(daemon, ['ps', '-a', '-q', '--no-trunc'])),
		);
	} finally {
		fresh.close();
	}
});
