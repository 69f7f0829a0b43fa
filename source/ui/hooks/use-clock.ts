/**
 * The clock of relative times: one timer, set for the moment the first relative text on screen changes
 * ("Up 59 seconds" → "Up About a minute"), which then dispatches a `now` change. Nothing relative on screen: no
 * timer at all. So a screen whose times are hours old wakes once an hour at most, and a container a few seconds
 * old redraws once a second, only for as long as it is shown.
 */
import {useEffect} from 'react';
import type {Store} from '../store.ts';

/** A text changes at a whole second of the daemon's clock: wake a little after, so it has surely changed. */
export const CLOCK_SLACK_MS = 20;
/** Node's timers hold at most ~24.8 days; a later change is waited for in steps. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/** Dispatch `now` when the time passes `changesAt` (Unix seconds; undefined: nothing on screen will change). */
export function useClock(store: Store, changesAt: number | undefined): void {
	useEffect(() => {
		if (changesAt === undefined || !Number.isFinite(changesAt)) return;
		let timer: NodeJS.Timeout | undefined;
		const wait = () => {
			const delay = Math.min(LONGEST_WAIT_MS, Math.max(0, changesAt * 1000 - Date.now()) + CLOCK_SLACK_MS);
			timer = setTimeout(() => {
				if (Date.now() < changesAt * 1000) wait();
				else store.dispatch({type: 'now', now: Date.now() / 1000});
			}, delay);
		};
		wait();
		return () => clearTimeout(timer);
	}, [store, changesAt]);
}

/** The first time any of `rows` changes a text (ListRow.changesAt). */
export function firstChange(rows: ReadonlyArray<{changesAt?: number}>): number | undefined {
	let first: number | undefined;
	for (const row of rows)
		if (row.changesAt !== undefined && (first === undefined || row.changesAt < first)) first = row.changesAt;
	return first;
}
