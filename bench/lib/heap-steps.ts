/**
 * How the old generation grows under the log view's allocation pattern (lines kept a while in a ring), with the
 * heap tuning of source/ui/heap-tuning.ts and with the young-generation flag alone: what
 * test/ui-heap-tuning.test.ts once asserted (tuned peak <= 0.9x). Each case is a fresh plain node process on the
 * pinned Node with GC on the main thread only (--single-threaded-gc), so collections land at the same points
 * whatever else the machine runs; it records every change of the old space's size.
 */
import {execFile} from 'node:child_process';
import {HEAP_FLAGS} from '../../source/ui/heap-tuning.ts';

export type HeapSetup = 'tuned' | 'semi-space only';
export type HeapRun = {oldPeak: number; steps: number[]};

function script(setup: HeapSetup, ringSize: number, lines: number): string {
	return `
import v8 from 'node:v8';
${setup === 'tuned' ? `for (const flag of ${JSON.stringify(HEAP_FLAGS)}) v8.setFlagsFromString(flag);` : `v8.setFlagsFromString('--semi-space-growth-factor=1');`}
const size = (name) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name).space_size;
const ring = new Array(${ringSize});
let last = size('old_space');
let oldPeak = last;
const steps = [];
for (let i = 0; i < ${lines}; i++) {
	ring[i % ring.length] = {text: 'flood line ' + i, seq: i};
	if (i % 20000 === 0) {
		const now = size('old_space');
		if (now > last) steps.push(now - last);
		last = now;
		oldPeak = Math.max(oldPeak, now);
	}
}
console.log(JSON.stringify({oldPeak, steps}));
`;
}

export function heapRun(nodeBinary: string, cwd: string, setup: HeapSetup, ringSize: number, lines: number) {
	return new Promise<HeapRun>((resolve, reject) => {
		execFile(
			nodeBinary,
			['--single-threaded-gc', '--input-type=module', '-e', script(setup, ringSize, lines)],
			{cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024},
			(error, stdout) => {
				if (error) reject(error);
				else resolve(JSON.parse(stdout.trim()) as HeapRun);
			},
		);
	});
}
