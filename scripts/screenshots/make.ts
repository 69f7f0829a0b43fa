/**
 * `npm run screenshots`: runs the real built tsdock in a real terminal (tmux) against a throwaway daemon with the
 * standard fixtures, captures each view with its colours, and writes screenshots/<name>.png (SVG rendered by
 * resvg with DejaVu Sans Mono). Same fixtures, same pictures, apart from times.
 */
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {Resvg} from '@resvg/resvg-js';
import {startDaemon} from '../../test/helpers/daemon.ts';
import {createFixtures} from '../../test/helpers/fixtures.ts';
import {startTmux, nodeBinary} from '../../test/helpers/tmux.ts';
import {builtCli, projectRoot} from '../../test/helpers/cli.ts';
import {screenToSvg} from './ansi-svg.ts';

const run = promisify(execFile);
const WIDTH = 120;
const HEIGHT = 32;
const fontFile = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const boldFontFile = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';

export type Shot = {name: string; title: string; keys: string[]; waitFor: string | RegExp};

/** Each view, reached from the Containers pane by these keys (tmux key names). */
export const shots: Shot[] = [
	{name: 'containers', title: 'Containers pane', keys: [], waitFor: 'tsd-logger'},
	{name: 'container-details', title: 'Container details', keys: ['Enter'], waitFor: /Restart count|RESTART|Mounts/i},
	{name: 'images', title: 'Images pane', keys: ['2'], waitFor: 'tsd-data'},
	{name: 'images-dangling', title: 'Images pane, dangling only', keys: ['2', 'D'], waitFor: /dangling/i},
	{name: 'volumes', title: 'Volumes pane', keys: ['3'], waitFor: 'tsd-vol-used'},
	{name: 'disk', title: 'Disk usage pane', keys: ['4'], waitFor: 'Local Volumes'},
	{name: 'help', title: 'Help overlay', keys: ['?'], waitFor: 'In the Containers list'},
	{name: 'prune-preview', title: 'Prune preview of dangling images', keys: ['2', 'P'], waitFor: /reclaim|free/i},
	{
		name: 'history',
		title: 'Image history',
		keys: ['2', '/', 't', 's', 'd', '-', 'd', 'a', 't', 'a', 'Enter', 'h'],
		waitFor: /History of tsd-data/,
	},
	{
		name: 'logs',
		title: 'Logs of a running container',
		keys: ['/', 't', 's', 'd', '-', 'l', 'o', 'g', 'Enter', 'l'],
		waitFor: /Logs tsd-logger[\s\S]*out \d+/,
	},
	{name: 'switcher', title: 'Host and context switcher', keys: ['c'], waitFor: 'Switch host'},
];

async function main(): Promise<void> {
	if (!existsSync(builtCli)) throw new Error('build first: npm run build');
	if (!existsSync(fontFile))
		throw new Error(`screenshots need DejaVu Sans Mono (${fontFile}): apt-get install fonts-dejavu-core`);
	const only = process.argv.slice(2);
	const outDir = path.join(projectRoot, 'screenshots');
	mkdirSync(outDir, {recursive: true});
	const daemon = await startDaemon();
	const home = mkdtempSync(path.join(tmpdir(), 'tsd-shots-'));
	try {
		await createFixtures(daemon);
		for (const shot of shots.filter((candidate) => only.length === 0 || only.includes(candidate.name))) {
			const session = await startTmux([nodeBinary, builtCli, '--host', daemon.host], {
				width: WIDTH,
				height: HEIGHT,
				env: {
					CI: 'false',
					TERM: 'xterm-256color',
					HOME: home,
					TSDOCK_CONFIG_DIR: path.join(home, shot.name),
					LANG: 'C.UTF-8',
					COLORTERM: 'truecolor',
				},
			});
			try {
				await session.waitFor('tsd-logger', 20_000);
				for (const key of shot.keys) await session.press(key);
				await session.waitFor(shot.waitFor, 10_000);
				await new Promise((resolve) => setTimeout(resolve, 300));
				const {stdout} = await run('tmux', ['-L', session.socket, 'capture-pane', '-e', '-p', '-t', session.target]);
				const svg = screenToSvg(stdout, WIDTH, HEIGHT, {title: `tsdock — ${shot.title}`});
				const png = new Resvg(svg, {
					font: {fontFiles: [fontFile, boldFontFile], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans Mono'},
					fitTo: {mode: 'original'},
				})
					.render()
					.asPng();
				writeFileSync(path.join(outDir, `${shot.name}.png`), png);
				console.log(`screenshots/${shot.name}.png`);
			} finally {
				await session.kill();
			}
		}
	} finally {
		await daemon.stop();
		rmSync(home, {recursive: true, force: true});
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
