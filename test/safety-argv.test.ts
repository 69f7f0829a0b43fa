// Child processes get argv arrays, never a shell: a static scan of source/ and cli.tsx (with the TypeScript
// parser, so comments and strings do not fool it), and a real check against a throwaway daemon that a
// --shell value such as '$(touch /tmp/x)' is passed as argv words (nothing is run by a shell).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, globSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import ts from 'typescript';
import {createClient, pickShell, runInteractiveExec, shellArgv, type EngineClient} from '../source/core/index.ts';
import {projectRoot} from './helpers/cli.ts';
import {startDaemon, type TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';

const childModules = new Set(['child_process', 'node:child_process']);
/** These always run their command through /bin/sh. */
const shellFunctions = new Set(['exec', 'execSync']);
const spawners = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);

export type Finding = {file: string; line: number; problem: string};

/** Every use of child_process in one file that could hand a string to a shell. */
export function scanSource(file: string, text: string): Finding[] {
	const source = ts.createSourceFile(
		file,
		text,
		ts.ScriptTarget.Latest,
		true,
		file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
	);
	const findings: Finding[] = [];
	const report = (node: ts.Node, problem: string) =>
		findings.push({file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, problem});
	/** Local names bound to child_process functions, and namespace names (import * as cp). */
	const bound = new Map<string, string>();
	const namespaces = new Set<string>();
	let usesChildProcess = false;

	const moduleName = (node: ts.Expression | undefined) =>
		node && ts.isStringLiteralLike(node) ? node.text : undefined;
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) && childModules.has(moduleName(node.moduleSpecifier) ?? '')) {
			usesChildProcess = true;
			const clause = node.importClause;
			if (clause?.name) namespaces.add(clause.name.text);
			const named = clause?.namedBindings;
			if (named && ts.isNamespaceImport(named)) namespaces.add(named.name.text);
			if (named && ts.isNamedImports(named))
				for (const element of named.elements) bound.set(element.name.text, (element.propertyName ?? element.name).text);
		}
		if (ts.isCallExpression(node)) {
			const callee = node.expression;
			// require('child_process') / import('node:child_process'): the result cannot be followed statically.
			if (
				(callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) &&
				childModules.has(moduleName(node.arguments[0]) ?? '')
			) {
				usesChildProcess = true;
				report(node, 'child_process loaded dynamically: import it statically so this scan can check every call');
			}
			let fn: string | undefined;
			if (ts.isIdentifier(callee)) fn = bound.get(callee.text);
			else if (
				ts.isPropertyAccessExpression(callee) &&
				ts.isIdentifier(callee.expression) &&
				namespaces.has(callee.expression.text)
			)
				fn = callee.name.text;
			if (fn && shellFunctions.has(fn))
				report(node, `${fn}() runs its command through a shell: use execFile/spawn with an argv array`);
			if (fn && spawners.has(fn)) {
				const [command, second, third] = node.arguments;
				if (
					command &&
					!ts.isStringLiteralLike(command) &&
					!ts.isIdentifier(command) &&
					!ts.isPropertyAccessExpression(command) &&
					!ts.isCallExpression(command) &&
					!ts.isElementAccessExpression(command)
				) {
					report(
						node,
						`${fn}(): the command should be a plain value, not an expression built here (${command.getText(source).slice(0, 60)})`,
					);
				}
				if (
					command &&
					(ts.isTemplateExpression(command) ||
						(ts.isBinaryExpression(command) && command.operatorToken.kind === ts.SyntaxKind.PlusToken))
				) {
					report(node, `${fn}(): a command assembled from strings`);
				}
				const options =
					second && !ts.isArrayLiteralExpression(second) && fn !== 'fork' && ts.isObjectLiteralExpression(second)
						? second
						: third;
				if (options && !ts.isObjectLiteralExpression(options))
					report(node, `${fn}(): options must be an object literal here so "shell" can be checked`);
			}
		}
		// Any shell option that is not literally false, wherever it appears in a file that starts processes.
		if (
			(ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
			ts.isIdentifier(node.name) &&
			node.name.text === 'shell'
		) {
			const value = ts.isPropertyAssignment(node) ? node.initializer : undefined;
			if (!value || value.kind !== ts.SyntaxKind.FalseKeyword)
				report(node, `shell: ${value ? value.getText(source) : '(shorthand)'}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	// A shell option only matters where processes are started.
	return usesChildProcess ? findings : findings.filter((finding) => !finding.problem.startsWith('shell:'));
}

const sourceFiles = () => [
	path.join(projectRoot, 'cli.tsx'),
	...globSync('source/**/*.{ts,tsx}', {cwd: projectRoot}).map((file) => path.join(projectRoot, file)),
];

test('the scan finds what it must refuse (so it can fail)', () => {
	const bad = [
		"import {exec} from 'node:child_process';\nexec('ls ' + dir);",
		"import {execSync as run} from 'child_process';\nrun(`docker ${x}`);",
		"import * as cp from 'node:child_process';\ncp.execSync('id');",
		"import {spawn} from 'node:child_process';\nspawn('sh', ['-c', x], {shell: true});",
		"import {execFile} from 'node:child_process';\nexecFile(cmd, args, {shell: '/bin/bash'}, () => {});",
		"import {spawn} from 'node:child_process';\nconst opts = {shell: true};\nspawn(cmd, args, opts);",
		"import {spawn} from 'node:child_process';\nspawn(`ssh ${host}`);",
		"const cp = await import('node:child_process');",
	];
	for (const text of bad) assert.ok(scanSource('bad.ts', text).length > 0, `flagged:\n${text}`);
	const good = [
		"import {spawn, execFile} from 'node:child_process';\nspawn(command, ['-o', x], {stdio: 'ignore', env});\nexecFile('/usr/bin/ssh', args, {shell: false}, cb);",
		"// exec('rm -rf /') in a comment\nconst text = \"exec('x')\";\nconst re = /x/.exec(text);",
		"const options = {shell: 'bash -l'}; // a container shell name, in a file that starts no processes",
	];
	for (const text of good) assert.deepEqual(scanSource('good.ts', text), [], `not flagged:\n${text}`);
});

test('source/ and cli.tsx start child processes with argv arrays only (no exec, no shell: true)', () => {
	const files = sourceFiles();
	assert.ok(files.length > 20, `found the sources (${files.length})`);
	const findings = files.flatMap((file) => scanSource(path.relative(projectRoot, file), readFileSync(file, 'utf8')));
	assert.deepEqual(findings, [], findings.map((f) => `${f.file}:${f.line}: ${f.problem}`).join('\n'));
});

// The real thing: a hostile --shell value reaches the Engine as argv words and runs nothing.
let daemon: TestDaemon;
let client: EngineClient;
const container = 'tsd-argv';
const marker = `/tmp/tsd-pwned-${process.pid}`;

before(async () => {
	daemon = await startDaemon();
	await buildBase(daemon);
	await daemon.docker([
		'run',
		'-d',
		'--name',
		container,
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		'mkdir -p /tmp && exec sleep 600',
	]);
	client = createClient({host: daemon.host});
});

after(async () => {
	client?.close();
	rmSync(marker, {force: true});
	await daemon?.stop();
});

function fakeTerminal() {
	const stdin = Object.assign(new PassThrough(), {isTTY: true as const, isRaw: false, setRawMode: () => undefined});
	const output: Buffer[] = [];
	const stdout = Object.assign(new PassThrough(), {rows: 24, columns: 80});
	stdout.on('data', (chunk: Buffer) => output.push(chunk));
	return {io: {stdin, stdout}, text: () => Buffer.concat(output).toString('utf8')};
}

const existsInContainer = async (file: string) =>
	(await daemon.docker(['exec', container, 'test', '-e', file], {allowFail: true})).exitCode === 0;

test('--shell "$(touch …)" is argv: nothing runs it, on the host or in the container', async () => {
	for (const hostile of [
		`$(touch ${marker})`,
		`\`touch ${marker}\``,
		`sh;touch ${marker}`,
		`sh -c 'touch ${marker}'`,
	]) {
		const argv = await pickShell(client, container, hostile);
		assert.deepEqual(argv, shellArgv(hostile));
		const terminal = fakeTerminal();
		const run = runInteractiveExec(client, container, argv, terminal.io).catch((error: unknown) => ({error}));
		// A shell that did start (sh -c 'touch …' splits into sh, -c, 'touch, …') would wait for input: end it.
		setTimeout(() => terminal.io.stdin.write('exit\r'), 1000).unref();
		await run;
		assert.ok(!existsSync(marker), `no ${marker} on the host after ${hostile}`);
		assert.ok(!(await existsInContainer(marker)), `no ${marker} in the container after ${hostile}`);
	}
	// Control: the same path does run a plain argv, so the checks above could have seen a file.
	const terminal = fakeTerminal();
	const result = await runInteractiveExec(client, container, shellArgv(`touch ${marker}`), terminal.io);
	assert.equal(result.exitCode, 0, terminal.text());
	assert.ok(await existsInContainer(marker), 'the control command ran in the container');
	assert.ok(!existsSync(marker), 'and still nothing on the host');
});

