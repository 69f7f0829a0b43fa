/**
 * Where tsdock's launch time goes: bundles cli.tsx like scripts/build.mjs but unminified (module markers kept),
 * runs it with --cpu-prof in a 200x50 tmux pane against a throwaway daemon with the first load until a
 * container name is drawn, then attributes the CPU samples up to that moment to packages / tsdock sources,
 * and lists the bundle's bytes per package. Prints markdown; measures nothing that docs/benchmarks.md relies on.
 *
 *   node --import tsx bench/startup-profile.ts [--containers 220]
 */
import {build} from 'esbuild';
// @ts-expect-error: a plain .mjs build script without types
import {bundleOptions} from '../scripts/build-options.mjs';
import {mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {setTimeout as sleep} from 'node:timers/promises';
import {startDaemon} from '../test/helpers/daemon.ts';
import {projectRoot} from '../test/helpers/cli.ts';
import {childEnv, nodeBinary} from '../test/helpers/tmux.ts';
import {makeFirstLoad} from './lib/load.ts';
import {launchUntil, quit} from './lib/measure.ts';

const {values} = parseArgs({options: {containers: {type: 'string', default: '220'}}});
const work = mkdtempSync(path.join(tmpdir(), 'tsd-prof-'));
const outfile = path.join(work, 'cli.js');

// The same options as the shipped bundle (scripts/build-options.mjs: chunks, shims, production React), unminified.
const result = await build({...bundleOptions({outdir: work, minify: false}), metafile: true, logLevel: 'error'});

const owner = (file: string) => {
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
	if (match) return match[1];
	if (file.startsWith('source/')) return file.split('/').slice(0, 2).join('/');
	return file;
};

// Bundle bytes per package, over the entry and its chunks.
const bytes = new Map<string, number>();
for (const output of Object.values(result.metafile!.outputs)) {
	for (const [file, info] of Object.entries(output.inputs))
		bytes.set(owner(file), (bytes.get(owner(file)) ?? 0) + info.bytesInOutput);
}

// Line ranges of each module in each unminified output file ("// path" comments), by the file's URL.
const outputs = new Map<string, Array<{line: number; owner: string}>>();
for (const file of Object.keys(result.metafile!.outputs)) {
	if (!file.endsWith('.js')) continue;
	const absolute = path.resolve(projectRoot, file);
	const starts: Array<{line: number; owner: string}> = [];
	readFileSync(absolute, 'utf8')
		.split('\n')
		.forEach((text, i) => {
			const match = /^\/\/ ((?:node_modules|source|scripts)\/\S+|cli\.tsx)$/.exec(text);
			if (match) starts.push({line: i, owner: owner(match[1]!)});
		});
	outputs.set(`file://${absolute}`, starts);
}
const ownerOfLine = (url: string, line: number) => {
	const starts = outputs.get(url) ?? [];
	let low = 0;
	let high = starts.length - 1;
	let found = 'bundle glue';
	while (low <= high) {
		const mid = (low + high) >> 1;
		if (starts[mid]!.line <= line) {
			found = starts[mid]!.owner;
			low = mid + 1;
		} else high = mid - 1;
	}
	return found;
};

const daemon = await startDaemon();
const profDir = path.join(work, 'prof');
mkdirSync(profDir);
try {
	const containers = Number(values.containers);
	await makeFirstLoad(daemon, {
		containers,
		runningLoggers: Math.min(20, containers),
		exited: Math.min(30, containers - Math.min(20, containers)),
		images: 71,
		dangling: 20,
	});
	const home = childEnv();
	const {term, ms} = await launchUntil(
		[
			nodeBinary,
			'--cpu-prof',
			`--cpu-prof-dir=${profDir}`,
			'--cpu-prof-interval',
			'100',
			outfile,
			'--host',
			daemon.host,
		],
		/b-(?:run|stop)-\d+/,
		{width: 200, height: 50, env: home.env},
	);
	const drawnAfter = ms;
	await sleep(1000);
	await quit(term, 8000);
	home.cleanup();
	const profile = JSON.parse(readFileSync(path.join(profDir, readdirSync(profDir)[0]), 'utf8'));
	type Node = {id: number; callFrame: {functionName: string; url: string; lineNumber: number}; children?: number[]};
	const nodes = new Map<number, Node>(profile.nodes.map((node: Node) => [node.id, node]));
	const self = new Map<string, number>();
	let t = profile.startTime;
	let busy = 0;
	const limit = profile.startTime + drawnAfter * 1000 + 5000;
	profile.samples.forEach((id: number, i: number) => {
		t += profile.timeDeltas[i];
		if (t > limit) return;
		const frame = nodes.get(id)!.callFrame;
		let key: string;
		if (outputs.has(frame.url)) key = ownerOfLine(frame.url, frame.lineNumber);
		else if (frame.functionName === 'compileSourceTextModule') key = 'V8 compiling the bundle (cli.js and its chunks)';
		else if (frame.functionName === 'compileForInternalLoader')
			key = "compiling Node's own lazily loaded modules (http, net, undici, …)";
		else if (frame.url.startsWith('node:') || /^[a-z_]+$/.test(frame.url.split(':')[0] ?? ''))
			key = frame.url ? 'other Node internals' : frame.functionName;
		else key = frame.functionName || frame.url || '(unknown)';
		if (key === '(idle)') return;
		const dt = profile.timeDeltas[i] / 1000;
		busy += dt;
		self.set(key, (self.get(key) ?? 0) + dt);
	});
	console.log(
		`Launch of the unminified bundle with --cpu-prof: list drawn after ${drawnAfter.toFixed(0)} ms; ${busy.toFixed(0)} ms of CPU on the main thread until then (profiler overhead included).\n`,
	);
	console.log('| Self time until the list is drawn | ms | share |\n|---|---|---|');
	for (const [key, value] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18))
		console.log(`| ${key} | ${value.toFixed(1)} | ${((value / busy) * 100).toFixed(0)}% |`);
	console.log('\n| Bundle bytes by package (unminified) | KiB |\n|---|---|');
	for (const [key, value] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 15))
		console.log(`| ${key} | ${(value / 1024).toFixed(0)} |`);
} finally {
	const running = (await daemon.docker(['ps', '-q'], {allowFail: true})).stdout.split('\n').filter(Boolean);
	if (running.length) await daemon.docker(['rm', '-f', ...running], {allowFail: true});
	await daemon.stop();
	rmSync(work, {recursive: true, force: true});
}
