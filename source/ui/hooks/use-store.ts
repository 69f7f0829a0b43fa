import {useSyncExternalStore} from 'react';
import type {Store} from '../store.ts';
import type {AppState} from '../state/types.ts';

/** A slice of the store; the component re-renders only when the slice (compared by identity) changes. */
export function useStore<T>(store: Store, select: (state: AppState) => T): T {
	return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
