// Issue 5's benchmark suite: builds dist/cli.js (unless --no-build), then runs bench/run.ts on the project's
// Node with tsx. Its daemon sections start their own throwaway Docker daemon (need root, like the tests).
//   npm run bench                   every section (~10 min on 2 CPUs), writes docs/benchmarks.md and .json
//   npm run bench -- startup idle   only the sections named: startup, table-move, heap-steps (no daemon, no
//                                   root), launch, idle, keypress, flood; written to bench/out/
//   npm run bench -- --quick        tiny load, seconds; a smoke of the harness (also to bench/out/)
//   npm run bench -- --out DIR      write the report somewhere else; --runs N: runs per figure
import {spawnSync} from 'node:child_process';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const passOn = args.filter((arg) => arg !== '--no-build');

if (!noBuild) {
	const built = spawnSync(process.execPath, ['scripts/build.mjs'], {stdio: 'inherit'});
	if (built.status !== 0) {
		console.error('bench: the build failed (use --no-build to measure the dist/cli.js already there)');
		process.exit(built.status ?? 1);
	}
}
const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...passOn], {
	stdio: 'inherit',
	env: {...process.env, FORCE_COLOR: '0'},
});
process.exit(run.status ?? 1);
