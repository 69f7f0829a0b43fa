import {sanitizeField, type Port} from '../../core/index.ts';

/** "0.0.0.0:8080->80/tcp, 443/tcp" like `docker ps`. */
export function formatPorts(ports: Port[] | null | undefined): string {
	const seen = new Set<string>();
	const parts: string[] = [];
	for (const port of [...(ports ?? [])].sort(
		(a, b) => a.PrivatePort - b.PrivatePort || (a.PublicPort ?? 0) - (b.PublicPort ?? 0),
	)) {
		const text = port.PublicPort
			? `${port.IP ?? '0.0.0.0'}:${port.PublicPort}->${port.PrivatePort}/${port.Type}`
			: `${port.PrivatePort}/${port.Type}`;
		if (seen.has(text)) continue;
		seen.add(text);
		parts.push(text);
	}
	return sanitizeField(parts.join(', '));
}
