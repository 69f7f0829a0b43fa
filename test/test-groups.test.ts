// The split between unit and system tests (scripts/test-groups.mjs) and the guard behind it: a file that reaches
// a daemon, tmux, sshd or Podman helper is a system test, and under TSDOCK_TEST_UNIT=1 those helpers refuse to
// start anything, so a wrongly classified file fails at once.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {nodeBinary, projectRoot} from './helpers/cli.ts';
import {classify, localImports, systemReason} from '../scripts/test-groups.mjs';

const groups = classify();
const groupOf = (file: string) => groups.find((entry) => entry.file === file)?.group;

test('files that start daemons or terminals are system tests; pure ones are unit tests', () => {
	assert.equal(groupOf('test/core-prune.test.ts'), 'system', 'starts a daemon (helpers/daemon.ts)');
	assert.equal(groupOf('test/core-images.test.ts'), 'system', 'uses the fixture daemon');
	assert.equal(groupOf('test/e2e-tui.test.ts'), 'system', 'tmux and a daemon');
	assert.equal(groupOf('test/remote-podman.test.ts'), 'system', 'podman');
	assert.equal(groupOf('test/remote-ssh.test.ts'), 'system', 'sshd');
	assert.equal(groupOf('test/bench-smoke.test.ts'), 'system', 'runs the bench, which starts dockerd');
	for (const file of [
		'test/core-prune-decide.test.ts',
		'test/ui-table.test.tsx',
		'test/ui-heap-tuning.test.ts',
		'test/safety-sanitize.test.ts',
		'test/test-groups.test.ts',
	])
		assert.equal(groupOf(file), 'unit', file);
	assert.ok(groups.filter((entry) => entry.group === 'unit').length >= 10, 'the unit run is not empty by mistake');
});

test('a file is a system test through any chain of imports, and type-only imports do not count', () => {
	// Inside the checkout (the rule reads repository paths) but outside test/, so no test run picks these up.
	mkdirSync(path.join(projectRoot, '.tsdock-test'), {recursive: true});
	const dir = mkdtempSync(path.join(projectRoot, '.tsdock-test', 'groups-'));
	const rel = (name: string) => path.relative(projectRoot, path.join(dir, name)).split(path.sep).join('/');
	try {
		writeFileSync(path.join(dir, 'middle.ts'), "export {startTmux} from '../../test/helpers/tmux.ts';\n");
		writeFileSync(path.join(dir, 'indirect.test.ts'), "import {startTmux} from './middle.ts';\nvoid startTmux;\n");
		writeFileSync(
			path.join(dir, 'typed.test.ts'),
			"import type {TestDaemon} from '../../test/helpers/daemon.ts';\nimport {\n\tprojectRoot,\n} from '../../test/helpers/cli.ts';\nexport const x: TestDaemon | string = projectRoot;\n",
		);
		writeFileSync(
			path.join(dir, 'dynamic.test.ts'),
			"const {startDaemon} = await import('../../test/helpers/daemon.ts');\nvoid startDaemon;\n",
		);
		assert.deepEqual(localImports(rel('indirect.test.ts')), [rel('middle.ts')]);
		assert.match(systemReason(rel('indirect.test.ts')) ?? '', /middle\.ts → test\/helpers\/tmux\.ts/);
		assert.equal(systemReason(rel('typed.test.ts')), undefined);
		assert.match(systemReason(rel('dynamic.test.ts')) ?? '', /helpers\/daemon\.ts/);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('under TSDOCK_TEST_UNIT=1 the helpers refuse to start a daemon or tmux, saying where the file belongs', () => {
	const script = `
const {startDaemon} = await import(${JSON.stringify(path.join(projectRoot, 'test/helpers/daemon.ts'))});
const {startTmux} = await import(${JSON.stringify(path.join(projectRoot, 'test/helpers/tmux.ts'))});
for (const start of [() => startDaemon(), () => startTmux(['true'], {width: 10, height: 5, env: {}})]) {
	try { await start(); console.log('started'); } catch (error) { console.log(error.message); }
}
`;
	const run = spawnSync(nodeBinary, ['--import', 'tsx', '--input-type=module', '-e', script], {
		cwd: projectRoot,
		encoding: 'utf8',
		env: {...process.env, TSDOCK_TEST_UNIT: '1'},
	});
	assert.equal(run.status, 0, run.stderr);
	const lines = run.stdout.trim().split('\n');
	assert.equal(lines.length, 2, run.stdout);
	assert.match(lines[0]!, /a unit test may not start a Docker daemon: .*system tests/);
	assert.match(lines[1]!, /a unit test may not start tmux/);
});
