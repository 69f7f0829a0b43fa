import {
	containerName,
	containersByVolume,
	listContainers,
	listVolumes,
	sanitizeField,
	type EngineClient,
} from '../core/index.ts';
import {textTable} from './text-table.ts';

export async function volumesCommand(
	client: EngineClient,
	options: {dangling: boolean; json: boolean},
): Promise<string> {
	const [volumes, containers] = await Promise.all([
		listVolumes(client, {dangling: options.dangling ? true : undefined}),
		listContainers(client, {all: true}),
	]);
	const users = containersByVolume(containers);
	volumes.sort((a, b) => a.Name.localeCompare(b.Name));
	if (options.json) {
		const json = volumes.map((volume) => ({
			name: volume.Name,
			driver: volume.Driver,
			mountpoint: volume.Mountpoint,
			created: volume.CreatedAt,
			scope: volume.Scope,
			labels: volume.Labels ?? {},
			containers: (users.get(volume.Name) ?? []).map(containerName),
		}));
		return `${JSON.stringify(json, null, 2)}\n`;
	}
	const rows = volumes.map((volume) => [
		sanitizeField(volume.Driver),
		sanitizeField(volume.Name),
		(users.get(volume.Name) ?? []).map((c) => sanitizeField(containerName(c))).join(',') || '-',
	]);
	return textTable(['DRIVER', 'VOLUME NAME', 'USED BY'], rows);
}
