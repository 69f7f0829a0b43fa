/**
 * Issue 5's benchmark suite. Makes the load on a throwaway daemon, measures the built dist/cli.js from the
 * outside (a tmux pty, /proc), measures the docker CLI floor in the same run, and writes
 * <out>/benchmarks.md and <out>/benchmarks.json.
 *
 *   node --import tsx bench/run.ts [SECTION…] [--quick] [--out DIR] [--runs N]
 *
 * Sections (all of them when none is named; see SECTIONS): startup, launch, idle, keypress, flood, table-move,
 * heap-steps. Only the daemon sections start a daemon (root); the second load (5,000 containers) is made only
 * for launch and keypress.
 */
import {execFile, execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	statSync,
	writeFileSync,
	openSync,
	readSync,
	closeSync,
	fstatSync,
} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {startDaemon, dockerCli, type TestDaemon} from '../test/helpers/daemon.ts';
import {builtCli, projectRoot} from '../test/helpers/cli.ts';
import {heapRun, type HeapRun} from './lib/heap-steps.ts';
import {childEnv, nodeBinary} from '../test/helpers/tmux.ts';
import {idleTimesFigures} from './lib/idle-times.ts';
import {growToSecondLoad, makeFirstLoad, startFlood, type FirstLoad, type SecondLoad} from './lib/load.ts';
import {launchUntil, quit, timeInPty, timeProcess, type TermOptions} from './lib/measure.ts';
import {cpuSeconds, daemonPids, machine, rssBytes, shimPids} from './lib/proc.ts';
import {summarize, type Summary} from './lib/stats.ts';
import {renderMarkdown, SECTIONS, type Report, type Section} from './lib/report.ts';
import type {Term} from './lib/term.ts';

const {values: flags, positionals} = parseArgs({
	allowPositionals: true,
	options: {
		quick: {type: 'boolean', default: false},
		out: {type: 'string'},
		runs: {type: 'string'},
		render: {type: 'string'},
	},
});

type Config = {
	mode: 'full' | 'quick';
	first: FirstLoad;
	second: SecondLoad;
	runs: number;
	rssAfterMs: number;
	idleMs: number;
	presses: number;
	flood: {linesPerSecond: number; ms: number};
	width: number;
	height: number;
	/** Cursor moves timed per run on the 10,000-row table. */
	tableMoves: number;
	/** Log lines pushed through the ring, and its size, per heap-steps run. */
	heap: {ringSize: number; lines: number};
};

const config: Config = flags.quick
	? {
			mode: 'quick',
			first: {containers: 8, runningLoggers: 2, exited: 2, images: 5, dangling: 1},
			second: {containers: 30, images: 12, dangling: 2},
			runs: 2,
			rssAfterMs: 1000,
			idleMs: 1500,
			presses: 12,
			flood: {linesPerSecond: 5000, ms: 1500},
			width: 200,
			height: 50,
			tableMoves: 30,
			heap: {ringSize: 50_000, lines: 1_000_000},
		}
	: {
			mode: 'full',
			first: {containers: 220, runningLoggers: 20, exited: 30, images: 71, dangling: 20},
			second: {containers: 5000, images: 2000, dangling: 200},
			runs: 5,
			rssAfterMs: 10_000,
			idleMs: 30_000,
			presses: 200,
			flood: {linesPerSecond: 50_000, ms: 30_000},
			width: 200,
			height: 50,
			tableMoves: 200,
			heap: {ringSize: 200_000, lines: 6_000_000},
		};
if (flags.runs) config.runs = Math.max(1, Number(flags.runs));

const unknown = positionals.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length) {
	process.stderr.write(`bench: no section ${unknown.join(', ')}; the sections are: ${SECTIONS.join(', ')}\n`);
	process.exit(2);
}
/** The sections this run measures, in the suite's order. */
const sections: Section[] = positionals.length ? SECTIONS.filter((name) => positionals.includes(name)) : [...SECTIONS];
const wants = (...names: Section[]) => names.some((name) => sections.includes(name));
/** Only a full run of every section replaces docs/benchmarks.md; a quick or partial one goes to bench/out/. */
const complete = config.mode === 'full' && sections.length === SECTIONS.length;
const outDir = path.resolve(flags.out ?? path.join(projectRoot, complete ? 'docs' : path.join('bench', 'out')));
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
/** Any container name of the loads: seeing one means the list is drawn. */
const NAME = /b-(?:run|stop|bulk)-\d{2,4}/;
const MB = 1e6;
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