test('in the UI: e with --shell "$(touch …)" runs no shell on the host or in the container; a plain argv does run', async () => {
	const {childEnv} = await import('./helpers/tmux.ts');
	const {launchTsdock} = await import('./helpers/tui-suite.ts');
	const home = childEnv();
	const kills: Array<() => unknown> = [];
	try {
		for (const [shell, created] of [
			[`$(touch ${marker}-ui)`, false],
			[`touch ${marker}-ui-control`, true],
		] as const) {
			const tmux = await launchTsdock({
				host: daemon.host,
				args: ['--shell', shell],
				width: 100,
				height: 24,
				home,
				ready: null,
				defer: (kill) => kills.push(kill),
			});
			await tmux.waitFor(new RegExp(`[›>] ${container}`));
			await tmux.press('e');
			// The "shell" ends at once (it is not a program, or touch is done): tsdock is back, saying how it ended.
			const after = await tmux.waitFor(new RegExp(`shell in ${container}( ended|: )`), 15_000);
			assert.match(
				after,
				created ? /ended \(exit code 0\)|ended$/m : /shell in tsd-argv(: .*|.*exit code [1-9]\d*)/,
				after,
			);
			const file = shell.includes('control') ? `${marker}-ui-control` : `${marker}-ui`;
			assert.ok(!existsSync(file), `nothing on the host for ${shell}`);
			assert.equal(await existsInContainer(file), created, `in the container for ${shell}`);
			await tmux.press('q');
			await tmux.waitFor('tsdock exited 0');
		}
	} finally {
		for (const kill of kills) await kill();
		home.cleanup();
		rmSync(`${marker}-ui`, {force: true});
	}
});
