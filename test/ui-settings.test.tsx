// Settings with conf under $TSDOCK_CONFIG_DIR: read, written on change, and a corrupt file left untouched.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {openSettings, applySettings} from '../source/ui/settings.ts';
import {createStore} from '../source/ui/store.ts';
import {initialAppState, initialUiState} from '../source/ui/state/types.ts';

const scratch = () => mkdtempSync(path.join(tmpdir(), 'tsd-settings-'));

test('settings are written on change and read back next time', () => {
	const dir = scratch();
	try {
		const env = {TSDOCK_CONFIG_DIR: dir};
		const first = openSettings(env);
		assert.equal(first.problem, undefined);
		const store = createStore(initialAppState(applySettings(initialUiState(), first.values)));
		const stop = first.follow(store);
		assert.ok(!existsSync(path.join(dir, 'config.json')), 'nothing is written before anything changes');
		store.dispatch({type: 'pane', pane: 'volumes'});
		store.dispatch({type: 'toggle', name: 'unusedVolumes'});
		store.dispatch({type: 'pane', pane: 'images'});
		store.dispatch({type: 'cycle-sort'});
		stop();
		const saved = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
		assert.equal(saved.pane, 'images');
		assert.equal(saved.sort.images, 'name');
		assert.equal(saved.toggles.unusedVolumes, true);
		const second = openSettings(env);
		const ui = applySettings(initialUiState(), second.values);
		assert.equal(ui.pane, 'images');
		assert.equal(ui.panes.images.sort, 'name');
		assert.equal(ui.toggles.unusedVolumes, true);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a corrupt settings file gives a clear message and is never written', () => {
	const dir = scratch();
	try {
		mkdirSync(dir, {recursive: true});
		const file = path.join(dir, 'config.json');
		const corrupt = '{"pane": "images", oops';
		writeFileSync(file, corrupt);
		const settings = openSettings({TSDOCK_CONFIG_DIR: dir});
		assert.match(
			settings.problem ?? '',
			/config\.json is not valid JSON: using defaults, and leaving the file as it is/,
		);
		assert.deepEqual(settings.values, {});
		const store = createStore();
		const stop = settings.follow(store);
		store.dispatch({type: 'pane', pane: 'disk'});
		store.dispatch({type: 'cycle-sort'});
		stop();
		assert.equal(readFileSync(file, 'utf8'), corrupt);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
