/** Images as list rows. Pure. */
import {
	agoText,
	containerName,
	containersByImage,
	humanSize,
	imageReference,
	isDangling,
	sanitizeField,
	shortId,
	type ContainerSummary,
	type ImageSummary,
} from '../../core/index.ts';
import type {ColumnSpec} from './columns.ts';
import {searchText, type ListModel, type ListRow} from './rows.ts';

export const imageColumns: ColumnSpec[] = [
	{header: 'REPOSITORY:TAG', min: 14, max: 60, priority: 9},
	{header: 'IMAGE ID', min: 12, max: 12, priority: 8},
	{header: 'CREATED', min: 8, max: 18, priority: 5},
	{header: 'SIZE', min: 7, max: 9, align: 'right', priority: 7},
	{header: 'SHARED', min: 7, max: 9, align: 'right', priority: 3},
	{header: 'CONTAINERS', min: 10, max: 40, priority: 6},
];

/**
 * One row per image. `users` maps image IDs to the containers that use them (undefined: not known yet);
 * `sharedSizes` fills SHARED from `system df` when the list itself does not carry it (API < 1.42).
 */
export function imageRow(
	image: ImageSummary,
	users: Map<string, ContainerSummary[]> | undefined,
	sharedSizes?: Map<string, number>,
	now = Date.now() / 1000,
): ListRow {
	const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
	const reference = sanitizeField(imageReference(image));
	const more = tags.length > 1 ? ` +${tags.length - 1}` : '';
	const shared = image.SharedSize >= 0 ? image.SharedSize : sharedSizes?.get(image.Id);
	const using = users?.get(image.Id) ?? [];
	const usedBy =
		users === undefined
			? '…'
			: using.length === 0
				? '-'
				: `${using.length}: ${using.map((c) => sanitizeField(containerName(c))).join(', ')}`;
	const dangling = isDangling(image);
	const created = agoText(image.Created, now);
	return {
		id: image.Id,
		cells: [
			reference + more,
			shortId(image.Id),
			created.text,
			humanSize(image.Size),
			shared === undefined || shared < 0 ? '' : humanSize(shared),
			usedBy,
		],
		search: searchText(
			...tags,
			...(image.RepoDigests ?? []),
			image.Id,
			shortId(image.Id),
			dangling ? '<none>' : undefined,
		),
		name: reference.toLowerCase(),
		created: image.Created,
		size: image.Size,
		tones: [dangling ? 'warn' : undefined, 'muted'],
		details: {kind: 'image', id: image.Id, label: reference},
		changesAt: created.changesAt,
	};
}

export function imageModel(
	images: ImageSummary[],
	containers: ContainerSummary[] | undefined,
	sharedSizes?: Map<string, number>,
	now = Date.now() / 1000,
): ListModel {
	const users = containers === undefined ? undefined : containersByImage(containers);
	return {columns: imageColumns, rows: images.map((image) => imageRow(image, users, sharedSizes, now))};
}
