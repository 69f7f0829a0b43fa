// The benchmark harness runs end to end on a tiny load (--quick) and writes a well-formed report with every
// figure's key. No timing is asserted here: the numbers belong in docs/benchmarks.md, not in a pass/fail test.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {projectRoot} from './helpers/cli.ts';
import {FIGURE_KEYS} from '../bench/lib/report.ts';

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
