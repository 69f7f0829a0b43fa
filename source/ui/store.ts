/** A tiny observable store outside React: the state survives unmounting Ink (e.g. for an exec shell). */
import {uiReducer, type UiAction} from './state/ui-reducer.ts';
import {initialAppState, type AppState} from './state/types.ts';

export type Store = {
	get(): AppState;
	/** Apply a change; listeners run only when the updater returns a new object. */
	update(updater: (state: AppState) => AppState): void;
	dispatch(action: UiAction): void;
	subscribe(listener: () => void): () => void;
};

export function createStore(initial: AppState = initialAppState()): Store {
	let state = initial;
	const listeners = new Set<() => void>();
	const update = (updater: (state: AppState) => AppState) => {
		const next = updater(state);
		if (next === state) return;
		state = next;
		for (const listener of [...listeners]) listener();
	};
	return {
		get: () => state,
		update,
		dispatch: (action) =>
			update((current) => {
				const ui = uiReducer(current.ui, action);
				return ui === current.ui ? current : {...current, ui};
			}),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
