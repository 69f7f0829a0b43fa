import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {projectRoot} from './helpers/cli.ts';

test('the packed tarball installs globally and runs with no other package', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-pack-'));
	try {
		const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
			version: string;
			dependencies?: Record<string, string>;
		};
		assert.equal(
			Object.keys(pkg.dependencies ?? {}).length,
			0,
			'the bundle carries everything: nothing to install at run time',
		);
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
				cwd: projectRoot,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		) as Array<{filename: string; files: Array<{path: string}>}>;
		const files = packed[0]!.files.map((file) => file.path).sort();
		assert.ok(files.includes('dist/cli.js'), 'the entry is shipped');
		assert.ok(
			files.some((file) => /^dist\/chunks\/run-[\w-]+\.js$/.test(file)),
			'the UI chunk is shipped',
		);
		assert.deepEqual(
			files.filter((file) => !/^dist\/[\w/-]+\.js$/.test(file)),
			['README.md', 'package.json'],
			'only built files and the README are shipped',
		);
		const prefix = path.join(dir, 'prefix');
		execFileSync(
			'npm',
			['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', path.join(dir, packed[0]!.filename)],
			{stdio: ['ignore', 'ignore', 'pipe']},
		);
		const bin = path.join(prefix, 'bin', 'tsdock');
		const env = {...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`};
		assert.equal(execFileSync(bin, ['--version'], {env, encoding: 'utf8'}).trim(), `tsdock ${pkg.version}`);
		const help = execFileSync(bin, ['--help'], {env, encoding: 'utf8'});
		for (const command of ['ps', 'images', 'volumes', 'df', 'history', 'contexts', 'help [keys]'])
			assert.ok(help.includes(`tsdock ${command}`), command);
		assert.match(readFileSync(bin, 'utf8').split('\n')[0]!, /^#!\/usr\/bin\/env node$/);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