function tsdockArgv(daemon: TestDaemon): string[] {
	return [nodeBinary, builtCli, '--host', daemon.host];
}

function termOptions(env: Record<string, string>): TermOptions {
	return {width: config.width, height: config.height, env};
}

/** One daemon CPU reading: dockerd + containerd (the target), and the shims for context. */
function daemonCpu(daemon: TestDaemon): {engine: number; shims: number} {
	const {dockerd, containerd} = daemonPids(daemon.dir);
	const engine = cpuSeconds(dockerd) + (containerd ? cpuSeconds(containerd) : 0);
	const shims = shimPids(daemon.dir).reduce((sum, pid) => sum + (cpuSeconds(pid) || 0), 0);
	return {engine, shims};
}

async function runTimes(label: string, times: number, task: () => Promise<number>): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < times; i++) {
		samples.push(await task());
		log(`${label} #${i + 1}: ${samples[i].toFixed(1)}`);
	}
	return samples;
}

/** The docker CLI floor and tsdock's own non-interactive commands, stdout to a pipe. */
async function cliFloor(daemon: TestDaemon, tag: string): Promise<Record<string, Summary & {rows?: number}>> {
	const env = {...daemon.env};
	const tsdockEnv = {...childEnv().env, DOCKER_HOST: daemon.host};
	const result: Record<string, Summary & {rows?: number}> = {};
	const plain = async (key: string, file: string, args: string[], environment: NodeJS.ProcessEnv) => {
		let rows = 0;
		let failed = '';
		const samples = await runTimes(`${tag} ${key} (ms)`, config.runs, async () => {
			const run = await timeProcess(file, args, environment);
			if (run.exitCode !== 0) failed = `exit ${run.exitCode}`;
			rows = run.stdout.split('\n').filter(Boolean).length - 1;
			return run.ms;
		});
		result[key] = {...summarize(samples, 1), rows, ...(failed ? {error: failed} : {})};
	};
	await plain('docker_ps_a', dockerCli, ['--host', daemon.host, 'ps', '-a'], env);
	await plain('docker_images', dockerCli, ['--host', daemon.host, 'images'], env);
	await plain('tsdock_ps_all', nodeBinary, [builtCli, '--host', daemon.host, 'ps', '--all'], tsdockEnv);
	await plain('tsdock_images', nodeBinary, [builtCli, '--host', daemon.host, 'images'], tsdockEnv);
	// The same floor measured the way tsdock's launch is: in the 200x50 pty, until a container name is written.
	const home = childEnv();
	const pty = await runTimes(`${tag} docker ps -a in pty (ms)`, config.runs, () =>
		timeInPty(
			[dockerCli, '--host', daemon.host, 'ps', '-a'],
			NAME,
			termOptions({...home.env, DOCKER_HOST: daemon.host}),
		),
	);
	home.cleanup();
	result.docker_ps_a_pty = summarize(pty, 1);
	return result;
}

