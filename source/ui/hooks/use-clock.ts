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

/**
 * When to wake for a change due at `changesAtMs`: on a grid that fits how far off it is, so rows whose texts change
 * at different fractions of a second (or seconds of a minute) share one tick instead of each getting its own
 * (40 young rows would be 40 redraws a second). A change within a minute ("Up 5 seconds") shows on the next
 * whole second, one within an hour ("Up 5 minutes") up to 10 s late, a later one up to a minute late. Pure.
 */
export function wakeAt(changesAtMs: number, nowMs: number): number {
	const ahead = changesAtMs - nowMs;
	const grid = ahead <= 60_000 ? 1000 : ahead <= 3_600_000 ? 10_000 : 60_000;
	return Math.ceil(changesAtMs / grid) * grid;
}
/** Node's timers hold at most ~24.8 days; a later change is waited for in steps. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/** Dispatch `now` when the time passes `changesAt` (Unix seconds; undefined: nothing on screen will change). */
export function useClock(store: Store, changesAt: number | undefined): void {
	useEffect(() => {
		if (changesAt === undefined || !Number.isFinite(changesAt)) return;
		let timer: NodeJS.Timeout | undefined;
		const due = wakeAt(changesAt * 1000, Date.now());
		const wait = () => {
			const delay = Math.min(LONGEST_WAIT_MS, Math.max(0, due - Date.now()) + CLOCK_SLACK_MS);
			timer = setTimeout(() => {
				if (Date.now() < due) wait();
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
