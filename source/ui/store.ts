/**
 * A tiny observable store outside React: the state survives unmounting Ink (e.g. for an exec shell). The
 * reducer is its only writer: everything changes the state by dispatching a Change.
 */
import type {Change} from './state/changes.ts';
import {reduce} from './state/reducer.ts';
import {initialAppState, type AppState} from './state/types.ts';

export type Store = {
	get(): AppState;
	/** Apply a change; listeners run only when it changed something. */
	dispatch(change: Change): void;
	subscribe(listener: () => void): () => void;
};

export function createStore(initial: AppState = initialAppState()): Store {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		get: () => state,
		dispatch(change) {
			const next = reduce(state, change);
			if (next === state) return;
			state = next;
			for (const listener of [...listeners]) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
