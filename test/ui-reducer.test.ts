// The UI's pure logic as reducer tests (no rendering): the cursor, the switcher, the dialog's scroll, the
// history cursor, marks, toggles and sorts from the pane registry, listings that change nothing, and the mode.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ContainerSummary, Target} from '../source/core/index.ts';
import {panes, paneSpec} from '../source/ui/panes/registry.ts';
import {keymap} from '../source/ui/keys/keymap.ts';
import {moveOf} from '../source/ui/keys/movement.ts';
import {erased, printable, typed} from '../source/ui/keys/text-field.ts';
import type {Change} from '../source/ui/state/changes.ts';
import {modeOf} from '../source/ui/state/mode.ts';
import {reduce} from '../source/ui/state/reducer.ts';
import {openSwitcher} from '../source/ui/state/switcher.ts';
import {initialAppState, type AppState} from '../source/ui/state/types.ts';

const apply = (state: AppState, ...changes: Change[]) => changes.reduce(reduce, state);

const container = (id: string): ContainerSummary => ({
	Id: id.repeat(64).slice(0, 64),
	Names: [`/${id}`],
	Image: 'busybox',
	ImageID: 'sha256:1',
	Command: 'sh',
	Created: 1_700_000_000,
	State: 'running',
	Status: 'Up',
	Ports: [],
	Labels: {},
	Mounts: [],
});

test('a listing equal to the one held, or a change that changes nothing, keeps the same state object', () => {
	const list = [container('a'), container('b')];
	const listed = apply(initialAppState(), {type: 'listed-containers', list});
	assert.notEqual(listed, initialAppState());
	assert.equal(reduce(listed, {type: 'listed-containers', list: structuredClone(list)}), listed);
	assert.equal(reduce(listed, {type: 'status', status: undefined}), listed);
	assert.equal(reduce(listed, {type: 'filter-clear'}), listed);
	assert.equal(reduce(listed, {type: 'details-close'}), listed);
	assert.equal(reduce(listed, {type: 'connection', connection: {state: 'connecting'}}), listed);
	assert.notEqual(reduce(listed, {type: 'listed-containers', list: [container('a')]}), listed);
});

test('the prefetched running containers are drawn only until the full listing comes', () => {
	const first = apply(initialAppState(), {type: 'prefetched', list: [container('a')]});
	assert.equal(first.data.containers?.partial, true);
	const full = reduce(first, {type: 'listed-containers', list: [container('a')]});
	assert.equal(full.data.containers?.partial, undefined, 'the same list, now complete');
	assert.equal(reduce(full, {type: 'prefetched', list: []}), full, 'a late prefetch changes nothing');
});

test('a failed listing sets its error and the status line once; a good one clears it', () => {
	const failed = apply(initialAppState(), {type: 'list-failed', kind: 'df', error: 'timed out'});
	assert.equal(failed.data.errors.df, 'timed out');
	assert.deepEqual(failed.status, {text: 'could not list disk usage: timed out', tone: 'error'});
	assert.equal(reduce(failed, {type: 'list-failed', kind: 'df', error: 'timed out'}), failed);
	assert.equal(reduce(failed, {type: 'list-ok', kind: 'df'}).data.errors.df, undefined);
});

test('another host: its lists, engine and views go; panes, sorts, filters and toggles stay', () => {
	const before = apply(
		initialAppState(),
		{type: 'listed-containers', list: [container('a')]},
		{type: 'pane', pane: 'images'},
		{type: 'cycle-sort'},
		{type: 'toggle', name: 'danglingImages'},
		{type: 'logs-open', target: {id: 'a', name: 'a'}},
		{type: 'engine', engine: {name: 'Docker', version: '20.10', apiVersion: '1.41'}},
	);
	const after = reduce(before, {type: 'host-switched', status: {text: 'switched', tone: 'info'}});
	assert.equal(after.data.containers, undefined);
	assert.equal(after.engine, undefined);
	assert.equal(after.ui.logs, undefined);
	assert.deepEqual(after.connection, {state: 'connecting'});
	assert.equal(after.ui.pane, 'images');
	assert.equal(after.ui.panes.images.sort, before.ui.panes.images.sort);
	assert.equal(after.ui.toggles.danglingImages, true);
});