/** Launch → list drawn, RSS at rssAfterMs; optionally an idle window with and without tsdock. */
async function launches(daemon: TestDaemon, tag: string, withIdle: boolean) {
	const launchMs: number[] = [];
	const rssMB: number[] = [];
	const firstDrawBytes: number[] = [];
	const idle = {
		cpu: [] as number[],
		bytes: [] as number[],
		engineWith: [] as number[],
		engineWithout: [] as number[],
		shimsWith: [] as number[],
		shimsWithout: [] as number[],
	};
	let screen = '';
	/** tsdock exits nobody asked for (its samples are left out). */
	const exits: string[] = [];
	/** `docker ps -a` in the same pty right before each launch: the floor under the same machine noise. */
	const pairedFloorMs: number[] = [];
	for (let i = 0; i < config.runs; i++) {
		const home = childEnv();
		pairedFloorMs.push(
			await timeInPty(
				[dockerCli, '--host', daemon.host, 'ps', '-a'],
				NAME,
				termOptions({...home.env, DOCKER_HOST: daemon.host}),
			),
		);
		const {term, ms} = await launchUntil(tsdockArgv(daemon), NAME, termOptions(home.env));
		launchMs.push(ms);
		firstDrawBytes.push(term.outputBytes());
		await sleep(Math.max(0, term.startedAt + config.rssAfterMs - performance.now()));
		rssMB.push(rssBytes(term.pid) / MB);
		if (i === 0) screen = await term.capture();
		log(
			`${tag} launch #${i + 1}: ${ms.toFixed(1)} ms (docker ps -a just before: ${pairedFloorMs[i].toFixed(1)} ms), RSS at ${config.rssAfterMs / 1000} s ${rssMB[i].toFixed(1)} MB`,
		);
		if (withIdle) {
			const cpu0 = cpuSeconds(term.pid);
			const bytes0 = term.pipedBytes();
			const d0 = daemonCpu(daemon);
			await sleep(config.idleMs);
			const d1 = daemonCpu(daemon);
			const cpu1 = cpuSeconds(term.pid);
			if (!Number.isFinite(cpu1)) {
				const screen = (await term.capture().catch(() => '')).trim().split('\n').slice(-6).join(' / ');
				exits.push(`run ${i + 1}: tsdock was gone at the end of the idle window; the pane showed: ${screen}`);
				log(`${tag}: tsdock exited during the idle window: ${screen}`);
			}
			idle.cpu.push(cpu1 - cpu0);
			idle.bytes.push(Number.isFinite(cpu1) ? term.pipedBytes() - bytes0 : NaN);
			idle.engineWith.push(d1.engine - d0.engine);
			idle.shimsWith.push(d1.shims - d0.shims);
		}
		if (!(await quit(term))) exits.push(`run ${i + 1}: q did not end tsdock within 5 s`);
		home.cleanup();
		if (withIdle) {
			await sleep(500);
			const d0 = daemonCpu(daemon);
			await sleep(config.idleMs);
			const d1 = daemonCpu(daemon);
			idle.engineWithout.push(d1.engine - d0.engine);
			idle.shimsWithout.push(d1.shims - d0.shims);
			log(
				`${tag} idle #${i + 1}: tsdock CPU ${idle.cpu[i].toFixed(2)} s, ${idle.bytes[i]} bytes; dockerd+containerd ${idle.engineWith[i].toFixed(2)} s with vs ${idle.engineWithout[i].toFixed(2)} s without`,
			);
		}
	}
	return {launchMs, pairedFloorMs, rssMB, firstDrawBytes, idle, screen, exits};
}

type Press = {key: string; firstMs: number; lastMs: number; bytes: number; phase: 'scroll' | 'in-window'};

