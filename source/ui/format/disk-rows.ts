/** The Disk pane: the `docker system df` table and the biggest reclaimable items. Pure. */
import {
	agoText,
	containerName,
	containerStatusText,
	humanSize,
	imageReference,
	isActiveState,
	reclaimableText,
	sanitizeField,
	shortId,
	type ContainerTimes,
	type DfRow,
	type SystemDfResponse,
} from '../../core/index.ts';
import type {ColumnSpec} from './columns.ts';
import {searchText, type ListModel, type ListRow} from './rows.ts';

export const dfColumns: ColumnSpec[] = [
	{header: 'TYPE', min: 13, max: 13, priority: 9},
	{header: 'TOTAL', min: 5, max: 8, priority: 8},
	{header: 'ACTIVE', min: 6, max: 8, priority: 7},
	{header: 'SIZE', min: 8, max: 10, priority: 6},
	{header: 'RECLAIMABLE', min: 11, max: 20, priority: 5},
];

/** The cells of `docker system df`, exactly as the CLI prints them. */
export const dfCells = (rows: DfRow[]): string[][] =>
	rows.map((row) => [
		row.type,
		String(row.total),
		String(row.active),
		humanSize(row.size),
		reclaimableText(row.reclaimable, row.size, row.type !== 'Build Cache'),
	]);

export const reclaimableColumns: ColumnSpec[] = [
	{header: 'RECLAIMABLE ITEM', min: 16, max: 60, priority: 9},
	{header: 'KIND', min: 9, max: 11, priority: 7},
	{header: 'SIZE', min: 7, max: 9, align: 'right', priority: 8},
	{header: 'WHY', min: 10, max: 50, priority: 4},
];

/**
 * What could be freed (items that would free no bytes are left out), biggest first: images no container uses (their own bytes, not shared layers),
 * stopped containers' writable layers, volumes no container mounts, build cache not in use.
 */
export function reclaimableModel(
	raw: SystemDfResponse,
	now = Date.now() / 1000,
	times?: Readonly<Record<string, ContainerTimes>>,
): ListModel {
	const rows: ListRow[] = [];
	for (const image of raw.Images ?? []) {
		if (image.Containers > 0) continue;
		const unique = image.SharedSize >= 0 ? image.Size - image.SharedSize : image.Size;
		if (unique <= 0) continue;
		const reference = sanitizeField(imageReference(image));
		const created = agoText(image.Created, now);
		rows.push({
			id: `image:${image.Id}`,
			cells: [reference, 'image', humanSize(unique), `unused, created ${created.text}`],
			changesAt: created.changesAt,
			search: searchText(...(image.RepoTags ?? []), image.Id, 'image'),
			name: reference.toLowerCase(),
			created: image.Created,
			size: unique,
			details: {kind: 'image', id: image.Id, label: reference},
		});
	}
	for (const container of raw.Containers ?? []) {
		const size = container.SizeRw ?? 0;
		if (isActiveState(container.State) || size <= 0) continue;
		const name = sanitizeField(containerName(container));
		const status = containerStatusText(container.Status ?? '', times?.[container.Id], now);
		rows.push({
			id: `container:${container.Id}`,
			cells: [name, 'container', humanSize(size), sanitizeField(status.text)],
			changesAt: status.changesAt,
			search: searchText(containerName(container), container.Id, container.Image, 'container'),
			name: name.toLowerCase(),
			created: container.Created,
			size,
			details: {kind: 'container', id: container.Id, label: name},
		});
	}
	for (const volume of raw.Volumes ?? []) {
		const usage = volume.UsageData;
		if (!usage || usage.RefCount > 0 || usage.Size <= 0) continue;
		const name = sanitizeField(volume.Name);
		rows.push({
			id: `volume:${volume.Name}`,
			cells: [name, 'volume', humanSize(usage.Size), 'no container mounts it'],
			search: searchText(volume.Name, 'volume'),
			name: name.toLowerCase(),
			created: 0,
			size: usage.Size,
			details: {kind: 'volume', id: volume.Name, label: name},
		});
	}
	for (const record of raw.BuildCache ?? []) {
		if (record.InUse || record.Shared || record.Size <= 0) continue;
		const label = sanitizeField(record.Description || record.ID);
		rows.push({
			id: `cache:${record.ID}`,
			cells: [label, 'build cache', humanSize(record.Size), `${sanitizeField(record.Type)}, ${shortId(record.ID)}`],
			search: searchText(record.ID, record.Description, 'cache'),
			name: label.toLowerCase(),
			created: Date.parse(record.CreatedAt) / 1000 || 0,
			size: record.Size,
		});
	}
	return {columns: reclaimableColumns, rows};
}
