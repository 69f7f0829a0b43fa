// A daemon that stops answering (the real dockerd frozen with SIGSTOP, then SIGCONT): the UI never blocks,
// requests time out with a clear message, a hung log stream is dropped when its view closes, q quits at once,
// and after SIGCONT everything recovers by itself.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {build, buildBase} from './helpers/fixtures.ts';
import {startProxy, type RecordingProxy} from './helpers/proxy.ts';
import {bodyText, type TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

let proxy: RecordingProxy;
let frozen = false;

const dockerdPid = () => Number(readFileSync(path.join(suite.daemon.dir, 'docker.pid'), 'utf8').trim());
function freeze() {
	process.kill(dockerdPid(), 'SIGSTOP');
	frozen = true;
}
function thaw() {
	if (frozen) process.kill(dockerdPid(), 'SIGCONT');
	frozen = false;
}

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	await build(daemon, 'tsd-hang-img:1', 'FROM tsd-base:1\nLABEL v=1\n');
	await build(daemon, 'tsd-hang-img:1', 'FROM tsd-base:1\nLABEL v=2\n');
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-hang-run',
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.2; done',
	]);
	await daemon.docker(['create', '--name', 'tsd-hang-idle', '--network', 'none', 'tsd-base:1', 'true']);
	proxy = await startProxy(daemon.socketPath);
	suite.defer(() => proxy.close());
	// Run first of these (last registered): a daemon frozen by a failed test is thawed before it is stopped.
	suite.defer(thaw);
});

/** tsdock through the recording proxy, once the list is up. */
const launch = (): Promise<TmuxSession> =>
	suite.launch({
		host: proxy.host,
		width: 120,
		height: 30,
		ready: (s) => s.includes('● connected') && s.includes('tsd-hang-idle'),
	});

/**
 * Press a key and wait for its effect. A frozen daemon holds a request for its whole timeout (30 s and more):
 * a UI blocked by it would miss this 5 s wait by far, however busy the machine (no figure is asserted).
 */
async function answers(tmux: TmuxSession, key: string, expected: string | RegExp): Promise<void> {
	await tmux.send([key]);
	await tmux.waitFor(expected, 5000);
}

test('a frozen daemon: keys keep answering, requests time out with a clear message, a hung log stream is dropped, and all recovers after SIGCONT', async () => {
	const tmux = await launch();
	// A live log stream, open before the daemon freezes.
	await tmux.press('/');
	await tmux.send(['tsd-hang-run'], {literal: true});
	await tmux.press('Enter');
	await tmux.waitFor(/[›>] tsd-hang-run/);
	const before = proxy.requests.length;
	await tmux.press('l');
	await tmux.waitFor(/tick \d+/);
	const logRequest = proxy.requests
		.slice(before)
		.find((request) => /\/containers\/[0-9a-f]+\/logs\?.*follow=(1|true)/.test(request.path));
	assert.ok(logRequest, `the logs view follows: ${JSON.stringify(proxy.requests.slice(before))}`);
	const logConnection = proxy.connectionLog.find((entry) => entry.id === logRequest.connection)!;

	freeze();
	try {
		// The UI does not wait for the daemon.
		await answers(tmux, '?', 'In the logs view');
		await tmux.press('Escape');
		await tmux.waitFor(/tick \d+/);
		// Closing the logs view drops its stream even though the daemon sends nothing.
		await tmux.press('Escape');
		await tmux.waitFor(/Containers \(1 of 2\)/);
		const closedBy = Date.now() + 3000;
		while (logConnection.closedAt === undefined && Date.now() < closedBy) await sleep(50);
		assert.ok(logConnection.closedAt !== undefined, 'the hung log stream was closed when its view closed');

		// A listing that hangs (dangling images only) and a details view that hangs.
		await tmux.press('Escape', '2', 'D');
		await tmux.waitFor('Images: dangling');
		await tmux.press('1', 'Enter');
		await tmux.waitFor(/Container tsd-hang-\w+[\s\S]*loading…/);
		await answers(tmux, '?', 'In the Containers');
		await tmux.press('Escape');
		const timedOut = bodyText(
			await tmux.waitFor(
				(s) => /did not answer GET \/containers\/[0-9a-f]+\/json within \d+ s/.test(bodyText(s)),
				45_000,
			),
		);
		assert.ok(timedOut.includes(`error: the daemon at ${proxy.host} did not answer GET /containers/`), timedOut);
		await tmux.press('Escape', '2');
		await tmux.waitFor(/did not answer GET \/images\/json within \d+ s/, 10_000);
	} finally {
		thaw();
	}
	// Back by itself: the hung listing is read again, details load, live updates flow.
	await tmux.waitFor((s) => /Images: dangling \(1\)/.test(s) && !/did not answer/.test(s), 20_000);
	await tmux.press('1', 'Enter');
	await tmux.waitFor(/Container tsd-hang-\w+[\s\S]*Restart count/, 10_000);
	await tmux.press('Escape', 'Escape');
	await suite.daemon.docker(['create', '--name', 'tsd-hang-after', '--network', 'none', 'tsd-base:1', 'true']);
	await tmux.waitFor('tsd-hang-after', 10_000);
});

test('q quits at once while a request hangs on a frozen daemon, and the terminal is restored', async () => {
	const tmux = await launch();
	freeze();
	try {
		await tmux.press('Enter');
		await tmux.waitFor('loading…');
		// Quitting does not wait for the hung request (its timeout is far longer than this wait).
		await tmux.press('Escape', 'q');
		await tmux.waitFor('tsdock exited 0', 5000);
		assert.equal(await tmux.display('#{alternate_on}'), '0');
	} finally {
		thaw();
	}
});
