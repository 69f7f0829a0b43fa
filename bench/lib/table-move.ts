/**
 * Per-move time of the Table component on a 10,000-row list (what test/ui-table.test.tsx once asserted under
 * 15 ms): render the table in ink-testing-library and move the window down one row `moves` times, timing each
 * re-render. Run as its own process (`node --import tsx bench/lib/table-move.ts MOVES`), so the bench's own
 * heap and timers do not share its event loop; prints one JSON line of per-move times in ms.
 */
import {performance} from 'node:perf_hooks';
import React from 'react';
import {render} from 'ink-testing-library';
import {Table, type TableRow} from '../../source/ui/components/table.tsx';
import type {ColumnSpec} from '../../source/ui/format/columns.ts';
import {makeTheme} from '../../source/ui/theme.ts';

export const TABLE_ROWS = 10_000;
const columns: ColumnSpec[] = [
	{header: 'NAME', min: 6, max: 40, priority: 9},
	{header: 'IMAGE', min: 6, max: 40, priority: 5},
	{header: 'SIZE', min: 6, max: 8, align: 'right', priority: 7},
];

export function measureMoves(moves: number): {perMoveMs: number[]; firstRenderMs: number} {
	const theme = makeTheme({ascii: false, color: false});
	const rows: TableRow[] = Array.from({length: TABLE_ROWS}, (_, i) => ({
		id: String(i),
		cells: [`container-${i}`, `image-${i % 7}`, `${i}B`],
	}));
	const table = (top: number) =>
		React.createElement(Table, {columns, rows, width: 60, height: 10, top, cursor: top, theme});
	const t0 = performance.now();
	const {rerender, lastFrame, unmount} = render(table(0));
	const firstRenderMs = performance.now() - t0;
	const perMoveMs: number[] = [];
	for (let top = 1; top <= moves; top++) {
		const start = performance.now();
		rerender(table(top));
		perMoveMs.push(performance.now() - start);
	}
	if (!lastFrame()?.includes(`container-${moves} `)) throw new Error('the table did not move');
	unmount();
	return {perMoveMs, firstRenderMs};
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
	const moves = Math.max(1, Number(process.argv[2] ?? 200));
	process.stdout.write(`${JSON.stringify(measureMoves(moves))}\n`);
	process.exit(0);
}