/** Press keys one at a time; time to the first byte of the answer and to the end of its burst; bytes written. */
async function pressKeys(
	term: Term,
	keys: Array<{key: string; phase: Press['phase']}>,
	gapMs: [number, number],
): Promise<Press[]> {
	const presses: Press[] = [];
	for (const {key, phase} of keys) {
		await term.waitQuiet(30, 2000);
		const chunkIndex = term.chunks.length;
		const bytes0 = term.outputBytes();
		const t0 = term.sendKeys([key]);
		const deadline = performance.now() + 2000;
		while (term.chunks.length === chunkIndex && performance.now() < deadline) await sleep(1);
		await term.waitQuiet(25, 1000);
		const answer = term.chunks.slice(chunkIndex);
		presses.push({
			key,
			phase,
			firstMs: answer.length ? answer[0].t - t0 : NaN,
			lastMs: answer.length ? answer[answer.length - 1].t - t0 : NaN,
			bytes: term.outputBytes() - bytes0,
		});
		await sleep(gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
	}
	return presses;
}

/** The floor of the method: a raw-mode `cat` echoing each key through the same tmux path. */
async function echoFloor(): Promise<Summary> {
	const home = childEnv();
	const {term} = await launchUntil(
		['sh', '-c', 'stty raw -echo; echo ready; exec cat'],
		/ready/,
		termOptions(home.env),
	);
	const keys = Array.from({length: Math.max(10, Math.min(60, config.presses))}, () => ({
		key: 'j',
		phase: 'in-window' as const,
	}));
	const presses = await pressKeys(term, keys, [20, 40]);
	await term.kill();
	home.cleanup();
	return summarize(
		presses.map((press) => press.firstMs),
		2,
	);
}

async function keypressFigure(daemon: TestDaemon, total = config.presses) {
	const home = childEnv();
	const {term} = await launchUntil(tsdockArgv(daemon), NAME, termOptions(home.env));
	await term.waitQuiet(500, 15_000);
	const fullScreenBytes = Buffer.byteLength(await term.capture(true));
	const drawnBytes = term.outputBytes();
	const half = Math.floor(total / 2);
	// Straight down from the top: the first moves stay in the window, later ones scroll it.
	const down = Array.from({length: half}, () => ({key: 'j', phase: 'scroll' as const}));
	const downPresses = await pressKeys(term, down, [40, 80]);
	const rowsVisible = Math.max(1, config.height - 10);
	for (let i = 0; i < downPresses.length && i < rowsVisible; i++) downPresses[i].phase = 'in-window';
	// Then up and down inside the window: only two rows (and the row counter) change.
	const wiggle = Array.from({length: total - half}, (_, i) => ({key: i % 2 ? 'j' : 'k', phase: 'in-window' as const}));
	const wigglePresses = await pressKeys(term, wiggle, [40, 80]);
	const screen = await term.capture();
	const row = Number(/ row (\d+)/.exec(screen)?.[1] ?? NaN);
	await quit(term);
	home.cleanup();
	const all = [...downPresses, ...wigglePresses];
	const scrolling = downPresses.slice(rowsVisible + 5);
	return {
		presses: all.length,
		unanswered: all.filter((press) => !Number.isFinite(press.firstMs)).length,
		finalRow: row,
		expectedRow: 1 + half - ((total - half) % 2),
		firstByteMs: summarize(all.map((press) => press.firstMs).filter(Number.isFinite), 2),
		burstEndMs: summarize(all.map((press) => press.lastMs).filter(Number.isFinite), 2),
		inWindowBytes: summarize(
			wigglePresses.map((press) => press.bytes),
			0,
		),
		scrollBytes: scrolling.length
			? summarize(
					scrolling.map((press) => press.bytes),
					0,
				)
			: undefined,
		fullScreenBytes,
		firstDrawBytes: drawnBytes,
	};
}

/** Size of a container's json log and the mean bytes per line of its tail. */
function logGrowthProbe(file: string): {size: number; bytesPerLine: number} {
	const fd = openSync(file, 'r');
	try {
		const size = fstatSync(fd).size;
		const length = Math.min(size, 256 * 1024);
		const buffer = Buffer.alloc(length);
		readSync(fd, buffer, 0, length, size - length);
		const lines = buffer.toString('utf8').split('\n').length - 1;
		return {size, bytesPerLine: lines > 1 ? length / lines : 80};
	} finally {
		closeSync(fd);
	}
}

async function floodFigure(daemon: TestDaemon) {
	const name = 'b-flood-0';
	const id = await startFlood(daemon, name, config.flood.linesPerSecond);
	const logFile = path.join(daemon.dir, 'data', 'containers', id, `${id}-json.log`);
	const home = childEnv();
	const result: Record<string, unknown> = {
		target: 'RSS flat, keypress p95 <= 50 ms',
		linesPerSecondAsked: config.flood.linesPerSecond,
	};
	try {
		await sleep(1000);
		const {term} = await launchUntil(tsdockArgv(daemon), NAME, termOptions(home.env));
		try {
			await term.waitQuiet(300, 10_000);
			// Select the flood container with the filter, then ask for its logs with `l`.
			term.sendKeys(['/']);
			await sleep(150);
			term.sendKeys(['-l', name]);
			await sleep(150);
			term.sendKeys(['Enter']);
			await term
				.waitForScreen((screen) => screen.includes(name) && !/b-stop-\d/.test(screen), 5000)
				.catch(() => undefined);
			const before = await term.capture();
			term.sendKeys(['l']);
			let opened = false;
			try {
				await term.waitForScreen((screen) => /flood line \d+/.test(screen), 3000);
				opened = true;
			} catch {
				opened = false;
			}
			const after = await term.capture();
			result.available = opened;
			if (!opened) {
				result.note =
					after === before
						? 'the `l` key changed nothing on the screen (no log view yet)'
						: "the `l` key did not show the container's log lines within 3 s";
				result.screenAfterL = after.split('\n').slice(0, 8).join('\n');
				return result;
			}
			const probe0 = logGrowthProbe(logFile);
			const t0 = performance.now();
			const rss: number[] = [];
			const latencies: number[] = [];
			while (performance.now() - t0 < config.flood.ms) {
				rss.push(rssBytes(term.pid) / MB);
				latencies.push(...(await wrapToggleTimes(term, 2)));
				await sleep(Math.max(0, t0 + rss.length * 1000 - performance.now()));
			}
			result.titleAtEnd = (await term.capture())
				.split('\n')
				.find((line) => line.includes(`Logs ${name}`))
				?.trim();
			const elapsed = (performance.now() - t0) / 1000;
			const probe1 = logGrowthProbe(logFile);
			result.linesPerSecondMeasured = Math.round((probe1.size - probe0.size) / probe1.bytesPerLine / elapsed);
			result.rssMB = rss.map((value) => round(value, 1));
			const head = rss.slice(0, Math.max(1, Math.floor(rss.length / 5)));
			const tail = rss.slice(-Math.max(1, Math.floor(rss.length / 5)));
			result.rssGrowthMB = round(
				tail.reduce((a, b) => a + b, 0) / tail.length - head.reduce((a, b) => a + b, 0) / head.length,
				1,
			);
			result.keypressMs = summarize(latencies.filter(Number.isFinite), 2);
			result.unanswered = latencies.filter((value) => !Number.isFinite(value)).length;
			const secondHalf = rss.slice(Math.floor(rss.length / 2));
			result.rssSecondHalfGrowthMB = round(secondHalf[secondHalf.length - 1] - secondHalf[0], 1);
			result.rssPeakMB = round(Math.max(...rss), 1);
			// Flat = a plateau: after the warm-up (the buffer filling, V8 sizing its heap) RSS stays within a band.
			const settled = rss.slice(Math.min(WARMUP_SAMPLES, Math.floor(rss.length / 2)));
			result.rssSettledRangeMB = round(Math.max(...settled) - Math.min(...settled), 1);
			result.warmupSeconds = rss.length - settled.length;
		} finally {
			await quit(term);
		}
		return result;
	} finally {
		home.cleanup();
		await daemon.docker(['rm', '-f', name], {allowFail: true});
	}
}

/** RSS samples (one a second) of the flood's warm-up, left out of the flatness judgement but shown in the report. */
const WARMUP_SAMPLES = 10;

/**
 * Under a log flood the screen never goes quiet, so a key is timed by its own visible effect: \`w\` turns on
 * "wrap" in the log view's title, and the clock stops at the first output after the key that contains "wrap"
 * (Ink rewrites only the changed part of a line, so the text around it may not be there). The press that turns
 * it off again is not timed; the harness waits until the screen shows it off.
 */
async function wrapToggleTimes(term: Term, count: number): Promise<number[]> {
	const times: number[] = [];
	const titleHasWrap = (screen: string) =>
		/Logs .*· wrap/.test(screen.split('\n').find((line) => line.includes('Logs ')) ?? '');
	for (let i = 0; i < count; i++) {
		const seen = term.waitForOutput(/wrap/, 3000);
		const t0 = term.sendKeys(['w']);
		times.push(
			await seen.then(
				(t) => t - t0,
				() => NaN,
			),
		);
		await sleep(100);
		term.sendKeys(['w']);
		await term.waitForScreen((screen) => !titleHasWrap(screen), 3000).catch(() => undefined);
		await sleep(50 + Math.random() * 100);
	}
	return times;
}

async function startupCost(): Promise<Record<string, Summary>> {
	const env = {...process.env, ...childEnv().env};
	const times = Math.max(config.runs, flags.quick ? 2 : 10);
	const node = await runTimes(
		'node -e 0 (ms)',
		times,
		async () => (await timeProcess(nodeBinary, ['-e', '0'], env)).ms,
	);
	const version = await runTimes(
		'tsdock --version (ms)',
		times,
		async () => (await timeProcess(nodeBinary, [builtCli, '--version'], env)).ms,
	);
	const help = await runTimes(
		'tsdock --help (ms)',
		times,
		async () => (await timeProcess(nodeBinary, [builtCli, '--help'], env)).ms,
	);
	return {node_empty: summarize(node, 1), tsdock_version: summarize(version, 1), tsdock_help: summarize(help, 1)};
}

/** Per-move time on a 10,000-row table (bench/lib/table-move.ts), each run in its own process, React as shipped. */
async function tableMoveFigure() {
	const moves: number[] = [];
	const firstRenders: number[] = [];
	const runs = await runTimes('table-move: median ms per move', config.runs, async () => {
		const result = await new Promise<{perMoveMs: number[]; firstRenderMs: number}>((resolve, reject) =>
			execFile(
				nodeBinary,
				['--import', 'tsx', path.join(projectRoot, 'bench/lib/table-move.ts'), String(config.tableMoves)],
				{cwd: projectRoot, encoding: 'utf8', env: {...process.env, NODE_ENV: 'production'}},
				(error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout.trim()))),
			),
		);
		moves.push(...result.perMoveMs);
		firstRenders.push(result.firstRenderMs);
		return summarize(result.perMoveMs, 2).median;
	});
	return {
		rows: 10_000,
		movesPerRun: config.tableMoves,
		runMedianMs: summarize(runs, 2),
		perMoveMs: {...summarize(moves, 2), samples: []},
		firstRenderMs: summarize(firstRenders, 1),
	};
}

