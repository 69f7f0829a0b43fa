/**
 * Memory tuning of a long-running UI. V8 doubles its young generation whenever many objects survive a
 * scavenge, up to 64 MB per semi-space. Under a log flood every line survives a while in the view's buffer,
 * and the young generation grew from 34 MB to 134 MB (RSS 290 MB, docs/benchmarks.md). Once start-up is
 * over, tsdock stops that growth: the young generation keeps the size start-up gave it. Set at start, the same
 * flag cost about 40 ms of launch (start-up then runs with 1 MB semi-spaces), hence the delay.
 *
 * `--semi-space-growth-factor` is read by V8 each time it considers growing, so it works after start (Node
 * leaves V8's flags writable for node:v8 setFlagsFromString); test/ui-young-generation.test.ts checks that the
 * pinned Node still honours it.
 */
import v8 from 'node:v8';

export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

/** Stop the young generation from growing any further. False when this Node refuses the flag. */
export function capYoungGeneration(): boolean {
	try {
		v8.setFlagsFromString(YOUNG_GENERATION_FLAG);
		return true;
	} catch {
		return false;
	}
}

/** Cap it `afterMs` after the UI starts (the first listing and frames are drawn by then). */
export function capYoungGenerationLater(afterMs = 1000): void {
	setTimeout(capYoungGeneration, afterMs).unref();
}
