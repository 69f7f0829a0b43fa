// The benchmark harness runs end to end on a tiny load (--quick) and writes a well-formed report with every
// figure's key; a run of named sections measures those alone. No timing is asserted here: the numbers belong in docs/benchmarks.md, not in a pass/fail test.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {projectRoot} from './helpers/cli.ts';
import {FIGURE_KEYS, FIGURE_SECTION, SECTIONS} from '../bench/lib/report.ts';

test('npm run bench -- --quick writes a report with every figure', () => {
	const out = mkdtempSync(path.join(tmpdir(), 'tsd-bench-smoke-'));
	try {
		const run = spawnSync(process.execPath, ['scripts/bench.mjs', '--quick', '--no-build', '--out', out], {
			cwd: projectRoot,
			encoding: 'utf8',
			timeout: 240_000,
		});
		assert.equal(run.status, 0, `bench --quick failed:\n${run.stderr}`);
		const json = JSON.parse(readFileSync(path.join(out, 'benchmarks.json'), 'utf8'));
		assert.equal(json.mode, 'quick');
		assert.deepEqual(json.sections, [...SECTIONS], 'with no section named, all run');
		for (const key of ['date', 'machine', 'versions', 'loads', 'raw', 'figures'])
			assert.ok(key in json, `report has ${key}`);
		for (const key of FIGURE_KEYS) {
			const figure = json.figures[key];
			assert.ok(figure, `figure ${key} is present`);
			for (const field of ['label', 'target', 'unit', 'median', 'min', 'max', 'pass', 'note'])
				assert.ok(field in figure, `${key}.${field}`);
			assert.ok(
				figure.pass === true || figure.pass === false || figure.pass === null,
				`${key}.pass is a boolean or null`,
			);
		}
		const markdown = readFileSync(path.join(out, 'benchmarks.md'), 'utf8');
		assert.match(markdown, /QUICK RUN/);
		assert.match(markdown, /\| Figure \| Target \| Measured/);
	} finally {
		rmSync(out, {recursive: true, force: true});
	}
});

test('npm run bench -- table-move heap-steps measures those sections alone (no daemon)', () => {
	const out = mkdtempSync(path.join(tmpdir(), 'tsd-bench-sections-'));
	try {
		const run = spawnSync(
			process.execPath,
			['scripts/bench.mjs', '--quick', '--no-build', '--out', out, 'heap-steps', 'table-move'],
			{cwd: projectRoot, encoding: 'utf8', timeout: 240_000},
		);
		assert.equal(run.status, 0, `bench failed:\n${run.stderr}`);
		assert.doesNotMatch(run.stderr, /daemon /, 'no daemon was started');
		const json = JSON.parse(readFileSync(path.join(out, 'benchmarks.json'), 'utf8'));
		assert.deepEqual(json.sections, ['table-move', 'heap-steps'], "in the suite's order");
		assert.deepEqual(
			Object.keys(json.figures).sort(),
			FIGURE_KEYS.filter((key) => ['table-move', 'heap-steps'].includes(FIGURE_SECTION[key])).sort(),
		);
		assert.ok(json.raw.tableMove.perMoveMs.n > 0 && json.raw.heapSteps.tuned.oldPeakMiB.n > 0);
		const markdown = readFileSync(path.join(out, 'benchmarks.md'), 'utf8');
		assert.match(markdown, /Sections measured: table-move, heap-steps/);
		assert.match(markdown, /Table component: one cursor move on a 10,000-row list/);
		assert.doesNotMatch(markdown, /launch → container list drawn/);

		const wrong = spawnSync(process.execPath, ['scripts/bench.mjs', '--no-build', 'nosuch'], {
			cwd: projectRoot,
			encoding: 'utf8',
		});
		assert.equal(wrong.status, 2);
		assert.match(wrong.stderr, /no section nosuch; the sections are: startup, table-move/);
	} finally {
		rmSync(out, {recursive: true, force: true});
	}
});
