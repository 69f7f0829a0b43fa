// Relative times in the built TUI, in a real terminal (tmux), against a throwaway daemon: a running container's
// "Up N seconds" advances with no event and agrees with `docker ps`; a screen whose times are all old writes
// nothing while idle (counted in bytes through tmux pipe-pane, never in time).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {TestDaemon} from './helpers/daemon.ts';
import {buildBase} from './helpers/fixtures.ts';
import {childEnv} from './helpers/tmux.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

const OLD_TAGS = ['tsd-old-a:1', 'tsd-old-b:1'];

/**
 * Images made years ago, as far as the daemon knows: tsd-base's layers under configs whose `created` is in
 * 2001 (one `docker load`). No container can be made old this way, so the old screen is of images.
 */
async function loadOldImages(daemon: TestDaemon): Promise<void> {
	const work = mkdtempSync(path.join(tmpdir(), 'tsd-old-img-'));
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
		const manifest = OLD_TAGS.map((tag, i) => {
			const text = JSON.stringify({
				...config,
				created: `2001-0${i + 1}-01T00:00:00Z`,
				history: [],
				config: {...config.config, Labels: {old: tag}},
			});
			const digest = createHash('sha256').update(text).digest('hex');
			writeFileSync(path.join(out, `${digest}.json`), text);
			return {Config: `${digest}.json`, RepoTags: [tag], Layers: baseManifest.Layers};
		});
		writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
		const tarball = path.join(work, 'old.tar');
		execFileSync('tar', ['-cf', tarball, '-C', out, '.']);
		await daemon.docker(['load', '-q', '-i', tarball]);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

const suite = tuiSuite(async (daemon) => {
	await buildBase(daemon);
	await loadOldImages(daemon);
});

/** Filter the current list down to rows holding `text` and keep the filter. */
async function filterTo(tmux: TmuxSession, text: string): Promise<void> {
	await tmux.press('/');
	await tmux.send([text], {literal: true});
	await tmux.waitFor(`/${text}_`);
	await tmux.press('Enter');
	await tmux.waitFor(`filter: ${text}`);
}

/** A duration as docker words it, in seconds (the lower end of what the words cover). */
function durationSeconds(text: string): number {
	if (text === 'Less than a second') return 0;
	const match = /^(\d+|About an?) (second|minute|hour)s?$/.exec(text);
	assert.ok(match, `a duration: "${text}"`);
	const count = match[1]!.startsWith('About') ? 1 : Number(match[1]);
	return count * {second: 1, minute: 60, hour: 3600}[match[2] as 'second' | 'minute' | 'hour'];
}

/** The seconds in the STATUS "Up …" of the row showing `name`. */
function upSeconds(screen: string, name: string): number | undefined {
	const line = screen.split('\n').find((each) => each.includes(name) && each.includes(' Up '));
	const match = line && /Up (Less than a second|\d+ seconds?|About a minute|\d+ minutes)/.exec(line);
	return match ? durationSeconds(match[1]!) : undefined;
}

test("a running container's STATUS advances with no event and says what docker ps says", async () => {
	const name = 'tsd-times-up';
	await suite.daemon.docker(['run', '-d', '--name', name, '--network', 'none', 'tsd-base:1', 'sleep', '600']);
	const since = Math.floor(Date.now() / 1000);
	const tmux = await suite.launch({width: 160, height: 20});
	await filterTo(tmux, name);
	const first = upSeconds(await tmux.waitFor((screen) => upSeconds(screen, name) !== undefined), name)!;
	// Nothing happens to the container or the daemon; the text must still move on.
	const later = await tmux.waitFor((screen) => (upSeconds(screen, name) ?? -1) >= first + 2, 20_000);
	const shown = upSeconds(later, name)!;
	const ps = (await suite.daemon.docker(['ps', '--filter', `name=^${name}$`, '--format', '{{.Status}}'])).stdout.trim();
	const after = upSeconds(await tmux.capture(), name)!;
	const docker = durationSeconds(ps.replace(/^Up /, ''));
	// docker ps asked between the two captures: the same text, or the next unit at a boundary.
	const unit = docker >= 60 ? 60 : 1;
	assert.ok(
		docker >= shown - unit && docker <= after + unit,
		`tsdock showed Up ${shown}…${after} s, docker ps said "${ps}"`,
	);
	// No event touched the container in the meantime (the advance came from tsdock's clock, not a re-list).
	const until = Math.floor(Date.now() / 1000) + 1;
	const events = (
		await suite.daemon.docker([
			'events',
			'--since',
			String(since + 1),
			'--until',
			String(until),
			'--filter',
			`container=${name}`,
			'--format',
			'{{.Action}}',
		])
	).stdout.trim();
	assert.equal(events, '', 'no container event while the text advanced');
	await suite.daemon.docker(['rm', '-f', name]);
});

test('an idle screen whose times are all old writes nothing to the terminal', async () => {
	const home = childEnv();
	suite.defer(home.cleanup);
	const tmux = await suite.launch({width: 120, height: 20, env: home.env});
	await tmux.press('2');
	await tmux.waitFor('Images (');
	await filterTo(tmux, 'tsd-old');
	await tmux.waitFor((screen) => screen.includes('tsd-old-a:1') && /\d+ years ago/.test(screen));
	const file = path.join(home.dir, 'pipe.out');
	await tmux.pipeTo(file);
	// Prove the pipe records: one key press redraws.
	await tmux.press('j');
	await tmux.waitFor(/ row 2\b/);
	await sleep(800);
	const settled = existsSync(file) ? statSync(file).size : 0;
	assert.ok(settled > 0, 'the pipe saw the redraw');
	await sleep(3000);
	assert.equal(statSync(file).size - settled, 0, 'bytes written while idle');
});

test('a young container on screen: the clock redraws its cells, and stops once it is not shown', async () => {
	const name = 'tsd-times-young';
	await suite.daemon.docker(['run', '-d', '--name', name, '--network', 'none', 'tsd-base:1', 'sleep', '600']);
	const home = childEnv();
	suite.defer(home.cleanup);
	const tmux = await suite.launch({width: 120, height: 20, env: home.env});
	await filterTo(tmux, name);
	const file = path.join(home.dir, 'pipe.out');
	await tmux.pipeTo(file);
	const size = () => (existsSync(file) ? statSync(file).size : 0);
	const first = upSeconds(await tmux.capture(), name) ?? 0;
	await tmux.waitFor((screen) => (upSeconds(screen, name) ?? -1) >= first + 2, 20_000);
	assert.ok(size() > 0, 'the advancing STATUS was written');
	// The images pane (all its images are old): nothing relative on screen, so nothing more is written.
	await tmux.press('2');
	await filterTo(tmux, 'tsd-old');
	await sleep(800);
	const settled = size();
	await sleep(2500);
	assert.equal(size() - settled, 0, 'bytes written while the young container is not shown');
	await suite.daemon.docker(['rm', '-f', name]);
});
