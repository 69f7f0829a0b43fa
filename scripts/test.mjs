// The test suite, run with Node's own test runner.
//
//   node scripts/test.mjs [PART…]         npm test: the whole suite. Installs what is missing (as root on
//                                          Debian), type-checks, lints, builds, then runs every test file (or
//                                          those whose path contains a PART). Tests start their own throwaway
//                                          Docker daemons.
//   node scripts/test.mjs --unit [PART…]  npm run test:unit: only the unit tests (scripts/test-groups.mjs
//                                          decides which): no daemon, no root, no tmux, no apt; builds dist/
//                                          only when a selected file needs it.
//
// TSDOCK_TEST_CONCURRENCY sets how many test files run at once (default 2: the suite's daemons and terminals
// are sized for a 2-core machine).
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {classify, NEEDS_BUILD, root} from './test-groups.mjs';
import path from 'node:path';

const began = performance.now();
const seconds = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;

const step = (label, command, args, extraEnv = {}) => {
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: {...process.env, ...extraEnv},
	});
	if (result.status !== 0) {
		console.error(`${label} failed (after ${seconds()})`);
		process.exit(result.status ?? 1);
	}
};

/** ESLint and Prettier's check, as `npm test` runs them before any test. */
function lint() {
	step('lint (eslint)', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
	step('lint (prettier --check)', process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.']);
}

const args = process.argv.slice(2);
const unit = args.includes('--unit');
const filter = args.filter((arg) => arg !== '--unit');
const concurrency = Math.max(1, Number(process.env.TSDOCK_TEST_CONCURRENCY) || 2);

const groups = classify();
const files = groups
	.filter(({group}) => !unit || group === 'unit')
	.map(({file}) => file)
	.filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)));
if (files.length === 0) {
	console.error(unit ? 'no unit test files matched' : 'no test files matched');
	process.exit(1);
}

if (unit) {
	// Nothing here needs root, a daemon or apt: no dependency check, no searchable folders, no lint or type check
	// (npm test runs those), and a build only for the files that run dist/.
	if (files.some((file) => NEEDS_BUILD.test(readFileSync(path.join(root, file), 'utf8'))))
		step('build', process.execPath, ['scripts/build.mjs']);
} else {
	step('checking test dependencies', process.execPath, ['scripts/ensure-deps.mjs']);
	step('checking the checkout is reachable by the unprivileged test children', process.execPath, [
		'scripts/ensure-searchable.mjs',
	]);
	step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
	lint();
	step('build', process.execPath, ['scripts/build.mjs']);
}

// The slow files first (the e2e and remote ones start daemons and terminals), so the last minutes are not one
// long file running alone while the other worker idles.
const weight = (file) => (/\/(e2e|remote)-/.test(file) ? 0 : /\/(core|cli|safety|ui-sync|bench)-/.test(file) ? 1 : 2);
files.sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));
console.error(
	`${unit ? 'unit tests' : 'tests'}: ${files.length} files, ${concurrency} at a time${unit ? ' (TSDOCK_TEST_UNIT=1: the daemon, tmux, sshd and podman helpers refuse to start)' : ''}`,
);
step(
	'tests',
	process.execPath,
	[
		'--import',
		'tsx',
		'--test',
		`--test-concurrency=${concurrency}`,
		'--test-timeout=300000',
		'--test-reporter=spec',
		...files,
	],
	{
		// The suite's own children (tsdock in tmux) get CI=false themselves; this keeps Ink quiet in-process.
		FORCE_COLOR: '0',
		...(unit ? {TSDOCK_TEST_UNIT: '1'} : {}),
	},
);
console.error(`${unit ? 'unit tests' : 'tests'} passed in ${seconds()}`);
