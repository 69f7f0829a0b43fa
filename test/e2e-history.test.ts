// The image history view of the built TUI in a real terminal (tmux) against a throwaway daemon: rows equal
// `docker history` (IDs, CREATED BY, sizes), Enter shows a layer's command whole, a removed image is reported.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {humanSize, shortId} from '../source/core/index.ts';
import {build, createFixtures} from './helpers/fixtures.ts';
import type {TmuxSession} from './helpers/tmux.ts';
import {tuiSuite} from './helpers/tui-suite.ts';

const suite = tuiSuite(async (daemon) => {
	await createFixtures(daemon);
	// A layer with a long command and a comment-free history mixing real IDs and <missing>.
	await build(
		daemon,
		'tsd-hist:1',
		`FROM tsd-data:1\nRUN echo ${'long-argument '.repeat(12)}> /long && echo end-of-the-command\nLABEL hist=1\n`,
	);
});

async function openHistory(tmux: TmuxSession, reference: string) {
	await tmux.press('2');
	await tmux.waitFor('Images (');
	await tmux.press('/');
	await tmux.send([reference], {literal: true});
	await tmux.waitFor('(1 of ');
	await tmux.press('Enter');
	await tmux.press('h');
	await tmux.waitFor(`History of ${reference}`);
	return tmux.waitFor(/IMAGE\s+CREATED\s+CREATED BY\s+SIZE/);
}

type Row = {id: string; created: string; createdBy: string; size: string};

/** The table's rows, cut at the header's column positions (CREATED BY may hold double spaces). */
function parseRows(screen: string): Row[] {
	const lines = screen.split('\n').map((line) => line.replace(/^│/, '').replace(/│$/, ''));
	const header = lines.find((line) => /IMAGE\s+CREATED\s+CREATED BY/.test(line))!;
	const at = {
		created: header.indexOf('CREATED'),
		by: header.indexOf('CREATED BY'),
		sizeEnd: header.indexOf('SIZE') + 4,
	};
	const rows: Row[] = [];
	for (const line of lines.slice(lines.indexOf(header) + 1)) {
		if (!/^[› ] (\S{12}|<missing>)/.test(line)) continue;
		const [, createdBy = '', size = ''] = /^(.*?)\s+(\S+)$/.exec(line.slice(at.by, at.sizeEnd)) ?? [];
		rows.push({id: line.slice(2, at.created).trim(), created: line.slice(at.created, at.by).trim(), createdBy, size});
	}
	return rows;
}

test('h on an image: its layers as docker history shows them, newest first, with the total size', async () => {
	const screen = await openHistory(await suite.launch({width: 160, height: 40}), 'tsd-hist:1');
	const cli = (
		await suite.daemon.docker([
			'history',
			'--no-trunc',
			'--human=false',
			'--format',
			'{{.ID}}\t{{.Size}}\t{{.CreatedBy}}',
			'tsd-hist:1',
		])
	).stdout
		.trim()
		.split('\n');
	const expected = cli.map((line) => {
		const [id, size, ...createdBy] = line.split('\t');
		return {
			id: id === '<missing>' ? '<missing>' : shortId(id!),
			size: humanSize(Number(size)),
			createdBy: createdBy.join('\t'),
		};
	});
	const rows = parseRows(screen);
	assert.equal(rows.length, expected.length, screen);
	assert.ok(expected.length >= 5, 'several layers');
	rows.forEach((row, i) => {
		const want = expected[i]!;
		assert.equal(row.id, want.id, `row ${i} ID`);
		assert.equal(row.size, want.size, `row ${i} size`);
		const prefix = row.createdBy.replace(/…$/, '').trimEnd();
		assert.ok(prefix.length >= 10, `row ${i} shows its command: "${row.createdBy}"`);
		assert.ok(want.createdBy.startsWith(prefix), `row ${i}: "${want.createdBy}" starts with "${prefix}"`);
		assert.match(row.created, /ago$/);
	});
	const inspect = JSON.parse((await suite.daemon.docker(['image', 'inspect', 'tsd-hist:1'])).stdout)[0];
	assert.match(
		screen,
		new RegExp(
			`History of tsd-hist:1 · ${expected.length} layers · total ${humanSize(inspect.Size).replace('.', '\\.')}`,
		),
	);
});

test('Enter shows the whole CREATED BY of a layer; Esc goes back to the layers, then to the list', async () => {
	const tmux = await suite.launch();
	const screen = await openHistory(tmux, 'tsd-hist:1');
	const rows = parseRows(screen);
	const index = rows.findIndex((row) => row.createdBy.includes('long-argument'));
	assert.ok(index >= 0, screen);
	assert.ok(!screen.includes('end-of-the-command'), 'cut in the table');
	for (let i = 0; i < index; i++) await tmux.press('Down');
	await tmux.waitFor(`row ${index + 1}`);
	await tmux.press('Enter');
	const whole = await tmux.waitFor('end-of-the-command');
	assert.match(whole, /CREATED BY/);
	const lines = whole.split('\n');
	const command = lines
		.slice(lines.findIndex((line) => line.includes('CREATED BY')) + 1)
		.map((line) => line.replace(/^│/, '').replace(/\s*│?\s*$/, ''))
		.join('');
	assert.equal((command.match(/long-argument/g) ?? []).length, 12, `every word of the command: ${command}`);
	await tmux.press('Escape');
	await tmux.waitFor((text) => text.includes(`row ${index + 1}`) && !text.includes('end-of-the-command'));
	await tmux.press('Escape');
	await tmux.waitFor('filter: tsd-hist:1');
});

test('the image is removed while its history is open: the view says so and keeps what it showed', async () => {
	await build(suite.daemon, 'tsd-gone:1', 'FROM tsd-base:1\nLABEL gone=1\n');
	const tmux = await suite.launch();
	await openHistory(tmux, 'tsd-gone:1');
	await suite.daemon.docker(['rmi', 'tsd-gone:1']);
	const screen = await tmux.waitFor('the image was removed', 10_000);
	assert.match(screen, /History of tsd-gone:1/);
	assert.match(screen, /LABEL gone=1/);
	await tmux.press('Escape');
	await tmux.waitFor(/Images \(/);
});
