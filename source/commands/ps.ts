import {
	ago,
	containerName,
	listContainers,
	sanitizeField,
	type ContainerSummary,
	type EngineClient,
	type Port,
} from '../core/index.ts';
import {ellipsize, textTable} from './text-table.ts';

/** "0.0.0.0:8080->80/tcp, 443/tcp" like `docker ps`. */
export function formatPorts(ports: Port[] | null | undefined): string {
	const seen = new Set<string>();
	const parts: string[] = [];
	for (const port of [...(ports ?? [])].sort((a, b) => a.PrivatePort - b.PrivatePort)) {
		const text = port.PublicPort
			? `${port.IP ?? '0.0.0.0'}:${port.PublicPort}->${port.PrivatePort}/${port.Type}`
			: `${port.PrivatePort}/${port.Type}`;
		if (seen.has(text)) continue;
		seen.add(text);
		parts.push(text);
	}
	return parts.join(', ');
}

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
