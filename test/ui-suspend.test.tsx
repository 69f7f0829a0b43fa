// Ctrl-Z in the App (ink-testing-library, the fake engine port): it reaches the suspender from every mode, even a
// text box; it is refused with a status line while a shell in a container has the terminal and where there is no
// job control; a suspend keeps every piece of state and the keys work after it. Job control itself is read from
// /proc: the rules are checked on process tables (the real terminal runs are in e2e-suspend.test.ts).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ContainerSummary, ImagePrunePlan} from '../source/core/index.ts';
import {bindingFor, keymap} from '../source/ui/keys/keymap.ts';
import {modes} from '../source/ui/keys/modes.ts';
import {ExecHandoff} from '../source/ui/exec-handoff.ts';
import {jobControlOf, parseStat, Suspender, type JobControl, type ProcStat} from '../source/ui/suspend.ts';
import type {Store} from '../source/ui/store.ts';
import {fakePort} from './helpers/fake-port.ts';
import {keys, mountApp, seededStore} from './helpers/ui-kit.tsx';

const ctrlZ = '\u001a';

const container = (i: number): ContainerSummary => ({
	Id: String(i).padStart(64, '0'),
	Names: [`/app-${i}`],
	Image: 'img:1',
	ImageID: `sha256:${'a'.repeat(64)}`,
	Command: 'run',
	Created: 1_700_000_000 + i,
	Ports: [],
	Labels: {},
	State: 'running',
	Status: 'Up 1 hour',
	Mounts: [],
});

const makeStore = (): Store =>
	seededStore({
		data: {errors: {}, containers: {list: [1, 2, 3, 4].map(container), all: true}},
	});

/** A suspender whose stop and size refresh are recorded instead of stopping the test runner. */
function fakeSuspender(
	store: Store,
	options: {owner?: () => string | undefined; jobs?: JobControl; after?: JobControl[]} = {},
) {
	const events: string[] = [];
	// Job control before the stop, then after each continue (`after`, then the terminal ours).
	const answers = [options.jobs ?? {ok: true as const}, ...(options.after ?? [])];
	const suspender = new Suspender({
		store,
		owner: options.owner,
		stdin: {pause: () => events.push('pause')},
		stdout: {write: (text: string) => events.push(`write ${JSON.stringify(text)}`)},
		jobControl: () => answers.shift() ?? {ok: true},
		stop: () => events.push('stop'),
		refreshSize: () => events.push('refresh'),
	});
	return {suspender, events};
}

test('Ctrl-Z is one binding in every mode, of kind act, read from Ink as ctrl + z', () => {
	const binding = keymap.find((entry) => entry.command === 'suspend');
	assert.ok(binding);
	assert.deepEqual(binding.keys, ['ctrl-z']);
	assert.equal(binding.kind, 'act');
	for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
		assert.equal(bindingFor('ctrl-z', mode, 'containers')?.command, 'suspend', mode);
		assert.ok(modes[mode].commands.suspend, `${mode} runs it`);
	}
});

test('Ctrl-Z suspends: stdin paused, cursor shown, stopped once, size read again; state kept, keys work after', async () => {
	const store = makeStore();
	const {suspender, events} = fakeSuspender(store);
	const {press, waitFor, unmount} = mountApp({store, controllers: {suspend: suspender}});
	await waitFor(/› app-4/);
	await press(keys.down, keys.down);
	await waitFor(/› app-2/);
	await press(ctrlZ);
	await waitFor(() => events.includes('refresh'));
	assert.deepEqual(events, ['pause', 'write "\\u001b[0m\\u001b[?25h"', 'stop', 'refresh']);
	assert.equal(suspender.active, false);
	const frame = await waitFor(/› app-2/);
	assert.doesNotMatch(frame, /Ctrl-Z/, 'no status line after a suspend');
	await press(keys.down);
	await waitFor(/› app-1/);
	unmount();
});

test('continued in the background (bg): stopped again until fg gives the terminal back', async () => {
	const store = makeStore();
	const background = {ok: false, reason: "tsdock is not the terminal's foreground job", background: true} as const;
	const {suspender, events} = fakeSuspender(store, {after: [background, background]});
	const {press, waitFor, unmount} = mountApp({store, controllers: {suspend: suspender}});
	await press(ctrlZ);
	await waitFor(() => events.includes('refresh'));
	assert.deepEqual(
		events.filter((event) => event === 'stop'),
		['stop', 'stop', 'stop'],
	);
	unmount();
});

test('Ctrl-Z while a prune runs: the dialog and its job are kept (no cancel), and the result comes after', async () => {
	const store = makeStore();
	const {suspender, events} = fakeSuspender(store);
	const plan: ImagePrunePlan = {
		scope: 'dangling',
		items: [
			{
				id: `sha256:${'d'.repeat(64)}`,
				name: '<none>:<none>',
				tags: [],
				size: 2_500_000,
				untagOnly: false,
				intermediate: false,
			},
		],
		bytes: 2_500_000,
		exact: true,
		keptInUse: [],
		measure: () => 0,
	};
	let finish!: () => void;
	const gate = new Promise<void>((resolve) => (finish = resolve));
	const {port, names} = fakePort({
		planImagePrune: async () => plan,
		runImagePrune: async () => {
			await gate;
			return {deleted: [plan.items[0]!.id], untagged: [], skipped: [], spaceReclaimed: 2_500_000};
		},
	});
	const {press, waitFor, unmount} = mountApp({store, port, controllers: {suspend: suspender}});
	await press('2', 'P');
	await waitFor(/y prune/);
	await press('y');
	await waitFor(/pruning/);
	await press(ctrlZ);
	await waitFor(() => events.includes('refresh'));
	assert.deepEqual(
		events.filter((event) => event === 'stop'),
		['stop'],
	);
	assert.match(await waitFor(/pruning/), /pruning/, 'the dialog is not cancelled');
	finish();
	await waitFor(/Deleted 1 image; reclaimed 2\.5MB/);
	assert.equal(names().filter((name) => name === 'runImagePrune').length, 1);
	unmount();
});