test('toggles and sorts come from the pane registry: a toggle restarts its own pane at the top', () => {
	let state = apply(initialAppState(), {type: 'pane', pane: 'volumes'}, {type: 'select', id: 'x', index: 7, top: 3});
	state = reduce(state, {type: 'toggle', name: 'unusedVolumes'});
	assert.deepEqual([state.ui.panes.volumes.index, state.ui.panes.volumes.top], [0, 0]);
	for (const spec of panes) {
		let sorted = reduce(initialAppState(), {type: 'pane', pane: spec.id});
		const seen: string[] = [];
		for (let i = 0; i < spec.sorts.length; i++) {
			seen.push(sorted.ui.panes[spec.id].sort);
			sorted = reduce(sorted, {type: 'cycle-sort'});
		}
		assert.deepEqual(seen, [...spec.sorts], `${spec.id}: S cycles through its sorts`);
		assert.equal(sorted.ui.panes[spec.id].sort, spec.sorts[0], `${spec.id}: and back to the first`);
	}
	const stepped = apply(initialAppState(), {type: 'pane-step', step: -1});
	assert.equal(stepped.ui.pane, panes.at(-1)!.id, 'Shift-Tab from the first pane goes to the last');
});

test('marks: Space toggles a row in its pane; clearing them after an action', () => {
	let state = apply(
		initialAppState(),
		{type: 'mark', pane: 'images', id: 'a'},
		{type: 'mark', pane: 'images', id: 'b'},
	);
	assert.deepEqual(state.ui.panes.images.marked, ['a', 'b']);
	state = reduce(state, {type: 'mark', pane: 'images', id: 'a'});
	assert.deepEqual(state.ui.panes.images.marked, ['b']);
	state = reduce(state, {type: 'marks-clear', pane: 'images'});
	assert.equal(state.ui.panes.images.marked, undefined);
	assert.equal(reduce(state, {type: 'marks-clear', pane: 'images'}), state);
});

test('details and help scroll within their lines; the dialog scroll stays within its bounds', () => {
	let state = apply(
		initialAppState(),
		{type: 'details-open', target: {kind: 'container', id: 'a', label: 'a'}},
		{type: 'details-scroll', move: 'bottom', lines: 50, height: 20},
	);
	assert.equal(state.ui.details?.top, 30);
	state = reduce(state, {type: 'details-scroll', move: 'page-up', lines: 50, height: 20});
	assert.equal(state.ui.details?.top, 11);
	state = apply(state, {type: 'help-open'}, {type: 'help-scroll', move: 'down', lines: 5, height: 20});
	assert.equal(state.ui.help?.top, 0, 'a short help does not scroll');
	state = reduce(state, {
		type: 'dialog',
		dialog: {kind: 'tag', target: {id: 'i', label: 'i'}, text: '', phase: 'confirm', top: 0},
	});
	state = apply(state, {type: 'dialog-scroll', step: 5, max: 3});
	assert.equal(state.ui.dialog?.top, 3);
	state = apply(state, {type: 'dialog-scroll', step: -10, max: 3});
	assert.equal(state.ui.dialog?.top, 0);
});

test('the tag prompt takes text only while it waits for it', () => {
	const waiting = apply(initialAppState(), {
		type: 'dialog',
		dialog: {kind: 'tag', target: {id: 'i', label: 'i'}, text: '', phase: 'confirm', top: 0, error: 'bad'},
	});
	const typedText = reduce(waiting, {type: 'dialog-text', text: 'web:1'});
	assert.equal(typedText.ui.dialog?.kind === 'tag' && typedText.ui.dialog.text, 'web:1');
	assert.equal(typedText.ui.dialog?.error, undefined, 'typing clears the last error');
	const running = reduce(typedText, {type: 'dialog', dialog: {...typedText.ui.dialog!, phase: 'running'}});
	assert.equal(reduce(running, {type: 'dialog-text', text: 'x'}), running);
});

test('the switcher moves within its targets and keeps its window', () => {
	const targets: Target[] = Array.from({length: 12}, (_, i) => ({
		name: `h${i}`,
		host: `tcp://127.0.0.1:${2000 + i}`,
		source: 'saved',
		current: i === 2,
	}));
	let state = reduce(initialAppState(), {type: 'switcher', switcher: openSwitcher(targets)});
	assert.equal(state.ui.switcher?.index, 2, 'opens on the current target');
	state = apply(state, {type: 'switcher-move', move: 'bottom', height: 5});
	assert.deepEqual([state.ui.switcher?.index, state.ui.switcher?.top], [11, 7]);
	state = apply(state, {type: 'switcher-move', move: 'page-up', height: 5});
	assert.deepEqual([state.ui.switcher?.index, state.ui.switcher?.top], [7, 7]);
	state = apply(state, {type: 'switcher-naming', naming: 'prod'});
	assert.equal(modeOf(state.ui), 'switcher-input');
	state = apply(state, {type: 'switcher-naming', naming: undefined});
	assert.equal(modeOf(state.ui), 'switcher');
});

