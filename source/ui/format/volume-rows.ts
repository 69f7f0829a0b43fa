/** Volumes as list rows. Pure. */
import {
	containerName,
	containersByVolume,
	humanSize,
	sanitizeField,
	type ContainerSummary,
	type Volume,
} from '../../core/index.ts';
import type {ColumnSpec} from './columns.ts';
import {searchText, type ListModel, type ListRow} from './rows.ts';

export const volumeColumns: ColumnSpec[] = [
	{header: 'NAME', min: 16, max: 64, priority: 9},
	{header: 'DRIVER', min: 6, max: 12, priority: 5},
	{header: 'SIZE', min: 7, max: 9, align: 'right', priority: 6},
	{header: 'USED BY', min: 10, max: 60, priority: 8},
];

/** `sizes` holds the sizes `system df` reported (the volume list does not carry them). */
export function volumeRow(
	volume: Volume,
	users: Map<string, ContainerSummary[]> | undefined,
	sizes?: Map<string, number>,
): ListRow {
	const name = sanitizeField(volume.Name);
	const size = volume.UsageData?.Size ?? sizes?.get(volume.Name) ?? -1;
	const using = users?.get(volume.Name) ?? [];
	const usedBy =
		users === undefined ? '…' : using.length === 0 ? '-' : using.map((c) => sanitizeField(containerName(c))).join(', ');
	const created = volume.CreatedAt ? Date.parse(volume.CreatedAt) / 1000 : 0;
	return {
		id: volume.Name,
		cells: [name, sanitizeField(volume.Driver), size >= 0 ? humanSize(size) : '', usedBy],
		search: searchText(volume.Name, ...using.map(containerName)),
		name: name.toLowerCase(),
		created: Number.isNaN(created) ? 0 : created,
		size,
		tones: [undefined, 'muted', undefined, using.length === 0 && users ? 'muted' : undefined],
		details: {kind: 'volume', id: volume.Name, label: name},
	};
}

export function volumeModel(
	volumes: Volume[],
	containers: ContainerSummary[] | undefined,
	sizes?: Map<string, number>,
): ListModel {
	const users = containers === undefined ? undefined : containersByVolume(containers);
	return {columns: volumeColumns, rows: volumes.map((volume) => volumeRow(volume, users, sizes))};
}
