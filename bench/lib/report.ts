/** Turn a run's raw measurements into the figures (targets, pass/fail) and docs/benchmarks.md. */
import {existsSync, readFileSync} from 'node:fs';
import {median, type Summary} from './stats.ts';
import type {Machine} from './proc.ts';

export type Figure = {
	label: string;
	target: string;
	unit: string;
	median: number | null;
	min: number | null;
	max: number | null;
	/** p95 where the target is about a tail. */
	p95?: number | null;
	ratio?: number | null;
	ratioOf?: string;
	/** true / false, or null when it could not be measured (e.g. the feature is not there yet). */
	pass: boolean | null;
	note: string;
};

/** The bench's named sections (`npm run bench -- startup idle`), in the order a full run measures them. */
export const SECTIONS = ['startup', 'table-move', 'heap-steps', 'launch', 'idle', 'keypress', 'flood'] as const;
export type Section = (typeof SECTIONS)[number];
/** Sections of reports written before sections had names (schema 1): everything then measured. */
const SCHEMA_1_SECTIONS: Section[] = ['startup', 'launch', 'idle', 'keypress', 'flood'];

/** Every figure key the suite writes; the smoke test checks they are all present. */
export const FIGURE_KEYS = [
	'launch_first_load',
	'launch_second_load',
	'rss_10s_first_load',
	'rss_10s_second_load',
	'idle_cpu_30s',
	'idle_bytes_30s',
	'idle_daemon_cpu_extra_30s',
	'idle_bytes_old_times_30s',
	'idle_bytes_young_container_30s',
	'keypress_5000_rows',
	'bytes_per_move',
	'log_view_flood',
	'table_move_10000_rows',
	'heap_old_generation_steps',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** Which section measures each figure (startup has context rows only). */
export const FIGURE_SECTION: Record<FigureKey, Section> = {
	launch_first_load: 'launch',
	launch_second_load: 'launch',
	rss_10s_first_load: 'launch',
	rss_10s_second_load: 'launch',
	idle_cpu_30s: 'idle',
	idle_bytes_30s: 'idle',
	idle_daemon_cpu_extra_30s: 'idle',
	idle_bytes_old_times_30s: 'idle',
	idle_bytes_young_container_30s: 'idle',
	keypress_5000_rows: 'keypress',
	bytes_per_move: 'keypress',
	log_view_flood: 'flood',
	table_move_10000_rows: 'table-move',
	heap_old_generation_steps: 'heap-steps',
};

// The raw section is whatever run.ts measured; typed loosely here on purpose (it is also the JSON).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw, config and load sections are free-form JSON
type Loose = any;

export type Report = {
	schema: number;
	mode: 'full' | 'quick';
	/** The sections measured (absent in schema 1 reports: all five of then). */
	sections?: Section[];
	date: string;
	durationSeconds: number;
	machine: Machine & {loadAverage?: {start: string; end: string}};
	versions: {node: string; daemon: string; dockerCli: string; tmux: string};
	build: {commit: string; dirty: boolean; distSha256: string; distBytes: number};
	config: Loose;
	loads: Loose;
	raw: Loose;
	figures?: Partial<Record<FigureKey, Figure>>;
};

export const sectionsOf = (report: Report): Section[] => report.sections ?? SCHEMA_1_SECTIONS;

const r = (value: number | null | undefined, digits = 1): number | null =>
	value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
const fmt = (value: number | null | undefined, digits = 1): string =>
	value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

function fromSamples(samples: number[], digits = 1): Pick<Figure, 'median' | 'min' | 'max'> {
	const finite = samples.filter(Number.isFinite);
	if (finite.length === 0) return {median: null, min: null, max: null};
	return {median: r(median(finite), digits), min: r(Math.min(...finite), digits), max: r(Math.max(...finite), digits)};
}

export function computeFigures(report: Report): Partial<Record<FigureKey, Figure>> {
	const {raw, config} = report;
	const has = (section: Section) => sectionsOf(report).includes(section);
	const figures: Partial<Record<FigureKey, Figure>> = {};
	const windowS = config.idleMs / 1000;
	const rssS = config.rssAfterMs / 1000;
	if (has('launch')) {
		// The floor: `docker ps -a` in the same pty, timed right before each launch (same machine noise).
		const floor1 = (
			raw.first.pairedFloorMs?.length ? median(raw.first.pairedFloorMs) : raw.cli1.docker_ps_a_pty.median
		) as number;
		const floor2 = (
			raw.second.pairedFloorMs?.length ? median(raw.second.pairedFloorMs) : raw.cli2.docker_ps_a_pty.median
		) as number;
		const pairRatios = (raw.first.pairedFloorMs ?? []).map((floor: number, i: number) => raw.first.launchMs[i] / floor);
		const launch1 = fromSamples(raw.first.launchMs);
		const launch2 = fromSamples(raw.second.launchMs);
		const ratio1 = launch1.median !== null ? launch1.median / floor1 : null;
		const ratio2 = launch2.median !== null && launch1.median ? launch2.median / launch1.median : null;
		const rss1 = fromSamples(raw.first.rssMB);
		const rss2 = fromSamples(raw.second.rssMB);
		const rows2 = report.loads.second.actual.containers;
		figures.launch_first_load = {
			label: `launch → container list drawn (${report.loads.first.actual.containers} containers, ${report.loads.first.actual.images} images)`,
			target: '<= 3x `docker ps -a` (aim 2x)',
			unit: 'ms',
			...launch1,
			ratio: r(ratio1, 2),
			ratioOf: `docker ps -a in the same pty, run before each launch: median ${fmt(floor1)} ms; per-pair ratios ${pairRatios.map((value: number) => fmt(value, 1)).join(', ') || '–'}; docker ps -a to a pipe: ${fmt(raw.cli1.docker_ps_a.median)} ms`,
			pass: ratio1 === null ? null : ratio1 <= 3,
			note: ratio1 !== null && ratio1 > 2 && ratio1 <= 3 ? 'within the target, above the 2x aim' : '',
		};
		figures.launch_second_load = {
			label: `same with ${rows2} containers / ${report.loads.second.actual.images} images`,
			target: '<= 2x the first load',
			unit: 'ms',
			...launch2,
			ratio: r(ratio2, 2),
			ratioOf: `first load ${fmt(launch1.median)} ms; docker ps -a here ${fmt(floor2)} ms (x${fmt(launch2.median !== null ? launch2.median / floor2 : null, 2)})`,
			pass: ratio2 === null ? null : ratio2 <= 2,
			note: '',
		};
		figures.rss_10s_first_load = {
			label: `RSS ${rssS} s after launch, first load`,
			target: '<= 80 MB',
			unit: 'MB',
			...rss1,
			pass: rss1.median === null ? null : rss1.median <= 80,
			note: '',
		};
		figures.rss_10s_second_load = {
			label: `RSS ${rssS} s after launch, ${rows2} containers`,
			target: '<= 150 MB',
			unit: 'MB',
			...rss2,
			pass: rss2.median === null ? null : rss2.median <= 150,
			note: '',
		};
	}
	if (has('idle')) {
		const cpu = fromSamples(raw.first.idle.cpu, 2);
		const bytes = fromSamples(raw.first.idle.bytes, 0);
		const extras = raw.first.idle.engineWith.map((value: number, i: number) =>
			Number.isFinite(raw.first.idle.cpu[i]) ? value - raw.first.idle.engineWithout[i] : NaN,
		);
		const extra = fromSamples(extras, 2);
		const oldTimes = fromSamples(raw.idleTimes?.oldScreenBytes ?? [], 0);
		const youngTimes = fromSamples(raw.idleTimes?.youngScreenBytes ?? [], 0);
		figures.idle_cpu_30s = {
			label: `tsdock CPU over ${windowS} s idle on the Containers pane (utime+stime)`,
			target: '<= 0.1 s',
			unit: 's',
			...cpu,
			pass: cpu.median === null ? null : cpu.median <= 0.1,
			note: 'resolution 10 ms (clock ticks)',
		};
		figures.idle_bytes_30s = {
			label: `bytes written to the terminal over ${windowS} s idle`,
			target: '<= 1 KiB',
			unit: 'bytes',
			...bytes,
			pass: bytes.median === null ? null : bytes.median <= 1024,
			note: "Containers pane: the load's containers are minutes old, so a minute's change of their STATUS/CREATED is redrawn when it falls in the window (the two idle_bytes_*_times figures separate the cases)",
		};
		figures.idle_bytes_old_times_30s = {
			label: `bytes written to the terminal over ${windowS} s idle on a screen whose relative times are all years old (Images pane, ${raw.idleTimes?.oldImages ?? '–'} images of 2001)`,
			target: '<= 1 KiB',
			unit: 'bytes',
			...oldTimes,
			pass: oldTimes.median === null ? null : oldTimes.median <= 1024,
			note: 'the clock has nothing to redraw for months: no timer fires',
		};
		figures.idle_bytes_young_container_30s = {
			label: `bytes written to the terminal over ${windowS} s idle showing one container under a minute old (its STATUS and CREATED change every second)`,
			target: '– (reported)',
			unit: 'bytes',
			...youngTimes,
			pass: null,
			note: "only that row's changed cells are rewritten, once a second",
		};
		figures.idle_daemon_cpu_extra_30s = {
			label: `extra dockerd + containerd CPU over ${windowS} s idle (with tsdock − without)`,
			target: '<= 0.1 s',
			unit: 's',
			...extra,
			pass: extra.median === null ? null : extra.median <= 0.1,
			note: `with: median ${fmt(median(raw.first.idle.engineWith), 2)} s, without: ${fmt(median(raw.first.idle.engineWithout), 2)} s (${report.loads.first.actual.running} loggers keep the daemon busy either way)`,
		};
	}
	if (has('keypress')) {
		const keys = raw.keys;
		const fullRow = keys.fullScreenBytes / config.height;
		const perMove = keys.inWindowBytes.median as number;
		const rows2 = report.loads.second.actual.containers;
		figures.keypress_5000_rows = {
			label: `keypress (j/k) → first byte of the new frame, ${rows2}-row list, ${keys.presses} presses`,
			target: 'p50 <= 10 ms, p95 <= 30 ms',
			unit: 'ms',
			median: keys.firstByteMs.median,
			min: keys.firstByteMs.min,
			max: keys.firstByteMs.max,
			p95: keys.firstByteMs.p95,
			pass: keys.firstByteMs.n ? keys.firstByteMs.median <= 10 && keys.firstByteMs.p95 <= 30 : null,
			note: `method floor (raw-mode cat echo through the same tmux path): p50 ${fmt(raw.echo.median, 2)} ms, p95 ${fmt(raw.echo.p95, 2)} ms; end of the frame's burst p50 ${fmt(keys.burstEndMs.median, 2)} ms, p95 ${fmt(keys.burstEndMs.p95, 2)} ms${keys.unanswered ? `; ${keys.unanswered} presses got no answer` : ''}${Number.isFinite(keys.finalRow) && keys.finalRow !== keys.expectedRow ? `; the cursor ended on row ${keys.finalRow}, expected ${keys.expectedRow}` : ''}`,
		};
		figures.bytes_per_move = {
			label: `bytes written per cursor move inside the window (${config.width}x${config.height})`,
			target: "only the changed rows (judged: <= 4 rows' worth of a full frame)",
			unit: 'bytes',
			median: keys.inWindowBytes.median,
			min: keys.inWindowBytes.min,
			max: keys.inWindowBytes.max,
			ratio: r(perMove / keys.fullScreenBytes, 3),
			ratioOf: `full frame ${keys.fullScreenBytes} bytes (capture-pane -e; first draw wrote ${keys.firstDrawBytes}); ${fmt(perMove / fullRow, 1)} rows' worth${keys.scrollBytes ? `; a move that scrolls the list: median ${keys.scrollBytes.median} bytes` : ''}`,
			pass: keys.inWindowBytes.n ? perMove <= 4 * fullRow : null,
			note: '',
		};
	}
	if (has('flood')) {
		const flood = raw.flood;
		const floodAvailable = flood.available === true;
		figures.log_view_flood = floodAvailable
			? {
					label: `log view under a ${flood.linesPerSecondMeasured} lines/s flood for ${config.flood.ms / 1000} s`,
					target: 'RSS flat, keypress p95 <= 50 ms',
					unit: 'ms',
					median: flood.keypressMs.median,
					min: flood.keypressMs.min,
					max: flood.keypressMs.max,
					p95: flood.keypressMs.p95,
					pass:
						flood.keypressMs.p95 <= 50 &&
						!flood.unanswered &&
						(flood.rssSettledRangeMB === undefined
							? Math.abs(flood.rssGrowthMB) <= 10 && Math.abs(flood.rssSecondHalfGrowthMB) <= 10
							: flood.rssSettledRangeMB <= 10),
					note: `RSS ${flood.rssMB[0]} MB when the view opened, peak ${flood.rssPeakMB} MB, +${flood.rssGrowthMB} MB first fifth → last fifth, ${flood.rssSecondHalfGrowthMB >= 0 ? '+' : ''}${flood.rssSecondHalfGrowthMB} MB over the second half${flood.rssSettledRangeMB === undefined ? ' (judged flat: both within 10 MB)' : `, ${flood.rssSettledRangeMB} MB between lowest and highest after the first ${flood.warmupSeconds} s (judged flat: that band within 10 MB; the warm-up is in the series below)`}; keypress = \`w\` until "wrap" is written (title)${flood.unanswered ? `; ${flood.unanswered} presses got no visible answer within 3 s` : ''}`,
				}
			: {
					label: `log view under a ${config.flood.linesPerSecond} lines/s flood`,
					target: 'RSS flat, keypress p95 <= 50 ms',
					unit: 'ms',
					median: null,
					min: null,
					max: null,
					pass: null,
					note: `not yet available: ${flood.note ?? 'no log view'}`,
				};
	}
	if (has('table-move')) {
		const table = raw.tableMove;
		figures.table_move_10000_rows = {
			label: `Table component: one cursor move on a ${table.rows.toLocaleString('en')}-row list (ink-testing-library, React production build, ${table.movesPerRun} moves per run)`,
			target: '<= 15 ms per move (median)',
			unit: 'ms',
			median: r(table.runMedianMs.median, 2),
			min: r(table.runMedianMs.min, 2),
			max: r(table.runMedianMs.max, 2),
			p95: r(table.perMoveMs.p95, 2),
			pass: table.runMedianMs.n ? table.runMedianMs.median <= 15 : null,
			note: `median of each run's median; p95 over all ${table.perMoveMs.n} moves; first render of the table ${fmt(table.firstRenderMs.median, 1)} ms. test/ui-table.test.tsx checks a move reads only the visible rows`,
		};
	}
	if (has('heap-steps')) {
		const heap = raw.heapSteps;
		const ratio = heap.tuned.oldPeakMiB.median / heap.semiOnly.oldPeakMiB.median;
		figures.heap_old_generation_steps = {
			label: `old generation under the log view's churn (${heap.lines.toLocaleString('en')} lines through a ${heap.ringSize.toLocaleString('en')}-line ring): peak, tuned`,
			target: '<= 0.9x the peak with the young-generation flag alone',
			unit: 'MiB',
			...fromSamples(heap.tuned.oldPeakMiB.samples),
			ratio: r(ratio, 2),
			ratioOf: `young-generation flag alone: peak ${fmt(heap.semiOnly.oldPeakMiB.median)} MiB (${fmt(heap.semiOnly.oldPeakMiB.min)}–${fmt(heap.semiOnly.oldPeakMiB.max)})`,
			pass: Number.isFinite(ratio) ? ratio <= 0.9 : null,
			note: `growth steps: tuned ${fmt(heap.tuned.steps.median, 0)} of median ${fmt(heap.tuned.stepMiB.median, 2)} MiB (largest ${fmt(heap.tuned.stepMiB.max, 2)}), flag alone ${fmt(heap.semiOnly.steps.median, 0)} of median ${fmt(heap.semiOnly.stepMiB.median, 2)} MiB (largest ${fmt(heap.semiOnly.stepMiB.max, 2)}); --single-threaded-gc; test/ui-heap-tuning.test.ts checks the flags exist`,
		};
	}
	return figures;
}

function passText(figure: Figure): string {
	if (figure.pass === null) return figure.note.startsWith('not yet available') ? 'not yet available' : 'not measured';
	return figure.pass ? 'pass' : '**FAIL**';
}

function valueText(figure: Figure): string {
	if (figure.median === null) return '–';
	const p95 = figure.p95 !== undefined && figure.p95 !== null ? ` (p95 ${fmt(figure.p95, 2)})` : '';
	const digits = figure.unit === 's' ? 2 : figure.unit === 'bytes' ? 0 : 1;
	return `${fmt(figure.median, digits)} ${figure.unit}${p95}`;
}

function rangeText(figure: Figure): string {
	if (figure.min === null || figure.max === null) return '–';
	const digits = figure.unit === 's' ? 2 : figure.unit === 'bytes' ? 0 : 1;
	return `${fmt(figure.min, digits)}–${fmt(figure.max, digits)}`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function summaryRow(label: string, summary: Summary | undefined, unit = 'ms'): string {
	if (!summary) return `| ${label} | – | – | – |`;
	return `| ${cell(label)} | ${fmt(summary.median)} ${unit} | ${fmt(summary.min)}–${fmt(summary.max)} | ${summary.n} |`;
}

export function renderMarkdown(report: Report): {markdown: string; figures: Partial<Record<FigureKey, Figure>>} {
	const figures = computeFigures(report);
	const {raw, config, machine, versions, build, loads} = report;
	const sections = sectionsOf(report);
	const partial = SECTIONS.some((section) => !sections.includes(section));
	const command = `npm run bench${report.mode === 'quick' || partial ? ` --${partial ? ` ${sections.join(' ')}` : ''}${report.mode === 'quick' ? ' --quick' : ''}` : ''}`;
	const lines: string[] = [];
	const push = (...text: string[]) => lines.push(...text);
	push('# tsdock benchmarks (issue 5)', '');
	if (report.mode === 'quick') {
		push(
			'> **QUICK RUN — tiny load, 1–2 runs per figure, short windows. These numbers are a smoke test of the harness, not the figures of issue 5.** Run `npm run bench` for the real ones.',
			'',
		);
	}
	if (partial)
		push(
			`> **Sections measured: ${sections.join(', ')}** (of ${SECTIONS.join(', ')}). Only their figures are below.`,
			'',
		);
	push(
		`Generated by \`${command}\` on ${report.date.slice(0, 10)} (${report.date}), in ${report.durationSeconds < 120 ? `${report.durationSeconds} s` : `${Math.round(report.durationSeconds / 60)} min`}. Every number below was measured in that run; nothing is copied from elsewhere.`,
		'',
		`- Machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${(machine.memTotalMiB / 1024).toFixed(1)} GiB RAM; ${machine.os}, kernel ${machine.kernel}`,
		`- Load average (/proc/loadavg) at the start: ${machine.loadAverage?.start ?? '?'}; at the end: ${machine.loadAverage?.end ?? '?'} (other work on the machine shows here)`,
		`- Node ${versions.node} (project's node_modules/.bin/node); ${versions.daemon === '–' ? 'no daemon or terminal in these sections' : `Docker Engine ${versions.daemon} (throwaway dockerd, \`--bridge=none\`); docker CLI ${versions.dockerCli}; ${versions.tmux}`}`,
		`- tsdock: dist/cli.js (${(build.distBytes / 1024).toFixed(0)} KiB, sha256 ${build.distSha256}…) built from ${build.commit}${build.dirty ? ' with uncommitted changes in cli.tsx/source' : ''}`,
		`- Terminal: ${config.width}x${config.height} tmux pane; medians of ${config.runs} runs unless stated`,
		...(loads.first
			? [
					`- First load: ${loads.first.actual.containers} containers (${loads.first.actual.running} running, each logging 5 lines/s), ${loads.first.actual.images} images (${loads.first.actual.dangling} dangling, made by rebuilding tags)`,
				]
			: []),
		...(loads.second
			? [
					`- Second load: ${loads.second.actual.containers} containers, ${loads.second.actual.images} images (${loads.second.actual.dangling} dangling); every image is its own ID (one row each in \`docker images\`)`,
				]
			: []),
		'',
		'## Targets',
		'',
		...(Object.keys(figures).length
			? ['| Figure | Target | Measured (median) | min–max | Ratio | Result | Notes |', '|---|---|---|---|---|---|---|']
			: ['No figure with a target in these sections: the measurements are in the context table below.']),
	);
	for (const figure of Object.values(figures)) {
		const ratio =
			figure.ratio !== undefined && figure.ratio !== null
				? `${figure.ratio}x${figure.ratioOf ? ` (${figure.ratioOf})` : ''}`
				: (figure.ratioOf ?? '–');
		push(
			`| ${cell(figure.label)} | ${cell(figure.target)} | ${valueText(figure)} | ${rangeText(figure)} | ${cell(ratio)} | ${passText(figure)} | ${cell(figure.note || '')} |`,
		);
	}
	const context: string[] = [];
	if (raw.startup)
		context.push(
			summaryRow('`node -e 0` (Node start-up alone)', raw.startup.node_empty),
			summaryRow('`tsdock --version` (start-up + loading the bundle)', raw.startup.tsdock_version),
			summaryRow('`tsdock --help`', raw.startup.tsdock_help),
		);
	if (raw.cli1 && raw.cli2)
		context.push(
			summaryRow(`first load: \`docker ps -a\` to a pipe (${raw.cli1.docker_ps_a.rows} rows)`, raw.cli1.docker_ps_a),
			summaryRow('first load: `docker ps -a` in the pty, until a name is written', raw.cli1.docker_ps_a_pty),
			summaryRow(
				`first load: \`tsdock ps --all\` to a pipe (${raw.cli1.tsdock_ps_all.rows} rows)`,
				raw.cli1.tsdock_ps_all,
			),
			summaryRow(`first load: \`docker images\` (${raw.cli1.docker_images.rows} rows)`, raw.cli1.docker_images),
			summaryRow(`first load: \`tsdock images\` (${raw.cli1.tsdock_images.rows} rows)`, raw.cli1.tsdock_images),
			summaryRow(`second load: \`docker ps -a\` to a pipe (${raw.cli2.docker_ps_a.rows} rows)`, raw.cli2.docker_ps_a),
			summaryRow('second load: `docker ps -a` in the pty', raw.cli2.docker_ps_a_pty),
			summaryRow(`second load: \`tsdock ps --all\` (${raw.cli2.tsdock_ps_all.rows} rows)`, raw.cli2.tsdock_ps_all),
			summaryRow(`second load: \`docker images\` (${raw.cli2.docker_images.rows} rows)`, raw.cli2.docker_images),
			summaryRow(`second load: \`tsdock images\` (${raw.cli2.tsdock_images.rows} rows)`, raw.cli2.tsdock_images),
		);
	if (raw.echo && raw.keys)
		context.push(
			summaryRow('keypress floor: raw-mode `cat` echo through tmux', raw.echo),
			summaryRow("second load: end of the frame's burst after a keypress", raw.keys.burstEndMs),
		);
	if (raw.keys1)
		context.push(
			summaryRow(
				`first load (${loads.first.actual.containers} rows): keypress → first byte (p95 ${fmt(raw.keys1.firstByteMs.p95, 1)} ms)`,
				raw.keys1.firstByteMs,
			),
			summaryRow('first load: bytes per cursor move inside the window', raw.keys1.inWindowBytes, 'bytes'),
		);
	if (raw.first)
		context.push(
			`| first draw of the UI (bytes written until the list appeared), first load | ${fmt(median(raw.first.firstDrawBytes), 0)} bytes | ${Math.min(...raw.first.firstDrawBytes)}–${Math.max(...raw.first.firstDrawBytes)} | ${raw.first.firstDrawBytes.length} |`,
		);
	if (raw.first?.idle?.shimsWith?.length)
		context.push(
			`| containerd-shim CPU over the idle window, with / without tsdock | ${fmt(median(raw.first.idle.shimsWith), 2)} / ${fmt(median(raw.first.idle.shimsWithout), 2)} s | – | ${raw.first.idle.shimsWith.length} |`,
		);
	if (context.length)
		push('', '## Context (no targets)', '', '| What | Median | min–max | Runs |', '|---|---|---|---|', ...context, '');
	else push('');
	if (raw.cli1 && raw.cli2)
		push(
			`\`tsdock ps --all\` vs \`docker ps -a\`: x${fmt(raw.cli1.tsdock_ps_all.median / raw.cli1.docker_ps_a.median, 2)} on the first load, x${fmt(raw.cli2.tsdock_ps_all.median / raw.cli2.docker_ps_a.median, 2)} on the second.`,
			'',
		);
	if (raw.flood?.available === false) {
		push(
			'Log view check: after selecting the flood container and pressing `l`, the screen showed:',
			'',
			'```',
			raw.flood.screenAfterL ?? '',
			'```',
			'',
		);
	} else if (raw.flood?.available) {
		push(
			`Log view: flood measured at ${raw.flood.linesPerSecondMeasured} lines/s (asked ${raw.flood.linesPerSecondAsked}, from the growth of the container's json log); RSS each second (MB): ${raw.flood.rssMB.join(', ')}. Title at the end: \`${raw.flood.titleAtEnd ?? '?'}\`.`,
			'',
		);
	}
	const exits = [...(raw.first?.exits ?? []), ...(raw.second?.exits ?? [])];
	if (exits.length)
		push(
			'Unexpected tsdock exits during the runs (their samples are left out of the idle figures):',
			'',
			...exits.map((text: string) => `- ${cell(text)}`),
			'',
		);
	// What was tried for the targets still missed, and what it cost: written by hand, kept with the report.
	const notes = new URL('../../docs/benchmark-notes.md', import.meta.url);
	if (existsSync(notes)) push(readFileSync(notes, 'utf8').trim(), '');
	push(
		'## Peers',
		'',
		'lazydocker and dockly are not installed on the benchmark machine, so no peer was measured here. The only published peer figures we know of are idle-CPU complaints, quoted (not measured): lazydocker #249 reports 2.5–10% CPU idle with no containers; lazydocker #202 "CPU usage is too damn high!"; #296 Docker Desktop VM pushed to 100–200% CPU. No peer publishes start-up time or memory.',
		'',
		'## Method',
		'',
		"- Everything runs against the built `dist/cli.js` on the project's Node, started as `node dist/cli.js --host unix://…` inside a private tmux server (`tmux -L`, window fixed at the size above, `CI=false`, a fresh HOME and `TSDOCK_CONFIG_DIR` per launch).",
		"- Launch time: the pane's program waits on a fifo; the clock starts when the harness writes to it (the shell then `exec`s node), and stops when a tmux control-mode client (`tmux -C`) receives the `%output` that contains a container name of the load. `docker ps -a` is timed the same way in the same kind of pty right before each launch (the floor for the ratio, so both see the same machine noise), and also on its own to a plain pipe (context table).",
		"- RSS: `VmRSS` of the tsdock process from `/proc/<pid>/status` at the given time after the clock started. CPU: `utime+stime` from `/proc/<pid>/stat` (all threads) over the idle window. Bytes to the terminal: growth of the `tmux pipe-pane -o 'cat >> file'` file over the window.",
		'- Daemon CPU: `utime+stime` of dockerd (pid from its pidfile) and of its containerd child, over the idle window with tsdock on the Containers pane, and over an equal window right after tsdock quit; the figure is the median of the per-run differences. The running loggers make the daemon work in both windows, so small differences are within noise (10 ms clock ticks).',
		'- Keypresses: keys are sent as `send-keys` commands through the same control-mode client (no process per key); latency = time to the first `%output` byte after the key, after the screen was quiet for 30 ms; bytes = what was written until 25 ms of quiet. The first half of the presses go down from the top (the later ones scroll the list), the second half alternate k/j inside the window. The "method floor" row is the same measurement on `stty raw -echo; cat`.',
		`- Log flood: a busybox container printing bursts of 5,000 lines then sleeping to approximate ${config.flood.linesPerSecond} lines/s (the achieved rate is measured from its json log); the harness selects it with the filter (\`/\` name Enter) and presses \`l\`. While the flood runs it reads RSS every second and, in between, presses \`w\` (wrap on) and times it until the next output that contains "wrap" (the title; the screen never goes quiet, so "any output" would not do), then presses \`w\` again untimed to turn it off.`,
		"- Loads: images of the first load are real `docker build`s (FROM a busybox image built from scratch; tags rebuilt with another label to make the dangling ones); containers are created through the Engine API over the socket (bulk `docker create` processes would measure the CLI, not make a load); the second load's images are generated image configs (distinct labels, one shared layer) imported with one `docker load`.",
		...(sections.includes('table-move')
			? [
					'- Table move (section table-move): the Table component alone in ink-testing-library, in a process of its own with `NODE_ENV=production` (React as shipped), 10,000 rows in a 60x10 window; each `rerender` that moves the window and the cursor down one row is timed with `performance.now()`.',
				]
			: []),
		...(sections.includes('heap-steps')
			? [
					'- Old generation (section heap-steps): a plain node process per run on the pinned Node with `--single-threaded-gc`, pushing log-line objects through a ring the size given (as the log view keeps lines), with the heap flags of `source/ui/heap-tuning.ts` set, and with only `--semi-space-growth-factor=1`, alternated; `old_space` size from `v8.getHeapSpaceStatistics()` every 20,000 lines; a step is one growth between two readings.',
				]
			: []),
		'',
		`Re-run: \`npm run bench\` (root, needs dockerd/busybox-static/tmux as for the tests; about 10 min on the machine above); it builds first and writes docs/benchmarks.md. Named sections run alone (\`npm run bench -- startup idle\`; the sections are ${SECTIONS.join(', ')}; startup, table-move and heap-steps need no daemon and no root). \`--quick\` runs a tiny load in seconds. A quick or partial run writes to bench/out/ unless \`--out DIR\` says where; \`--runs N\` changes the number of runs; \`--render FILE.json\` rewrites the markdown from a saved JSON without measuring. \`node --import tsx bench/startup-profile.ts\` shows where launch CPU goes, by package.`,
		'',
	);
	return {markdown: lines.join('\n'), figures};
}
