/** Rows of the image history view, like `docker history`: newest layer first. Pure. */
import {ago, humanSize, sanitizeField, sanitizeLine, shortId, type HistoryEntry} from '../../core/index.ts';
import type {TableRow} from '../components/table.tsx';
import type {ColumnSpec} from './columns.ts';

export const historyColumns: ColumnSpec[] = [
	{header: 'IMAGE', min: 12, max: 12, priority: 3},
	{header: 'CREATED', min: 22, max: 22, priority: 2},
	{header: 'CREATED BY', min: 12, priority: 4},
	{header: 'SIZE', min: 7, max: 10, align: 'right', priority: 4},
	{header: 'COMMENT', min: 7, max: 30, priority: 1},
];

export const layerId = (entry: HistoryEntry): string =>
	entry.Id === '<missing>' || entry.Id === '' ? '<missing>' : shortId(entry.Id);

export function historyRows(entries: readonly HistoryEntry[], now = Date.now() / 1000): TableRow[] {
	return entries.map((entry, index) => ({
		id: `${index}:${entry.Id}`,
		cells: [
			layerId(entry),
			ago(entry.Created, now),
			sanitizeField(entry.CreatedBy),
			humanSize(entry.Size),
			sanitizeField(entry.Comment),
		],
	}));
}

/** The image's size: what inspect says, else the layers' sum. */
export const historyTotal = (entries: readonly HistoryEntry[], imageSize?: number): number =>
	imageSize ?? entries.reduce((sum, entry) => sum + entry.Size, 0);

/** One layer whole (Enter on a row): every field, CREATED BY unabridged, one line per line of the command. */
export function layerLines(entry: HistoryEntry, now = Date.now() / 1000): Array<{text: string; heading?: boolean}> {
	const lines: Array<{text: string; heading?: boolean}> = [
		{text: `Layer    ${entry.Id === '' ? '<missing>' : sanitizeField(entry.Id)}`},
		{
			text: `Created  ${new Date(entry.Created * 1000).toISOString().replace('.000Z', 'Z')} (${ago(entry.Created, now)})`,
		},
		{text: `Size     ${humanSize(entry.Size)} (${entry.Size.toLocaleString('en-US')} bytes)`},
	];
	if (entry.Comment) lines.push({text: `Comment  ${sanitizeField(entry.Comment)}`});
	if (entry.Tags && entry.Tags.length > 0) lines.push({text: `Tags     ${entry.Tags.map(sanitizeField).join(', ')}`});
	lines.push({text: ''}, {text: 'CREATED BY', heading: true});
	for (const line of (entry.CreatedBy || '').split(/\r?\n/)) lines.push({text: sanitizeLine(line)});
	return lines;
}
