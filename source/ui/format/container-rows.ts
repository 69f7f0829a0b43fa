/** Containers as list rows. Pure. */
import {
	agoText,
	containerStatusText,
	formatPorts,
	containerName,
	isActiveState,
	sanitizeField,
	shortId,
	stateRank,
	type ContainerSummary,
	type ContainerTimes,
} from '../../core/index.ts';
import type {ColumnSpec} from './columns.ts';
import {earliest, searchText, type ListModel, type ListRow} from './rows.ts';
import type {ToneName} from '../theme.ts';

export const containerColumns: ColumnSpec[] = [
	{header: 'NAME', min: 12, max: 40, priority: 9},
	{header: 'IMAGE', min: 10, max: 40, priority: 7},
	{header: 'STATE', min: 7, max: 10, priority: 8},
	{header: 'STATUS', min: 10, max: 30, priority: 6},
	{header: 'CREATED', min: 8, max: 18, priority: 4},
	{header: 'PORTS', min: 8, max: 60, priority: 3},
	{header: 'ID', min: 12, max: 12, priority: 1},
];

const stateTone = (state: string): ToneName | undefined =>
	state === 'running'
		? 'ok'
		: state === 'paused' || state === 'restarting'
			? 'warn'
			: state === 'dead'
				? 'error'
				: 'muted';

/**
 * One row at `now` (Unix seconds). With the container's times (State.StartedAt/FinishedAt) STATUS is worked out
 * for `now` as docker does; without them it is the daemon's text from the listing.
 */
export function containerRow(
	container: ContainerSummary,
	now = Date.now() / 1000,
	order?: number,
	times?: ContainerTimes,
): ListRow {
	const status = containerStatusText(container.Status ?? '', times, now);
	const created = agoText(container.Created, now);
	const name = sanitizeField(containerName(container));
	const image = sanitizeField(container.Image.startsWith('sha256:') ? shortId(container.Image) : container.Image);
	const state = sanitizeField(container.State);
	const names = (container.Names ?? []).map((n) => n.replace(/^\//, ''));
	return {
		id: container.Id,
		cells: [
			name,
			image,
			state,
			sanitizeField(status.text),
			created.text,
			formatPorts(container.Ports),
			container.Id.slice(0, 12),
		],
		search: searchText(...names, containerName(container), container.Image, container.ImageID, container.Id),
		name: name.toLowerCase(),
		created: container.Created,
		order,
		size: container.SizeRw ?? -1,
		rank: stateRank(container.State),
		tones: [undefined, undefined, stateTone(container.State)],
		details: {kind: 'container', id: container.Id, label: name},
		changesAt: earliest(status.changesAt, created.changesAt),
	};
}

export function containerModel(
	containers: ContainerSummary[],
	options: {all: boolean; times?: Readonly<Record<string, ContainerTimes>>; now?: number},
): ListModel {
	const now = options.now ?? Date.now() / 1000;
	const shown = options.all ? containers : containers.filter((container) => isActiveState(container.State));
	return {
		columns: containerColumns,
		rows: shown.map((container, index) => containerRow(container, now, index, options.times?.[container.Id])),
	};
}
