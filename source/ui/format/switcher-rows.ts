/** Rows of the host/context switcher. Pure. */
import {sanitizeField, type Target} from '../../core/index.ts';
import type {ColumnSpec} from './columns.ts';
import type {TableRow} from '../components/table.tsx';

export const switcherColumns: ColumnSpec[] = [
	{header: '', min: 1, max: 1, priority: 5},
	{header: 'NAME', min: 8, max: 30, priority: 4},
	{header: 'KIND', min: 7, max: 7, priority: 2},
	{header: 'ENDPOINT', min: 12, priority: 3},
	{header: 'DESCRIPTION', min: 8, max: 40, priority: 1},
];

const kinds = {context: 'context', saved: 'saved', flag: '--host'} as const;

export function switcherRows(targets: Target[], ascii: boolean): TableRow[] {
	return targets.map((target, index) => ({
		id: `${index}:${target.source}:${target.name}`,
		cells: [
			target.current ? (ascii ? '*' : '●') : '',
			sanitizeField(target.name),
			kinds[target.source],
			sanitizeField(target.host),
			sanitizeField(target.description ?? ''),
		],
		tones: [target.current ? 'ok' : undefined, undefined, 'muted', undefined, 'muted'],
	}));
}
