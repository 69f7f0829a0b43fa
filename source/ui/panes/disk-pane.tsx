/** The Disk pane: `docker system df` as the CLI prints it, then the biggest reclaimable items. */
import React from 'react';
import {Box, Text} from 'ink';
import type {DfRow} from '../../core/index.ts';
import {dfCells, dfColumns} from '../format/disk-rows.ts';
import {fitColumns, naturalWidths} from '../format/columns.ts';
import {fit} from '../format/text.ts';
import type {Theme} from '../theme.ts';
import {ListPane, type ListPaneProps} from './list-pane.tsx';

/** Lines the df summary takes above the item list: header, four rows, a blank line. */
export const DF_LINES = 6;

export function dfTableLines(rows: DfRow[], width: number): string[] {
	const cells = dfCells(rows);
	const widths = fitColumns(dfColumns, naturalWidths(dfColumns, cells), Math.max(1, width - 2), 3);
	const line = (values: string[]) =>
		'  ' +
		values
			.map((value, i) => (widths[i] ? fit(value, widths[i]!) : ''))
			.filter((_, i) => widths[i])
			.join('   ');
	return [line(dfColumns.map((column) => column.header)), ...cells.map(line)];
}

function DfTable({rows, width, theme}: {rows?: DfRow[]; width: number; theme: Theme}) {
	const lines = rows
		? dfTableLines(rows, width)
		: ['  reading disk usage (docker system df walks every layer and volume; slow on big hosts)…'];
	return (
		<Box flexDirection="column" height={DF_LINES} width={width}>
			{lines.map((line, i) => (
				<Text
					key={i}
					bold={i === 0 && rows !== undefined}
					color={i === 0 && rows ? theme.tone('title') : undefined}
					wrap="truncate"
				>
					{theme.text(line)}
				</Text>
			))}
		</Box>
	);
}

export const diskNotes = (): string[] => [];

type Props = Omit<ListPaneProps, 'title' | 'notes' | 'emptyText' | 'children'>;

export function DiskPane(props: Props) {
	return (
		<ListPane {...props} title="Biggest reclaimable items" notes={diskNotes()} emptyText="nothing to reclaim">
			<DfTable rows={props.view.df} width={props.width} theme={props.theme} />
		</ListPane>
	);
}