/** Old-generation growth under the log view's churn, tuned vs the young-generation flag alone (lib/heap-steps.ts). */
async function heapStepsFigure() {
	const MiB = 1024 * 1024;
	const result: Record<'tuned' | 'semiOnly', HeapRun[]> = {tuned: [], semiOnly: []};
	for (let i = 0; i < config.runs; i++) {
		// Alternated, so a change in the machine's load falls on both alike.
		for (const [key, setup] of [
			['tuned', 'tuned'],
			['semiOnly', 'semi-space only'],
		] as const) {
			const run = await heapRun(nodeBinary, projectRoot, setup, config.heap.ringSize, config.heap.lines);
			result[key].push(run);
			log(
				`heap-steps ${setup} #${i + 1}: old space peak ${(run.oldPeak / MiB).toFixed(1)} MiB in ${run.steps.length} steps`,
			);
		}
	}
	const describe = (runs: HeapRun[]) => ({
		oldPeakMiB: summarize(
			runs.map((run) => run.oldPeak / MiB),
			1,
		),
		steps: summarize(
			runs.map((run) => run.steps.length),
			0,
		),
		stepMiB: {
			...summarize(
				runs.flatMap((run) => run.steps.map((step) => step / MiB)),
				2,
			),
			samples: [],
		},
	});
	return {...config.heap, tuned: describe(result.tuned), semiOnly: describe(result.semiOnly)};
}

