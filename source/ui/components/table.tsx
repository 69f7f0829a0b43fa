/** Our own small table: fitted columns, one line per row, ellipsis instead of wrapping, only the visible rows rendered. */
import React, {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import {fitColumns, naturalWidths, type ColumnSpec} from '../format/columns.ts';
import {fit} from '../format/text.ts';
import type {Theme, ToneName} from '../theme.ts';

export type TableRow = {id: string; cells: string[]; tones?: Array<ToneName | undefined>};

type Props = {
	columns: ColumnSpec[];
	rows: readonly TableRow[];
	width: number;
	/** Visible data rows (the header line is extra). */
	height: number;
	top: number;
	/** Selected row index, or -1 for none. */
	cursor: number;
	/** IDs of rows marked with Space: a mark in the gutter. */
	marked?: ReadonlySet<string>;
	theme: Theme;
};

const GAP = 2;
const GUTTER = 2;

function TableView({columns, rows, width, height, top, cursor, marked, theme}: Props) {
	const natural = useMemo(
		() =>
			naturalWidths(
				columns,
				rows.map((row) => (theme.ascii ? row.cells.map(theme.text) : row.cells)),
			),
		[columns, rows, theme],
	);
	const widths = useMemo(
		() => fitColumns(columns, natural, Math.max(1, width - GUTTER), GAP),
		[columns, natural, width],
	);
	const line = (cells: string[]) =>
		cells.map((cell, i) =>
			widths[i] ? fit(theme.text(cell), widths[i]!, columns[i]!.align, theme.ellipsis) : undefined,
		);
	const pad = (used: number) => ' '.repeat(Math.max(0, width - used));
	const usedWidth = GUTTER + widths.reduce((sum, w) => sum + (w ? w + GAP : 0), 0) - GAP;
	const header = line(columns.map((column) => column.header))
		.filter((cell) => cell !== undefined)
		.join(' '.repeat(GAP));
	const visible = rows.slice(top, top + height);
	return (
		<Box flexDirection="column" width={width} height={height + 1} overflow="hidden">
			<Text bold color={theme.tone('title')} wrap="truncate">
				{'  ' + header + pad(usedWidth)}
			</Text>
			{visible.map((row, offset) => {
				const selected = top + offset === cursor;
				const cells = line(row.cells);
				const parts: React.ReactNode[] = [];
				let first = true;
				cells.forEach((cell, i) => {
					if (cell === undefined) return;
					if (!first) parts.push(' '.repeat(GAP));
					first = false;
					const tone = row.tones?.[i];
					parts.push(
						tone && theme.color ? (
							<Text key={i} color={theme.tone(tone)}>
								{cell}
							</Text>
						) : (
							cell
						),
					);
				});
				return (
					<Text key={row.id} inverse={selected} wrap="truncate">
						{(selected ? theme.pointer : ' ') + (marked?.has(row.id) ? (theme.ascii ? '*' : '✓') : ' ')}
						{parts}
						{pad(usedWidth)}
					</Text>
				);
			})}
		</Box>
	);
}

export const Table = memo(TableView);