test('the history cursor: moves over its layers, the whole-layer view scrolls, back goes whole → layers → list', () => {
	let state = apply(
		initialAppState(),
		{type: 'history-open', id: 'sha256:1', label: 'img:1'},
		{type: 'history-move', move: 'bottom', count: 30, height: 10},
	);
	assert.deepEqual([state.ui.history?.index, state.ui.history?.top], [29, 20]);
	state = apply(state, {type: 'history-move', move: 'up', count: 30, height: 10});
	assert.deepEqual([state.ui.history?.index, state.ui.history?.top], [28, 20]);
	state = apply(state, {type: 'history-whole'}, {type: 'history-scroll-whole', move: 'down', lines: 40, height: 10});
	assert.equal(state.ui.history?.wholeTop, 1);
	assert.equal(modeOf(state.ui), 'history');
	state = reduce(state, {type: 'history-back'});
	assert.equal(state.ui.history?.whole, false);
	state = reduce(state, {type: 'history-back'});
	assert.equal(state.ui.history, undefined);
	assert.equal(modeOf(state.ui), 'list');
});

test('the mode: switcher over dialog over help over views over the filter over details over the list', () => {
	const base = initialAppState().ui;
	assert.equal(modeOf(base), 'list');
	assert.equal(modeOf({...base, details: {kind: 'image', id: 'i', label: 'i', top: 0}}), 'details');
	assert.equal(modeOf({...base, details: {kind: 'image', id: 'i', label: 'i', top: 0}, filtering: true}), 'filter');
	assert.equal(modeOf({...base, logs: {id: 'a', name: 'a'}, filtering: true}), 'logs');
	assert.equal(modeOf({...base, logs: {id: 'a', name: 'a'}, prompt: {kind: 'search', text: ''}}), 'prompt');
	assert.equal(modeOf({...base, logs: {id: 'a', name: 'a'}, help: {top: 0}}), 'help');
	const dialog = {kind: 'tag' as const, target: {id: 'i', label: 'i'}, text: '', phase: 'confirm' as const, top: 0};
	assert.equal(modeOf({...base, help: {top: 0}, dialog}), 'dialog-input');
	assert.equal(modeOf({...base, dialog, switcher: openSwitcher([])}), 'switcher');
});

test('the key map: every binding has a kind; write keys are labelled; pane digits and toggles come from the registry', () => {
	for (const binding of keymap) {
		assert.ok(['show', 'text', 'write', 'act'].includes(binding.kind), binding.description);
		if (binding.kind === 'write') assert.ok(binding.label, `${binding.command} says what a refusal calls it`);
	}
	panes.slice(0, 9).forEach((spec, i) => {
		const digit = keymap.find((binding) => binding.command === `pane-${spec.id}`);
		assert.deepEqual(digit?.keys, [String(i + 1)], `${spec.id} is reached with ${i + 1}`);
	});
	for (const spec of panes.filter((pane) => pane.toggle)) {
		const toggle = keymap.find((binding) => binding.command === spec.toggle!.command);
		assert.deepEqual(toggle?.panes, [spec.id]);
	}
	assert.equal(paneSpec('disk').sorts.length, 1);
	assert.ok(
		!keymap.find((binding) => binding.command === 'cycle-sort')!.panes!.includes('disk'),
		'no S where one sort',
	);
	// Each key means one thing per mode and pane.
	for (const spec of panes) {
		for (const mode of ['list', 'details', 'filter', 'help', 'dialog', 'logs', 'history', 'switcher'] as const) {
			const seen = new Map<string, string>();
			for (const binding of keymap.filter((b) => b.modes.includes(mode) && (!b.panes || b.panes.includes(spec.id)))) {
				for (const key of binding.keys) {
					assert.ok(
						!seen.has(key),
						`${key} in ${mode} (${spec.id}) is bound twice: ${seen.get(key)} and ${binding.command}`,
					);
					seen.set(key, binding.command);
				}
			}
		}
	}
});

test('one movement mapping; one text field: typing keeps printable text, Backspace takes a whole character', () => {
	assert.equal(moveOf('page-down'), 'page-down');
	assert.equal(moveOf('open-details'), undefined);
	assert.equal(typed('we', 'b\u001b[31m\u0007'), 'web[31m');
	assert.equal(printable('a\tb\r'), 'ab');
	assert.equal(erased('tag:😀'), 'tag:');
	assert.equal(erased(''), '');
});
