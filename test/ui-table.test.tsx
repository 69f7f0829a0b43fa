// The Table component: fitted columns, truncation with an ellipsis, no wrapping, only the visible rows rendered.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {stripVTControlCharacters as stripAnsi} from 'node:util';
import {Table, type TableRow} from '../source/ui/components/table.tsx';
import type {ColumnSpec} from '../source/ui/format/columns.ts';
import {makeTheme} from '../source/ui/theme.ts';

const columns: ColumnSpec[] = [
	{header: 'NAME', min: 6, max: 40, priority: 9},
	{header: 'IMAGE', min: 6, max: 40, priority: 5},
	{header: 'SIZE', min: 6, max: 8, align: 'right', priority: 7},
];
const theme = makeTheme({ascii: false, color: false});
// The table box keeps its height; blank lines below the rows are padding.
const lines = (frame: string | undefined) => {
	const all = stripAnsi(frame ?? '').split('\n');
	while (all.length > 0 && all.at(-1)!.trim() === '') all.pop();
	return all;
};

test('long cells are cut with an ellipsis, every line fits the width, nothing wraps', () => {
	const rows: TableRow[] = [
		{
			id: '1',
			cells: [
				'a-container-with-a-really-long-name-indeed',
				'registry.example.com/some/deep/path/image:1.2.3',
				'12.5MB',
			],
		},
		{id: '2', cells: ['日本語のコンテナ名前がとても長い', '🐳whale/emoji:latest', '1kB']},
	];
	const {lastFrame, unmount} = render(
		<Table columns={columns} rows={rows} width={40} height={5} top={0} cursor={0} theme={theme} />,
	);
	const out = lines(lastFrame());
	assert.equal(out.length, 3, 'header and two rows, no wrapped lines');
	for (const line of out) assert.ok(stringWidth(line) <= 40, `"${line}" is ${stringWidth(line)} wide`);
	assert.match(out[1]!, /…/);
	assert.match(out[1]!, /12\.5MB/, 'the right-aligned size survives');
	assert.match(out[0]!, /NAME\s+IMAGE\s+SIZE/);
	assert.ok(out[1]!.startsWith('›'), 'the selected row has the pointer');
	unmount();
});

test('ASCII theme uses ASCII ellipsis and pointer', () => {
	const ascii = makeTheme({ascii: true, color: false});
	const rows: TableRow[] = [{id: '1', cells: ['x'.repeat(60), 'y', '1B']}];
	const {lastFrame, unmount} = render(
		<Table columns={columns} rows={rows} width={30} height={3} top={0} cursor={0} theme={ascii} />,
	);
	const out = lines(lastFrame());
	assert.ok(out[1]!.startsWith('>'));
	assert.match(out[1]!, /x~/);
	assert.ok(/^[\x20-\x7e]*$/.test(out.join('')), 'only ASCII');
	unmount();
});

test('10,000 rows: only the visible window is rendered, and a move reads only the rows it shows', () => {
	// Each row counts how often its cells are read: a move must format the window's rows, not walk the list.
	// (How long a move takes is measured by npm run bench -- table-move, not asserted here.)
	let reads = 0;
	const rows: TableRow[] = Array.from({length: 10_000}, (_, i) => {
		const cells = [`container-${i}`, `image-${i % 7}`, `${i}B`];
		return {
			id: String(i),
			get cells() {
				reads++;
				return cells;
			},
		};
	});
	const {lastFrame, rerender, unmount} = render(
		<Table columns={columns} rows={rows} width={60} height={10} top={5000} cursor={5003} theme={theme} />,
	);
	const out = lines(lastFrame());
	assert.equal(out.length, 11);
	assert.match(out[1]!, /container-5000 /);
	assert.match(out[10]!, /container-5009 /);
	assert.ok(!lastFrame()!.includes('container-4999 ') && !lastFrame()!.includes('container-5010 '));
	assert.ok(out[4]!.startsWith('›') && out[4]!.includes('container-5003'));
	const moves = 12;
	reads = 0;
	for (let top = 0; top < moves; top++)
		rerender(<Table columns={columns} rows={rows} width={60} height={10} top={top} cursor={top} theme={theme} />);
	// The column widths over all 10,000 rows are computed once for the list, not once per move.
	assert.equal(reads, moves * 10, `${reads} row reads for ${moves} moves: one per visible row per move`);
	const after = lines(lastFrame());
	assert.match(after[1]!, /container-11 /);
	assert.ok(after[1]!.startsWith('›'), 'the cursor moved with the window');
	unmount();
});

test('columns that do not fit are dropped, lowest priority first', () => {
	const rows: TableRow[] = [{id: '1', cells: ['name-name-name', 'image-image-image', '100MB']}];
	const {lastFrame, unmount} = render(
		<Table columns={columns} rows={rows} width={20} height={2} top={0} cursor={-1} theme={theme} />,
	);
	const out = lines(lastFrame());
	assert.ok(!out[0]!.includes('IMAGE'), out[0]);
	assert.ok(out[0]!.includes('NAME') && out[0]!.includes('SIZE'));
	unmount();
});
