import {
	ago,
	formatPorts,
	containerName,
	listContainers,
	sanitizeField,
	type ContainerSummary,
	type EngineClient,
} from '../core/index.ts';
import {ellipsize, textTable} from './text-table.ts';

export function containerJson(container: ContainerSummary) {
	return {
		id: container.Id,
		name: containerName(container),
		names: (container.Names ?? []).map((name) => name.replace(/^\//, '')),
		image: container.Image,
		imageId: container.ImageID,
		command: container.Command,
		created: new Date(container.Created * 1000).toISOString(),
		state: container.State,
		status: container.Status,
		ports: container.Ports ?? [],
		labels: container.Labels ?? {},
	};
}

export async function psCommand(client: EngineClient, options: {all: boolean; json: boolean}): Promise<string> {
	const containers = await listContainers(client, {all: options.all});
	if (options.json) return `${JSON.stringify(containers.map(containerJson), null, 2)}\n`;
	const rows = containers.map((container) => [
		container.Id.slice(0, 12),
		ellipsize(sanitizeField(container.Image), 40),
		`"${ellipsize(sanitizeField(container.Command), 20)}"`,
		ago(container.Created),
		sanitizeField(container.Status),
		formatPorts(container.Ports),
		(container.Names ?? []).map((name) => sanitizeField(name.replace(/^\//, ''))).join(','),
	]);
	return textTable(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], rows);
}
