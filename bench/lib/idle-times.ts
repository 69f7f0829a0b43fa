/**
 * The idle screen with relative times (issue 12.1): bytes written over the idle window (a) on a screen whose
 * times are all years old (the Images pane filtered to images whose config says 2001: nothing on it changes, so
 * nothing should be written; no container can be made old, so it is images) and (b) on one showing a container
 * under a minute old (its STATUS and CREATED change every second: only its cells are redrawn). Self-contained:
 * it needs tsd-base:1 on the daemon and loads its own images and container.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {TestDaemon} from '../../test/helpers/daemon.ts';
import {childEnv} from '../../test/helpers/tmux.ts';
import {launchUntil, quit, type TermOptions} from './measure.ts';
import type {Term} from './term.ts';

export const OLD_PREFIX = 'b-old-';
export const YOUNG_NAME = 'b-young-0';

/** `count` images with tsd-base's layers and a `created` of 2001 (one `docker load`). */
async function loadOldImages(daemon: TestDaemon, count: number): Promise<void> {
	const work = mkdtempSync(path.join(tmpdir(), 'tsd-bench-old-'));
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
		const manifest = Array.from({length: count}, (_, i) => {
			const text = JSON.stringify({
				...config,
				created: `2001-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
				history: [],
				config: {...config.config, Labels: {'bench.old': String(i)}},
			});
			const digest = createHash('sha256').update(text).digest('hex');
			writeFileSync(path.join(out, `${digest}.json`), text);
			return {
				Config: `${digest}.json`,
				RepoTags: [`${OLD_PREFIX}${String(i).padStart(2, '0')}:1`],
				Layers: baseManifest.Layers,
			};
		});
		writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
		const tarball = path.join(work, 'old.tar');
		execFileSync('tar', ['-cf', tarball, '-C', out, '.']);
		await daemon.docker(['load', '-q', '-i', tarball]);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

/** Filter the list down to `text` with the filter box, and keep it. */
async function filterTo(term: Term, text: string): Promise<void> {
	term.sendKeys(['/']);
	await sleep(150);
	term.sendKeys(['-l', text]);
	await sleep(150);
	term.sendKeys(['Enter']);
	await term.waitForScreen((screen) => screen.includes(`filter: ${text}`), 5000);
}

/** Bytes the pane's program writes over `ms`, once the screen has gone quiet. */
async function idleBytes(term: Term, ms: number): Promise<number> {
	await term.waitQuiet(500, 10_000);
	const bytes0 = term.pipedBytes();
	await sleep(ms);
	return term.pipedBytes() - bytes0;
}

export type IdleTimes = {oldScreenBytes: number[]; youngScreenBytes: number[]; oldImages: number; screens: string[]};

export async function idleTimesFigures(
	daemon: TestDaemon,
	options: {
		argv: string[];
		term: (env: Record<string, string>) => TermOptions;
		runs: number;
		idleMs: number;
		ready: RegExp;
	},
	log: (text: string) => void,
): Promise<IdleTimes> {
	const oldImages = 30;
	await loadOldImages(daemon, oldImages);
	const result: IdleTimes = {oldScreenBytes: [], youngScreenBytes: [], oldImages, screens: []};
	for (let i = 0; i < options.runs; i++) {
		// (a) Images pane, only the images made in 2001.
		let home = childEnv();
		let {term} = await launchUntil(options.argv, options.ready, options.term(home.env));
		try {
			term.sendKeys(['2']);
			await term.waitForScreen((screen) => screen.includes('Images ('), 5000);
			await filterTo(term, OLD_PREFIX);
			await term.waitForScreen((screen) => /years ago/.test(screen), 5000);
			result.oldScreenBytes.push(await idleBytes(term, options.idleMs));
			if (i === 0) result.screens.push(await term.capture());
		} finally {
			await quit(term);
			home.cleanup();
		}
		// (b) Containers pane, only a container started just before.
		await daemon.docker(['rm', '-f', YOUNG_NAME], {allowFail: true});
		await daemon.docker(['run', '-d', '--name', YOUNG_NAME, '--network', 'none', 'tsd-base:1', 'sleep', '3600']);
		home = childEnv();
		({term} = await launchUntil(options.argv, options.ready, options.term(home.env)));
		try {
			await filterTo(term, YOUNG_NAME);
			result.youngScreenBytes.push(await idleBytes(term, options.idleMs));
			if (i === 0) result.screens.push(await term.capture());
		} finally {
			await quit(term);
			home.cleanup();
			await daemon.docker(['rm', '-f', YOUNG_NAME], {allowFail: true});
		}
		log(
			`idle with relative times #${i + 1}: ${result.oldScreenBytes[i]} bytes (years-old images), ${result.youngScreenBytes[i]} bytes (a container under a minute old)`,
		);
	}
	return result;
}
