// The whole test suite: install what is missing (as root on Debian), build, then run every test with
// Node's own test runner. Tests start their own throwaway Docker daemons.
import {spawnSync} from 'node:child_process';
import {globSync} from 'node:fs';

const step = (label, command, args, extraEnv = {}) => {
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: {...process.env, ...extraEnv},
	});
	if (result.status !== 0) {
		console.error(`${label} failed`);
		process.exit(result.status ?? 1);
	}
};

step('checking test dependencies', process.execPath, ['scripts/ensure-deps.mjs']);
step('checking the checkout is reachable by the unprivileged test children', process.execPath, [
	'scripts/ensure-searchable.mjs',
]);
step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
step('build', process.execPath, ['scripts/build.mjs']);

const filter = process.argv.slice(2);
const files = globSync('test/**/*.test.{ts,tsx}')
	.filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
	.sort();
if (files.length === 0) {
	console.error('no test files matched');
	process.exit(1);
}
step(
	'tests',
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', '--test-reporter=spec', ...files],
	{
		// The suite's own children (tsdock in tmux) get CI=false themselves; this keeps Ink quiet in-process.
		FORCE_COLOR: '0',
	},
);
