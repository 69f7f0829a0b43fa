import {sanitizeField} from './sanitize.ts';
import type {Port} from './types.ts';

/**
 * Published ports as `docker ps` writes them: "0.0.0.0:8080->80/tcp, 443/tcp", by private port (then public
 * port), each once; safe to print.
 */
export function formatPorts(ports: Port[] | null | undefined): string {
	const seen = new Set<string>();
	const parts: string[] = [];
	const sorted = [...(ports ?? [])].sort(
		(a, b) => a.PrivatePort - b.PrivatePort || (a.PublicPort ?? 0) - (b.PublicPort ?? 0),
	);
	for (const port of sorted) {
		const text = port.PublicPort
			? `${port.IP ?? '0.0.0.0'}:${port.PublicPort}->${port.PrivatePort}/${port.Type}`
			: `${port.PrivatePort}/${port.Type}`;
		if (seen.has(text)) continue;
		seen.add(text);
		parts.push(text);
	}
	return sanitizeField(parts.join(', '));
}
