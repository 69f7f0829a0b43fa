// --read-only sends nothing that changes the daemon: tsdock talks to a real daemon through a recording proxy
// socket, every key of the key map is pressed in every pane and view (read from keymap.ts, so new keys are
// covered without touching this test), every question is answered y, and the proxy must have seen GET/HEAD only.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {keymap, type Binding, type Mode} from '../source/ui/keys/keymap.ts';
import {paneIds, type PaneId} from '../source/ui/panes/registry.ts';
import {runDocker} from './helpers/daemon.ts';
import {build, buildBase} from './helpers/fixtures.ts';
import {RequestParser, startProxy, type RecordingProxy} from './helpers/proxy.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

let proxy: RecordingProxy;

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	await build(daemon, 'tsd-ro-img:1', 'FROM tsd-base:1\nLABEL v=1\n');
	await build(daemon, 'tsd-ro-img:1', 'FROM tsd-base:1\nLABEL v=2\n');
	await daemon.docker(['volume', 'create', 'tsd-ro-used']);
	await daemon.docker(['volume', 'create', 'tsd-ro-unused']);
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-ro-run',
		'--network',
		'none',
		'-v',
		'tsd-ro-used:/v',
		'tsd-base:1',
		'sh',
		'-c',
		'while true; do echo tick; sleep 1; done',
	]);
	await daemon.docker(['create', '--name', 'tsd-ro-stopped', '--network', 'none', 'tsd-base:1', 'true']);
	proxy = await startProxy(daemon.socketPath);
	suite.defer(() => proxy.close());
});

