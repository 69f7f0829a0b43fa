import {useSyncExternalStore} from 'react';
import type {LogSession} from '../logs/log-session.ts';

/** Re-render on a log session's batched changes. */
export function useLogVersion(session: LogSession | undefined): number {
	return useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getVersion ?? zero);
}

const noSubscribe = () => () => {};
const zero = () => 0;