test('Ctrl-Z in a text box suspends and types nothing', async () => {
	const store = makeStore();
	const {suspender, events} = fakeSuspender(store);
	const {press, waitFor, unmount} = mountApp({store, controllers: {suspend: suspender}});
	await press('/', 'a', 'p');
	await waitFor(/\/ap_/);
	await press(ctrlZ);
	await waitFor(() => events.includes('refresh'));
	assert.equal(events.filter((event) => event === 'stop').length, 1);
	assert.equal(store.get().ui.panes.containers.filter, 'ap');
	await press('p');
	await waitFor(/\/app_/);
	unmount();
});

test('Ctrl-Z is refused with a status line while a shell in a container has (or is getting) the terminal', async () => {
	const store = makeStore();
	const handoff = new ExecHandoff();
	handoff.request({id: '1'.repeat(64), name: 'web', cmd: ['sh']});
	const {suspender, events} = fakeSuspender(store, {owner: () => handoff.owner()});
	const {press, waitFor, unmount} = mountApp({store, controllers: {suspend: suspender, handoff}});
	await press(ctrlZ);
	await waitFor(/Ctrl-Z: not while the shell in web has the terminal/);
	assert.equal(events.length, 0, 'nothing paused, nothing stopped');
	assert.equal(suspender.takeRefusal(), 'Ctrl-Z was refused meanwhile');
	assert.equal(suspender.takeRefusal(), undefined, 'said once');
	handoff.take();
	await press(ctrlZ);
	await waitFor(() => events.includes('stop'));
	unmount();
});

test('Ctrl-Z with no job control: the status line says why, nothing is stopped', async () => {
	const store = makeStore();
	const reason = 'no job control here (not started from an interactive shell)';
	const {suspender, events} = fakeSuspender(store, {jobs: {ok: false, reason}});
	const {press, waitFor, unmount} = mountApp({store, controllers: {suspend: suspender}});
	await press(ctrlZ);
	await waitFor(/Ctrl-Z: cannot suspend, no job control here \(not started from an interactive shell\)/);
	assert.equal(events.length, 0, 'nothing paused, nothing stopped');
	unmount();
});

test('without a suspender (no terminal of its own) Ctrl-Z is refused', async () => {
	const {press, waitFor, unmount} = mountApp({store: makeStore()});
	await press(ctrlZ);
	await waitFor(/Ctrl-Z: cannot suspend here/);
	unmount();
});

test('/proc stat lines: fields counted after the command name, which may hold spaces and parentheses', () => {
	assert.deepEqual(parseStat('4242 (node) S 4000 4242 3999 34816 4242 4194304 1 0'), {
		pid: 4242,
		ppid: 4000,
		pgrp: 4242,
		session: 3999,
		ttyNr: 34816,
		tpgid: 4242,
	});
	assert.equal(parseStat('77 (a (b) c) R 1 77 77 0 -1 0')?.tpgid, -1);
	assert.equal(parseStat('garbage'), undefined);
});

const proc = (pid: number, ppid: number, pgrp: number, session: number, tpgid = pgrp, ttyNr = 34816): ProcStat => ({
	pid,
	ppid,
	pgrp,
	session,
	ttyNr,
	tpgid,
});

test('job control: a job of an interactive shell has it; sh -c, no terminal, or a background job do not', () => {
	const terminal = proc(100, 1, 100, 100, 200); // tmux or sshd's child: the session leader
	// An interactive shell put tsdock in its own process group (the foreground one).
	const job = proc(200, 100, 200, 100);
	assert.deepEqual(jobControlOf(job, [terminal, job]), {ok: true});
	// tsdock under a wrapper in the same job (a waiter, npx): the wrapper's parent is the shell.
	const wrapper = proc(300, 100, 300, 100);
	const child = proc(301, 300, 300, 100);
	assert.deepEqual(jobControlOf(child, [terminal, wrapper, child]), {ok: true});
	// sh -c as the session's program: tsdock shares its group, whose only outside parent is in another session.
	const shc = proc(400, 1, 400, 400);
	const underShc = proc(401, 400, 400, 400);
	const verdict = jobControlOf(underShc, [proc(1, 0, 1, 1, -1, 0), shc, underShc]);
	assert.equal(verdict.ok, false);
	assert.match(!verdict.ok ? verdict.reason : '', /no job control here/);
	// No controlling terminal at all; in the background of one.
	assert.deepEqual(jobControlOf(proc(500, 100, 500, 100, -1, 0), [terminal]), {
		ok: false,
		reason: 'no controlling terminal',
	});
	assert.equal(jobControlOf(proc(600, 100, 600, 100, 200), [terminal]).ok, false);
});
