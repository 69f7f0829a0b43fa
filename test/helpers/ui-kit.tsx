/**
 * Mount the App for a unit test: a store seeded with the given state, the fake engine port, a fixed size. Keys
 * are written one at a time, and the test waits for the frame to show what it expects instead of sleeping a
 * fixed time.
 */
import React from 'react';
import {render} from 'ink-testing-library';
import {stripVTControlCharacters} from 'node:util';
import {setTimeout as sleep} from 'node:timers/promises';
import {App} from '../../source/ui/app.tsx';
import type {ControllerOptions} from '../../source/ui/controllers/session.ts';
import type {EnginePort} from '../../source/ui/engine-port.ts';
import {createStore, type Store} from '../../source/ui/store.ts';
import {initialAppState, type AppState} from '../../source/ui/state/types.ts';
import {makeTheme, type Theme} from '../../source/ui/theme.ts';
import {fakePort} from './fake-port.ts';

export const keys = {
	up: '\u001b[A',
	down: '\u001b[B',
	pageDown: '\u001b[6~',
	pageUp: '\u001b[5~',
	home: '\u001b[H',
	end: '\u001b[F',
	esc: '\u001b',
	enter: '\r',
	backspace: '\u007f',
	tab: '\t',
	shiftTab: '\u001b[Z',
	ctrlC: '\u0003',
};

/** Wait until `screen()` shows `pattern` (instead of a fixed sleep); fail with the screen after `ms`. */
export async function until(screen: () => string, pattern: RegExp, ms = 5000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!pattern.test(screen())) {
		if (Date.now() > deadline) throw new Error(`the screen never showed ${String(pattern)}:\n${screen()}`);
		await sleep(5);
	}
}

/** A store with `seed` over the initial state (connected unless the seed says otherwise). */
export function seededStore(seed: Partial<AppState> = {}): Store {
	return createStore({...initialAppState(), connection: {state: 'connected'}, ...seed});
}

export type Mounted = ReturnType<typeof mountApp>;

export function mountApp(
	options: {
		store?: Store;
		port?: EnginePort;
		controllers?: ControllerOptions;
		theme?: Theme;
		width?: number;
		height?: number;
	} = {},
) {
	const store = options.store ?? seededStore();
	const port = options.port ?? fakePort().port;
	const theme = options.theme ?? makeTheme({ascii: false, color: false});
	const app = render(
		<App
			store={store}
			theme={theme}
			port={port}
			options={options.controllers}
			width={options.width ?? 100}
			height={options.height ?? 24}
		/>,
	);
	const raw = () => app.lastFrame() ?? '';
	const screen = () => stripVTControlCharacters(raw());
	/** Wait until the frame satisfies `check` (a pattern or a predicate); fail with the frame after `ms`. */
	const waitFor = async (check: RegExp | ((frame: string) => boolean), ms = 5000): Promise<string> => {
		const ok = typeof check === 'function' ? check : (frame: string) => check.test(frame);
		const deadline = Date.now() + ms;
		for (;;) {
			const frame = screen();
			if (ok(frame)) return frame;
			if (Date.now() > deadline) throw new Error(`the screen never showed ${String(check)}:\n${frame}`);
			await sleep(5);
		}
	};
	/**
	 * Write keys one at a time; after each, wait for the frame to change (a key that changes nothing: up to
	 * `quiet` ms). A lone Esc first waits out Ink's pause that tells it from an escape sequence.
	 */
	const press = async (...pressed: string[]) => {
		for (const key of pressed) {
			const before = raw();
			app.stdin.write(key);
			if (key === keys.esc) await sleep(100);
			const deadline = Date.now() + 60;
			while (raw() === before && Date.now() < deadline) await sleep(2);
		}
	};
	return {app, store, port, screen, raw, press, waitFor, unmount: () => app.unmount()};
}
