// The heap tuning (source/ui/heap-tuning.ts) on the pinned Node: once applied, V8's young generation stops
// growing under an allocation pattern that otherwise grows it many times over, and the flag that makes the old
// generation grow in small steps is one this V8 knows (the size of those steps is measured by
// npm run bench -- heap-steps, not asserted). Each case runs in a fresh plain node process (no TypeScript loader
// allocating first), which sets the module's flags the way tuneHeap does; they stay set for the process.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {nodeBinary, projectRoot} from './helpers/cli.ts';
import {HEAP_FLAGS} from '../source/ui/heap-tuning.ts';

/** Lines kept a while in a ring, as the log view keeps them: the young generation's size after, the old one's peak. */
function spacesAfterChurn(
	setup: 'tuned' | 'semi-space only' | 'none',
	ringSize: number,
	lines: number,
): {newSpace: number; oldPeak: number} {
	const script = `
import v8 from 'node:v8';
${setup === 'tuned' ? `for (const flag of ${JSON.stringify(HEAP_FLAGS)}) v8.setFlagsFromString(flag);` : ''}
${setup === 'semi-space only' ? `v8.setFlagsFromString('--semi-space-growth-factor=1');` : ''}
const size = (name) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name).space_size;
const ring = new Array(${ringSize});
let oldPeak = 0;
for (let i = 0; i < ${lines}; i++) {
	ring[i % ring.length] = {text: 'flood line ' + i, seq: i};
	if (i % 20000 === 0) oldPeak = Math.max(oldPeak, size('old_space'));
}
console.log(JSON.stringify({newSpace: size('new_space'), oldPeak}));
`;
	return JSON.parse(
		execFileSync(nodeBinary, ['--single-threaded-gc', '--input-type=module', '-e', script], {
			cwd: projectRoot,
			encoding: 'utf8',
		}).trim(),
	);
}

test('tuned, the young generation keeps its size; untuned, the same churn grows it', () => {
	const tuned = spacesAfterChurn('tuned', 10_000, 3_000_000).newSpace;
	const free = spacesAfterChurn('none', 10_000, 3_000_000).newSpace;
	assert.ok(tuned <= 8 * 1024 * 1024, `tuned young generation ${tuned} bytes`);
	assert.ok(free >= 4 * tuned, `untuned ${free} bytes vs tuned ${tuned}`);
});

test('the old generation step flag is one this V8 knows, and tuneHeap applies both flags', () => {
	// How much smaller the old generation's steps are with it is a measurement (a peak that moves with the
	// machine's load): npm run bench -- heap-steps reports it. Here: the pinned Node still has the flags.
	const options = execFileSync(nodeBinary, ['--v8-options'], {encoding: 'utf8', maxBuffer: 16 * 1024 * 1024});
	for (const flag of HEAP_FLAGS) {
		const name = flag.replace(/=.*$/, '');
		assert.ok(options.includes(`  ${name} `) || options.includes(`  ${name}\n`), `${name} is a V8 option`);
	}
	const script = `
import v8 from 'node:v8';
const {tuneHeap} = await import(${JSON.stringify(path.join(projectRoot, 'source/ui/heap-tuning.ts'))});
console.log(JSON.stringify({applied: tuneHeap()}));
`;
	const result = JSON.parse(
		execFileSync(nodeBinary, ['--input-type=module', '-e', script], {cwd: projectRoot, encoding: 'utf8'}).trim(),
	);
	assert.equal(result.applied, true);
});

test('compactHeap: one memory-reducing GC shrinks the young generation to 1 MB and gives its pages back', () => {
	// A fresh plain node process on the pinned Node (it strips the module's types itself).
	const script = `
import v8 from 'node:v8';
const {compactHeap} = await import(${JSON.stringify(path.join(projectRoot, 'source/ui/heap-tuning.ts'))});
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
const keep = [];
for (let i = 0; i < 400000; i++) { const line = {text: 'line ' + i}; if (i % 3 === 0) keep.push(line); }
keep.length = 0;
const before = newSpace();
const ok = compactHeap();
const after = newSpace();
console.log(JSON.stringify({ok, before: before.physical_space_size, after: after.physical_space_size, afterSize: after.space_size}));
`;
	const result = JSON.parse(
		execFileSync(nodeBinary, ['--single-threaded-gc', '--input-type=module', '-e', script], {
			cwd: projectRoot,
			encoding: 'utf8',
		}).trim(),
	);
	assert.equal(result.ok, true, 'gc() with the last-resort flavor is available after start');
	assert.ok(result.before >= 4 * 1024 * 1024, `the churn touched the young generation: ${result.before} bytes`);
	assert.ok(result.afterSize <= 1024 * 1024, `young generation after: ${result.afterSize} bytes`);
	assert.ok(result.after <= result.before / 4, `touched pages ${result.before} → ${result.after} bytes`);
});
