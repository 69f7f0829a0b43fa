import {
	ago,
	containerName,
	diskUsage,
	humanSize,
	imageReference,
	reclaimableText,
	sanitizeField,
	shortId,
	type EngineClient,
} from '../core/index.ts';
import {ellipsize, textTable} from './text-table.ts';

export async function dfCommand(client: EngineClient, options: {verbose: boolean; json: boolean}): Promise<string> {
	const {rows, raw} = await diskUsage(client);
	if (options.json) {
		const json: Record<string, unknown> = {rows};
		if (options.verbose) {
			json.images = (raw.Images ?? []).map((image) => ({
				id: image.Id,
				repoTags: image.RepoTags ?? [],
				size: image.Size,
				sharedSize: image.SharedSize,
				uniqueSize: image.Size - image.SharedSize,
				containers: image.Containers,
			}));
			json.containers = (raw.Containers ?? []).map((container) => ({
				id: container.Id,
				name: containerName(container),
				image: container.Image,
				sizeRw: container.SizeRw ?? 0,
				state: container.State,
			}));
			json.volumes = (raw.Volumes ?? []).map((volume) => ({
				name: volume.Name,
				links: volume.UsageData?.RefCount ?? 0,
				size: volume.UsageData?.Size ?? -1,
			}));
			json.buildCache = raw.BuildCache ?? [];
		}
		return `${JSON.stringify(json, null, 2)}\n`;
	}
	const summary = textTable(
		['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
		rows.map((row) => [
			row.type,
			String(row.total),
			String(row.active),
			humanSize(row.size),
			reclaimableText(row.reclaimable, row.size, row.type !== 'Build Cache'),
		]),
	);
	if (!options.verbose) return summary;
	const images = textTable(
		['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'],
		(raw.Images ?? []).map((image) => {
			const reference = imageReference(image);
			const colon = reference.lastIndexOf(':');
			return [
				sanitizeField(reference.slice(0, colon)),
				sanitizeField(reference.slice(colon + 1)),
				shortId(image.Id),
				ago(image.Created),
				humanSize(image.Size),
				humanSize(image.SharedSize),
				humanSize(image.Size - image.SharedSize),
				String(image.Containers),
			];
		}),
	);
	const containers = textTable(
		['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'],
		(raw.Containers ?? []).map((container) => [
			container.Id.slice(0, 12),
			ellipsize(sanitizeField(container.Image), 30),
			`"${ellipsize(sanitizeField(container.Command), 20)}"`,
			String((container.Mounts ?? []).filter((mount) => mount.Type === 'volume').length),
			humanSize(container.SizeRw ?? 0),
			ago(container.Created),
			sanitizeField(container.Status),
			sanitizeField(containerName(container)),
		]),
	);
	const volumes = textTable(
		['VOLUME NAME', 'LINKS', 'SIZE'],
		(raw.Volumes ?? []).map((volume) => [
			sanitizeField(volume.Name),
			String(volume.UsageData?.RefCount ?? 0),
			humanSize(Math.max(0, volume.UsageData?.Size ?? 0)),
		]),
	);
	const cacheBytes = rows.find((row) => row.type === 'Build Cache')?.size ?? 0;
	const cache = textTable(
		['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED'],
		(raw.BuildCache ?? []).map((record) => [
			record.ID.slice(0, 12),
			record.Type,
			humanSize(record.Size),
			ago(Date.parse(record.CreatedAt) / 1000),
			record.LastUsedAt ? ago(Date.parse(record.LastUsedAt) / 1000) : '',
			String(record.UsageCount),
			String(record.Shared),
		]),
	);
	return [
		summary,
		'Images space usage:\n',
		images,
		'Containers space usage:\n',
		containers,
		'Local Volumes space usage:\n',
		volumes,
		`Build cache usage: ${humanSize(cacheBytes)}\n`,
		cache,
	].join('\n');
}
