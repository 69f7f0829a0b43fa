import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {createFixtures} from './helpers/fixtures.ts';
import {projectRoot, runCli} from './helpers/cli.ts';

let daemon: TestDaemon;

before(async () => {
	daemon = await startDaemon();
	await createFixtures(daemon);
	// A container whose command holds terminal escape sequences.
	await daemon.docker([
		'create',
		'--name',
		'tsd-hostile',
		'tsd-base:1',
		'sh',
		'-c',
		'printf "\u001b]0;pwned\u0007\u001b[2J"',
	]);
});

after(async () => {
	await daemon?.stop();
});

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
const cli = (...args: string[]) => runCli(['--host', daemon.host, ...args]);

test('images --dangling --json is exactly the CLI dangling set', async () => {
	const ours = await cli('images', '--dangling', '--json');
	assert.equal(ours.exitCode, 0, ours.stderr);
	const ids = (JSON.parse(ours.stdout) as Array<{id: string; dangling: boolean}>).map((image) => image.id).sort();
	const theirs = lines((await daemon.docker(['images', '-f', 'dangling=true', '-q', '--no-trunc'])).stdout).sort();
	assert.ok(theirs.length >= 3, 'the fixture has dangling images');
	assert.deepEqual(ids, [...new Set(theirs)]);
});

test('images (all tags) and images --all match the CLI sets', async () => {
	const ours = JSON.parse((await cli('images', '--json')).stdout) as Array<{id: string}>;
	const theirs = new Set(lines((await daemon.docker(['images', '-q', '--no-trunc'])).stdout));
	assert.deepEqual(new Set(ours.map((image) => image.id)), theirs);
	const oursAll = JSON.parse((await cli('images', '--all', '--json')).stdout) as Array<{id: string}>;
	const theirsAll = new Set(lines((await daemon.docker(['images', '-a', '-q', '--no-trunc'])).stdout));
	assert.deepEqual(new Set(oursAll.map((image) => image.id)), theirsAll);
	assert.ok(theirsAll.size > theirs.size, 'intermediate layers appear only with --all');
});

test('df --json carries the CLI totals', async () => {
	const ours = JSON.parse((await cli('df', '--json')).stdout) as {
		rows: Array<{type: string; total: number; active: number; size: number; reclaimable: number}>;
	};
	const theirs = lines((await daemon.docker(['system', 'df', '--format', '{{json .}}'])).stdout).map(
		(line) => JSON.parse(line) as Record<string, string>,
	);
	assert.equal(ours.rows.length, 4);
	for (const row of theirs) {
		const mine = ours.rows.find((candidate) => candidate.type === row.Type);
		assert.ok(mine, `row ${row.Type}`);
		assert.equal(String(mine.total), row.TotalCount, `${row.Type} TOTAL`);
		assert.equal(String(mine.active), row.Active, `${row.Type} ACTIVE`);
	}
	const table = await cli('df');
	const cliTable = (await daemon.docker(['system', 'df'])).stdout;
	// Same figures in the same columns: compare cell by cell, ignoring column padding.
	const cells = (text: string) => lines(text).map((line) => line.split(/\s{2,}/));
	assert.deepEqual(cells(table.stdout), cells(cliTable));
});

test('ps and ps --all list the same containers as docker ps', async () => {
	const running = JSON.parse((await cli('ps', '--json')).stdout) as Array<{id: string; state: string}>;
	assert.deepEqual(
		new Set(running.map((c) => c.id)),
		new Set(lines((await daemon.docker(['ps', '-q', '--no-trunc'])).stdout)),
	);
	const all = JSON.parse((await cli('ps', '-a', '--json')).stdout) as Array<{id: string; name: string}>;
	assert.deepEqual(
		new Set(all.map((c) => c.id)),
		new Set(lines((await daemon.docker(['ps', '-a', '-q', '--no-trunc'])).stdout)),
	);
	assert.ok(all.some((c) => c.name === 'tsd-stopped'));
});

test('ps -a never prints terminal escape sequences a container carries', async () => {
	const result = await cli('ps', '-a');
	assert.equal(result.exitCode, 0);
	assert.match(result.stdout, /tsd-hostile/);
	// eslint-disable-next-line no-control-regex -- the check is for control characters
	assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
});

test('history equals docker history --no-trunc', async () => {
	const ours = JSON.parse((await cli('history', 'tsd-data:1', '--json')).stdout) as Array<{
		id: string;
		createdBy: string;
		size: number;
	}>;
	const theirs = lines(
		(await daemon.docker(['history', '--no-trunc', '--format', '{{.ID}}|{{.CreatedBy}}', 'tsd-data:1'])).stdout,
	);
	assert.equal(ours.length, theirs.length);
	ours.forEach((row, index) => assert.equal(`${row.id}|${row.createdBy}`.trim(), theirs[index]));
	const human = await cli('history', 'tsd-data:1');
	assert.match(human.stdout, /^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT/);
});

test('volumes --dangling equals docker volume ls -f dangling=true', async () => {
	const ours = JSON.parse((await cli('volumes', '--dangling', '--json')).stdout) as Array<{name: string}>;
	const theirs = lines((await daemon.docker(['volume', 'ls', '-q', '-f', 'dangling=true'])).stdout);
	assert.deepEqual(ours.map((v) => v.name).sort(), theirs.sort());
	const used = JSON.parse((await cli('volumes', '--json')).stdout) as Array<{name: string; containers: string[]}>;
	assert.deepEqual(used.find((v) => v.name === 'tsd-vol-used')?.containers, ['tsd-logger']);
});

test('an unreachable daemon is one line naming the socket and a non-zero exit', async () => {
	const result = await runCli(['--host', 'unix:///nonexistent.sock', 'ps']);
	assert.notEqual(result.exitCode, 0);
	assert.equal(result.stdout, '');
	assert.equal(lines(result.stderr).length, 1, result.stderr);
	assert.match(result.stderr, /unix:\/\/\/nonexistent\.sock/);
	assert.doesNotMatch(result.stderr, /\bat .*\(.*:\d+:\d+\)/);
});

test('bad flags, commands and arguments are one clear line and exit 2', async () => {
	for (const args of [
		['--bogus'],
		['frobnicate'],
		['ps', '--verbose'],
		['history'],
		['--tail', 'x'],
		['ps', 'extra'],
	]) {
		const result = await runCli(args);
		assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stderr}`);
		assert.equal(lines(result.stderr).length, 1, result.stderr);
		assert.match(result.stderr, /^tsdock: /);
	}
	const conflict = await runCli(['--host', daemon.host, '--context', 'x', 'ps']);
	assert.equal(conflict.exitCode, 1);
	assert.match(conflict.stderr, /conflicting options/);
});

test('--version prints the package version and --help lists every command', async () => {
	const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {version: string};
	assert.equal((await runCli(['--version'])).stdout.trim(), `tsdock ${pkg.version}`);
	const help = (await runCli(['--help'])).stdout;
	for (const word of [
		'ps',
		'images',
		'volumes',
		'df',
		'history',
		'contexts',
		'--host',
		'--context',
		'--read-only',
		'--json',
	])
		assert.ok(help.includes(word), word);
});