test('the proxy parses every request of a keep-alive connection (chunked and sized bodies, upgrades)', () => {
	const seen: string[] = [];
	const garbage: string[] = [];
	const parser = new RequestParser(
		(method, target) => seen.push(`${method} ${target}`),
		(text) => garbage.push(text),
	);
	const stream = [
		'GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n',
		'POST /v1.41/containers/x/stop HTTP/1.1\r\nHost: docker\r\nContent-Length: 12\r\n\r\n{"GET / HT"}',
		'DELETE /v1.41/images/y HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nGET /\r\n3;x=1\r\nabc\r\n0\r\n\r\n',
		'HEAD /v1.41/containers/json HTTP/1.1\r\n\r\n',
		'POST /v1.41/exec/z/start HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 2\r\n\r\n{}PUT /not/http HTTP/1.1\r\n\r\n',
	].join('');
	// Byte by byte and all at once must read the same.
	for (const step of [1, 7, stream.length]) {
		seen.length = 0;
		const one = new RequestParser(
			(method, target) => seen.push(`${method} ${target}`),
			(text) => garbage.push(text),
		);
		for (let i = 0; i < stream.length; i += step) one.push(Buffer.from(stream.slice(i, i + step), 'latin1'));
		assert.deepEqual(
			seen,
			[
				'GET /_ping',
				'POST /v1.41/containers/x/stop',
				'DELETE /v1.41/images/y',
				'HEAD /v1.41/containers/json',
				'POST /v1.41/exec/z/start',
			],
			`step ${step}`,
		);
	}
	parser.push(Buffer.from('garbage\r\n\r\n'));
	assert.deepEqual(garbage, ['garbage']);
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
	// Under sh -c there is no job control: Ctrl-Z only says so on the status line.
	'ctrl-z': 'C-z',
};
const tmuxKey = (name: string) => tmuxKeys[name] ?? name;
const paneKey: Record<PaneId, string> = {containers: '1', images: '2', volumes: '3', disk: '4'};
const paneTitle: Record<PaneId, RegExp> = {
	containers: /│Containers( \(|$| )/m,
	images: /│Images(: dangling)? \(/m,
	volumes: /│Volumes(: unused)? \(/m,
	disk: /│Biggest reclaimable items/m,
};
const applies = (binding: Binding, context: Mode, pane: PaneId) =>
	binding.modes.includes(context) && (!binding.panes || binding.panes.includes(pane));
/** Keys that end the program: pressed last, on purpose. */
const leaves = (binding: Binding) => binding.command === 'quit';
const movement = new Set([
	'up',
	'down',
	'page-up',
	'page-down',
	'top',
	'bottom',
	'pane-containers',
	'pane-images',
	'pane-volumes',
	'pane-disk',
	'pane-next',
	'pane-prev',
]);
/** The list keys that open a view with keys of its own, and that view's context. */
const openers: Array<{pane: PaneId; key: string; context: Mode}> = [
	{pane: 'containers', key: 'enter', context: 'details'},
	{pane: 'containers', key: 'l', context: 'logs'},
	{pane: 'images', key: 'h', context: 'history'},
	{pane: 'images', key: 'enter', context: 'details'},
	{pane: 'volumes', key: '?', context: 'help'},
];

test('--read-only: every key of the key map, answered y, sends only GET/HEAD; the refusals say read-only', async () => {
	const tmux: TmuxSession = await suite.launch({
		host: proxy.host,
		args: ['--read-only'],
		width: 200,
		height: 40,
		ready: null,
	});
	const first = await tmux.waitFor((s) => s.includes('● connected') && /tsd-ro-run/.test(s));
	assert.match(first.split('\n')[0]!, /read-only/, 'the header says read-only');

	const otherPane = (screen: string, pane: PaneId) =>
		paneIds.some((other) => other !== pane && paneTitle[other].test(screen));
	const backToList = async (pane: PaneId, label: string) => {
		for (let i = 0; i < 5; i++) {
			const screen = await tmux.capture();
			const dialog = /y remove|any other key cancels|any key closes/.test(screen);
			if (paneTitle[pane].test(screen) && !dialog) return;
			if (!dialog && otherPane(screen, pane)) {
				await tmux.press(paneKey[pane]);
				continue;
			}
			await tmux.press('Escape');
		}
		await tmux.waitFor(paneTitle[pane], 3000).catch((error: Error) => {
			throw new Error(
				`${label}: could not get back to the ${pane} list (a new view? teach this test its way out)\n${error.message}`,
			);
		});
	};
	const toPane = async (pane: PaneId) => {
		if (!paneTitle[pane].test(await tmux.capture())) {
			await tmux.press(paneKey[pane]);
			await tmux.waitFor(paneTitle[pane]);
		}
	};

	let pressed = 0;
	const refusals: string[] = [];
	for (const pane of paneIds) {
		for (const binding of keymap.filter((b) => applies(b, 'list', pane) && !leaves(b))) {
			for (const key of binding.keys) {
				await toPane(pane);
				await tmux.press(tmuxKey(key));
				pressed++;
				if (binding.kind === 'write' || binding.command === 'exec-shell') {
					const screen = await tmux.waitFor(/read-only mode: .* refused/, 5000).catch(async () => {
						throw new Error(
							`${key} (${binding.command}) in ${pane}: no read-only refusal on the status line:\n${await tmux.capture()}`,
						);
					});
					refusals.push(/read-only mode: .* refused[^\n]*/.exec(screen)![0]);
					assert.doesNotMatch(screen, /any other key cancels/, `${key} (${binding.command}) opened no dialog`);
				}
				// Whatever opened, say yes to it.
				await tmux.press('y');
				await sleep(50);
				await backToList(pane, `${key} (${binding.command}) in ${pane}`);
			}
		}
	}
	// The views' own keys (moving around in them cannot change anything: those are left out), each answered y.
	for (const {pane, key, context} of openers) {
		for (const binding of keymap.filter((b) => applies(b, context, pane) && !leaves(b) && !movement.has(b.command))) {
			for (const inner of binding.keys) {
				await toPane(pane);
				await tmux.press(tmuxKey(key));
				await sleep(100);
				await tmux.press(tmuxKey(inner), 'y');
				pressed++;
				await sleep(50);
				await backToList(pane, `${inner} (${binding.command}) in ${context}`);
			}
		}
	}
	assert.ok(pressed > 60, `pressed ${pressed} keys`);
	assert.ok(
		refusals.length >= keymap.filter((b) => b.kind === 'write').length,
		`every mutating key was refused:\n${refusals.join('\n')}`,
	);

	// Quit last, and read what went over the wire.
	await tmux.press('1');
	await tmux.waitFor(/Containers \(\d+/);
	await tmux.press('q');
	await tmux.waitFor('tsdock exited 0');
	await sleep(200);
	assert.deepEqual(proxy.garbage, [], 'everything on the wire was HTTP');
	const methods = new Set(proxy.requests.map((request) => request.method));
	const mutating = proxy.requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD');
	assert.deepEqual(mutating, [], `only GET/HEAD (saw ${[...methods].join(', ')})`);
	const paths = proxy.requests.map((request) => request.path);
	for (const expected of [
		/\/events/,
		/\/containers\/json/,
		/\/images\/json/,
		/\/volumes/,
		/\/containers\/[0-9a-f]+\/logs/,
		/\/images\/.+\/history/,
	]) {
		assert.ok(
			paths.some((p) => expected.test(p)),
			`the proxy saw ${expected} (so it was in the path of the UI's requests)`,
		);
	}
	// Nothing changed on the daemon either.
	assert.match((await suite.daemon.docker(['ps', '--format', '{{.Names}}'])).stdout, /tsd-ro-run/);
	assert.match((await suite.daemon.docker(['ps', '-a', '--format', '{{.Names}}'])).stdout, /tsd-ro-stopped/);
	assert.equal(
		(await suite.daemon.docker(['images', '-q', '--filter', 'dangling=true'])).stdout.trim().split('\n').length,
		1,
	);
});

test('control: the same proxy does see a mutating request (so the check above can fail)', async () => {
	const before = proxy.requests.length;
	// The docker CLI pointed at the proxy instead of the daemon.
	await runDocker(proxy.host, ['tag', 'tsd-base:1', 'tsd-ro-control:1']);
	const seen = proxy.requests.slice(before);
	assert.ok(
		seen.some((request) => request.method === 'POST' && /\/images\/tsd-base:1\/tag/.test(request.path)),
		JSON.stringify(seen),
	);

	// And tsdock itself without --read-only: the same kind of key press reaches the proxy as a POST.
	const tmux = await suite.launch({host: proxy.host, width: 200, height: 40, ready: null});
	await tmux.waitFor((s) => s.includes('● connected') && /[›>] tsd-ro-run/.test(s));
	const from = proxy.requests.length;
	await tmux.press('p');
	await tmux.waitFor(/tsd-ro-run\s+tsd-base:1\s+paused/, 10_000);
	assert.ok(
		proxy.requests
			.slice(from)
			.some((request) => request.method === 'POST' && /\/containers\/[0-9a-f]+\/pause$/.test(request.path)),
		JSON.stringify(proxy.requests.slice(from)),
	);
	await tmux.press('p');
	await tmux.waitFor(/tsd-ro-run\s+tsd-base:1\s+running/, 10_000);
});
