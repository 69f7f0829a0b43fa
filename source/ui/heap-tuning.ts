/**
 * Memory tuning of a long-running UI, applied once start-up is over (source/ui/run.tsx).
 *
 * - V8 doubles its young generation whenever many objects survive a scavenge, up to 64 MB per semi-space.
 *   Under a log flood every line survives a while in the view's buffer, and the young generation grew from
 *   34 MB to 134 MB (RSS 290 MB). `--semi-space-growth-factor=1` stops that growth: the young generation
 *   keeps the size start-up gave it.
 * - V8 grows the old generation by a factor it picks from GC speed (up to 4x). Under the same flood that grew
 *   RSS in 10 MB steps for 20 s. `--heap-growing-percent=10` makes each step at most 10%: RSS held at about
 *   120 MB instead of 155 MB, for about 14% more CPU while the flood ran (docs/benchmarks.md).
 *
 * Both flags are read by V8 each time it considers growing, so they work after start (Node leaves V8's flags
 * writable for node:v8 setFlagsFromString; the semi-space size and old-space limit flags are read only at
 * start). Set at launch they cost about 40 ms of start-up (it then runs with 1 MB semi-spaces), hence the
 * delay. test/ui-heap-tuning.test.ts checks that the pinned Node still honours them.
 *
 * Start-up leaves the young generation at 34 MB with about 17 MB of it touched, and V8 keeps the pages it frees
 * in a pool. Once the UI is idle, one memory-reducing full GC (V8's gc extension, flavor 'last-resort': what
 * V8 runs on a low-memory notification) shrinks the young generation to 1 MB and returns the pooled pages:
 * RSS 10 s after launch fell from 101.6 MB to 82.4 MB (docs/benchmarks.md), for one pause of ~33 ms. The
 * same runs when the logs view closes, which is where the heap grows most.
 */
import v8 from 'node:v8';
import {nodeVm} from '../core/builtin.ts';

export const HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'] as const;

/** Apply the flags. False when this Node refuses one. */
export function tuneHeap(): boolean {
	try {
		for (const flag of HEAP_FLAGS) v8.setFlagsFromString(flag);
		return true;
	} catch {
		return false;
	}
}

/** Apply them `afterMs` after the UI starts (the first listing and frames are drawn by then). */
export function tuneHeapAfterStartup(afterMs = 1000): void {
	setTimeout(tuneHeap, afterMs).unref();
}

type GcFunction = (options?: {
	type?: 'major' | 'minor';
	execution?: 'sync' | 'async';
	flavor?: 'regular' | 'last-resort';
}) => void;
let gcFunction: GcFunction | null | undefined;

/** V8's gc(), made available after start: the flag only exposes it to contexts created from then on. */
function exposedGc(): GcFunction | null {
	if (gcFunction !== undefined) return gcFunction;
	try {
		v8.setFlagsFromString('--expose-gc');
		const found: unknown = nodeVm().runInNewContext('typeof gc === "function" ? gc : null');
		gcFunction = typeof found === 'function' ? (found as GcFunction) : null;
	} catch {
		gcFunction = null;
	}
	return gcFunction;
}

/** One memory-reducing full GC: frees the young generation's unused pages and V8's page pool. False when unavailable. */
export function compactHeap(): boolean {
	const gc = exposedGc();
	if (!gc) return false;
	gc({type: 'major', execution: 'sync', flavor: 'last-resort'});
	return true;
}

/**
 * Debounced compaction: each call (re)starts the wait, so it runs once things have been quiet for `afterMs`,
 * and only if `allowed()` still says so then (a pause is not wanted while a log flood is on screen).
 */
export function compactionScheduler(afterMs: number, allowed: () => boolean = () => true): () => void {
	let timer: NodeJS.Timeout | undefined;
	return () => {
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			timer = undefined;
			if (allowed()) compactHeap();
		}, afterMs);
		timer.unref();
	};
}