function gitDescribe(): {commit: string; dirty: boolean} {
	try {
		const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: projectRoot, encoding: 'utf8'}).trim();
		const dirty =
			execFileSync('git', ['status', '--porcelain', '--', 'cli.tsx', 'source'], {
				cwd: projectRoot,
				encoding: 'utf8',
			}).trim() !== '';
		return {commit, dirty};
	} catch {
		return {commit: 'unknown', dirty: true};
	}
}

/** Re-render the markdown (and figures) from a saved report: no measuring. */
function renderOnly(file: string) {
	const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
	const {markdown, figures} = renderMarkdown(report);
	report.figures = figures;
	const dir = flags.out ? outDir : path.dirname(path.resolve(file));
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'benchmarks.json'), `${JSON.stringify(report, null, '\t')}\n`);
	writeFileSync(path.join(dir, 'benchmarks.md'), markdown);
	log(`re-rendered ${path.join(dir, 'benchmarks.md')} from ${file}`);
}

async function main() {
	if (flags.render) return renderOnly(flags.render);
	const daemonSections = wants('launch', 'idle', 'keypress', 'flood');
	if (wants('startup', 'launch', 'idle', 'keypress', 'flood') && !existsSync(builtCli))
		throw new Error(`${builtCli} is missing: run npm run build`);
	const began = Date.now();
	const versions: Report['versions'] = {
		node: execFileSync(nodeBinary, ['--version'], {encoding: 'utf8'}).trim(),
		daemon: '–',
		dockerCli: '–',
		tmux: '–',
	};
	const build = {
		...gitDescribe(),
		distSha256: existsSync(builtCli)
			? createHash('sha256').update(readFileSync(builtCli)).digest('hex').slice(0, 16)
			: '–',
		distBytes: existsSync(builtCli) ? statSync(builtCli).size : 0,
	};
	log(
		`mode ${config.mode}, sections ${sections.join(' ')}, ${versions.node}, tsdock ${build.commit}${build.dirty ? '+dirty' : ''}`,
	);
	const loadAverage = {start: readFileSync('/proc/loadavg', 'utf8').trim(), end: ''};
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each section's raw samples have their own shape
	const raw: Record<string, any> = {};
	const loads: Report['loads'] = {};

	// The sections that need no daemon first, on a machine the daemon's loggers do not keep busy.
	if (wants('startup')) raw.startup = await startupCost();
	if (wants('table-move')) raw.tableMove = await tableMoveFigure();
	if (wants('heap-steps')) raw.heapSteps = await heapStepsFigure();

	if (daemonSections) {
		const daemon = await startDaemon();
		try {
			versions.daemon = (
				await daemon.docker(['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'])
			).stdout.trim();
			versions.dockerCli = (await daemon.docker(['version', '--format', '{{.Client.Version}}'])).stdout.trim();
			versions.tmux = execFileSync('tmux', ['-V'], {encoding: 'utf8'}).trim();
			log(`daemon ${versions.daemon}`);
			const firstLoad = await makeFirstLoad(daemon, config.first);
			loads.first = {asked: config.first, actual: firstLoad};
			log('measuring the first load');
			if (wants('launch')) raw.cli1 = await cliFloor(daemon, 'load 1');
			if (wants('keypress')) raw.echo = await echoFloor();
			// Launch and idle share the launches: the idle window follows a launch.
			if (wants('launch', 'idle')) raw.first = await launches(daemon, 'load 1', wants('idle'));
			if (wants('idle')) {
				raw.idleTimes = await idleTimesFigures(
					daemon,
					{argv: tsdockArgv(daemon), term: termOptions, runs: config.runs, idleMs: config.idleMs, ready: NAME},
					log,
				);
			}
			if (wants('keypress')) raw.keys1 = await keypressFigure(daemon, Math.min(60, config.presses));
			if (wants('flood')) raw.flood = await floodFigure(daemon);

			if (wants('launch', 'keypress')) {
				const secondLoad = await growToSecondLoad(daemon, firstLoad, config.second);
				loads.second = {asked: config.second, actual: secondLoad};
				log('measuring the second load');
				if (wants('launch')) {
					raw.cli2 = await cliFloor(daemon, 'load 2');
					raw.second = await launches(daemon, 'load 2', false);
				}
				if (wants('keypress')) raw.keys = await keypressFigure(daemon);
			}
		} finally {
			// Removing thousands of containers one by one would take minutes: stop the running ones, stop the
			// daemon, and let stop() unmount and delete its data root.
			const running = (await daemon.docker(['ps', '-q'], {allowFail: true})).stdout.split('\n').filter(Boolean);
			if (running.length) await daemon.docker(['rm', '-f', ...running], {allowFail: true});
			await daemon.pause();
			await daemon.stop();
		}
	}

	loadAverage.end = readFileSync('/proc/loadavg', 'utf8').trim();
	const report: Report = {
		schema: 2,
		mode: config.mode,
		sections,
		date: new Date().toISOString(),
		durationSeconds: Math.round((Date.now() - began) / 1000),
		machine: {...machine(), loadAverage},
		versions,
		build,
		config,
		loads,
		raw,
	};
	mkdirSync(outDir, {recursive: true});
	const {markdown, figures} = renderMarkdown(report);
	report.figures = figures;
	writeFileSync(path.join(outDir, 'benchmarks.json'), `${JSON.stringify(report, null, '\t')}\n`);
	writeFileSync(path.join(outDir, 'benchmarks.md'), markdown);
	log(`wrote ${path.join(outDir, 'benchmarks.md')} and benchmarks.json in ${report.durationSeconds} s`);
	// The figures of this run on the terminal too (a partial run is often read right away).
	for (const part of markdown.split('\n## ').slice(1, 3))
		if (/^(Targets|Context)/.test(part)) process.stdout.write(`## ${part.trim()}\n\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
