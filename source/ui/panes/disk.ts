/** The Disk pane: `docker system df` as the CLI prints it, then the biggest reclaimable items. */
import type {DfRow} from '../../core/index.ts';
import {fitColumns, naturalWidths} from '../format/columns.ts';
import {dfCells, dfColumns, reclaimableModel} from '../format/disk-rows.ts';
import {fit} from '../format/text.ts';
import type {PaneSpec} from './pane-spec.ts';

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

export const diskPane: PaneSpec = {
	id: 'disk',
	title: 'Disk',
	description: 'Disk usage pane (docker system df)',
	heading: () => 'Biggest reclaimable items',
	sorts: ['size'],
	needs: ['df'],
	inputs: (data) => [data.df, data.errors.df, data.times, undefined, undefined],
	relativeTimes: true,
	rows: (data, _toggles, now) => ({
		model: data.df && reclaimableModel(data.df.raw, now, data.times),
		df: data.df?.rows,
		error: data.errors.df,
	}),
	notes: () => [],
	empty: () => 'nothing to reclaim',
	above: {
		height: DF_LINES,
		lines: (data, width) =>
			data.df
				? dfTableLines(data.df, width).map((text, i) => ({text, heading: i === 0}))
				: [
						{
							text: '  reading disk usage (docker system df walks every layer and volume; slow on big hosts)…',
							heading: false,
						},
					],
	},
};
