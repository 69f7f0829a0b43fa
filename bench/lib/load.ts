/**
 * The loads of issue 5, made on a throwaway daemon.
 *  - first load: `runningLoggers` running containers each printing 5 lines/s, stopped containers up to
 *    `containers`, and `images` rows in `docker images` of which `dangling` are dangling (made by rebuilding tags).
 *  - second load: the first plus bulk-created containers and images up to the second totals. The bulk images
 *    are generated (one `docker load` of configs that differ by a label, all sharing tsd-base's layer), so each
 *    is its own image ID (one row each in `docker images`), not extra tags of one ID.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {TestDaemon} from '../../test/helpers/daemon.ts';
import {build, buildBase} from '../../test/helpers/fixtures.ts';
import {createContainer, engineApi, inParallel, startContainer, waitContainer} from './engine.ts';

export type FirstLoad = {containers: number; runningLoggers: number; exited: number; images: number; dangling: number};
export type SecondLoad = {containers: number; images: number; dangling: number};

export const runningName = (i: number) => `b-run-${String(i).padStart(2, '0')}`;
export const stoppedName = (i: number) => `b-stop-${String(i).padStart(3, '0')}`;
export const bulkName = (i: number) => `b-bulk-${String(i).padStart(4, '0')}`;
export const appTag = (i: number) => `b-app-${String(i).padStart(2, '0')}:1`;

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function count(daemon: TestDaemon, args: string[]): Promise<number> {
	return (await daemon.docker(args)).stdout.split('\n').filter(Boolean).length;
}

/** Build the first load; returns what `docker ps -a` / `docker images` count afterwards. */
export async function makeFirstLoad(
	daemon: TestDaemon,
	load: FirstLoad,
): Promise<{containers: number; images: number; dangling: number; running: number}> {
	const started = Date.now();
	await buildBase(daemon);
	// tsd-base:1 is one row; tagged app images and their dangling predecessors make the rest.
	const tagged = load.images - load.dangling - 1;
	if (tagged < load.dangling) throw new Error('need at least as many tagged images as dangling ones');
	const labels = (i: number, generation: number) => `FROM tsd-base:1\nLABEL bench.app=${i} bench.gen=${generation}\n`;
	await inParallel(
		Array.from({length: tagged}, (_, i) => i),
		3,
		async (i) => {
			await build(daemon, appTag(i), labels(i, 1));
			// Rebuilding a tag leaves the previous image dangling.
			if (i < load.dangling) await build(daemon, appTag(i), labels(i, 2));
		},
	);
	const api = engineApi(daemon.socketPath, 6);
	try {
		const loggerScript = (name: string) => `i=0; while :; do echo "${name} line $i"; i=$((i+1)); sleep 0.2; done`;
		await inParallel(
			Array.from({length: load.runningLoggers}, (_, i) => i),
			4,
			async (i) => {
				const id = await createContainer(api, runningName(i), 'tsd-base:1', ['sh', '-c', loggerScript(runningName(i))]);
				await startContainer(api, id);
			},
		);
		const stopped = load.containers - load.runningLoggers;
		await inParallel(
			Array.from({length: stopped}, (_, i) => i),
			6,
			async (i) => {
				const id = await createContainer(api, stoppedName(i), i % 2 ? 'tsd-base:1' : appTag(i % tagged), [
					'sh',
					'-c',
					`echo ${stoppedName(i)}; exit ${i % 3}`,
				]);
				if (i < load.exited) {
					await startContainer(api, id);
					await waitContainer(api, id);
				}
			},
		);
	} finally {
		api.close();
	}
	const result = {
		containers: await count(daemon, ['ps', '-aq']),
		running: await count(daemon, ['ps', '-q']),
		images: await count(daemon, ['images', '-q']),
		dangling: await count(daemon, ['images', '-q', '-f', 'dangling=true']),
	};
	log(`first load ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result)}`);
	return result;
}

/** Generate `count` images (distinct IDs, one shared layer) with `docker load`; the first `untagged` have no tag. */
async function loadGeneratedImages(daemon: TestDaemon, count: number, untagged: number): Promise<void> {
	const work = mkdtempSync(path.join(tmpdir(), 'tsd-bench-img-'));
	try {
		const saved = path.join(work, 'base.tar');
		await daemon.docker(['save', '-o', saved, 'tsd-base:1']);
		const base = path.join(work, 'base');
		const out = path.join(work, 'out');
		mkdirSync(base);
		mkdirSync(out);
		execFileSync('tar', ['-xf', saved, '-C', base]);
		const [baseManifest] = JSON.parse(readFileSync(path.join(base, 'manifest.json'), 'utf8'));
		const config = JSON.parse(readFileSync(path.join(base, baseManifest.Config), 'utf8'));
		for (const layer of baseManifest.Layers as string[]) {
			mkdirSync(path.join(out, path.dirname(layer)), {recursive: true});
			cpSync(path.join(base, layer), path.join(out, layer));
		}
		const manifest = [];
		for (let i = 0; i < count; i++) {
			const text = JSON.stringify({...config, config: {...config.config, Labels: {'bench.bulk': String(i)}}});
			const digest = createHash('sha256').update(text).digest('hex');
			writeFileSync(path.join(out, `${digest}.json`), text);
			manifest.push({
				Config: `${digest}.json`,
				RepoTags: i < untagged ? null : [`b-img-${String(i).padStart(4, '0')}:1`],
				Layers: baseManifest.Layers,
			});
		}
		writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
		const tarball = path.join(work, 'bulk.tar');
		execFileSync('tar', ['-cf', tarball, '-C', out, '.']);
		await daemon.docker(['load', '-q', '-i', tarball]);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

/** Grow the first load to the second one's totals. */
export async function growToSecondLoad(
	daemon: TestDaemon,
	have: {containers: number; images: number; dangling: number},
	load: SecondLoad,
): Promise<{containers: number; images: number; dangling: number}> {
	const started = Date.now();
	const newImages = load.images - have.images;
	const newDangling = Math.max(0, Math.min(newImages, load.dangling - have.dangling));
	if (newImages > 0) await loadGeneratedImages(daemon, newImages, newDangling);
	const api = engineApi(daemon.socketPath, 8);
	try {
		const bulk = load.containers - have.containers;
		await inParallel(
			Array.from({length: bulk}, (_, i) => i),
			8,
			async (i) => {
				await createContainer(
					api,
					bulkName(i),
					i % 3
						? 'tsd-base:1'
						: `b-img-${String(newDangling + (i % Math.max(1, newImages - newDangling))).padStart(4, '0')}:1`,
					['true'],
				);
			},
		);
	} finally {
		api.close();
	}
	const result = {
		containers: await count(daemon, ['ps', '-aq']),
		images: await count(daemon, ['images', '-q']),
		dangling: await count(daemon, ['images', '-q', '-f', 'dangling=true']),
	};
	log(`second load ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result)}`);
	return result;
}

/** A container printing ~`linesPerSecond` lines/s (bursts of `burst` lines, then a sleep). */
export async function startFlood(daemon: TestDaemon, name: string, linesPerSecond: number): Promise<string> {
	const burst = 5000;
	const sleep = (burst / linesPerSecond).toFixed(3);
	const result = await daemon.docker([
		'run',
		'-d',
		'--name',
		name,
		'--network',
		'none',
		'tsd-base:1',
		'sh',
		'-c',
		`while :; do seq 1 ${burst} | sed 's/^/flood line /'; sleep ${sleep}; done`,
	]);
	return result.stdout.trim();
}
