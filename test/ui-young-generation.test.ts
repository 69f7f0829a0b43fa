// The young-generation cap (source/ui/young-generation.ts) on the pinned Node: after it is set, V8's young
// generation stops growing under an allocation pattern that otherwise grows it many times over.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {projectRoot} from './helpers/cli.ts';
import {nodeBinary} from './helpers/tmux.ts';

// Lines kept a while in a ring, as the log view keeps them: many objects survive each scavenge.
const churn = (cap: boolean) => `
import v8 from 'node:v8';
${cap ? `const {capYoungGeneration} = await import(${JSON.stringify(path.join(projectRoot, 'source/ui/young-generation.ts'))});
if (!capYoungGeneration()) throw new Error('flag refused');` : ''}
const ring = new Array(10000);
for (let i = 0; i < 3_000_000; i++) ring[i % ring.length] = {text: 'flood line ' + i, seq: i};
const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(space.space_size);
`;

const newSpaceAfter = (cap: boolean) => Number(execFileSync(nodeBinary, ['--import', 'tsx', '--input-type=module', '-e', churn(cap)], {cwd: projectRoot, encoding: 'utf8'}).trim());

test('capping the young generation keeps it at its size; without the cap the same churn grows it', () => {
	const capped = newSpaceAfter(true);
	const free = newSpaceAfter(false);
	assert.ok(capped <= 8 * 1024 * 1024, `capped young generation ${capped} bytes`);
	assert.ok(free >= 4 * capped, `uncapped ${free} bytes vs capped ${capped}`);
});
