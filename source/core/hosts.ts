/**
 * What the TUI's host switcher needs: every place tsdock could connect to (Docker contexts, hosts saved in
 * settings, the --host flag) as plain data, a client for one of them, and which engine answered (Docker or
 * Podman).
 */
import {EngineClient} from './client.ts';
import {listContexts} from './contexts.ts';
import {resolveEndpoint, type EndpointOptions} from './endpoint.ts';

export type TargetSource = 'context' | 'saved' | 'flag';

/** One place to connect to. `host` is the URL as written (unix://, tcp://, ssh://). */
export type Target = {name: string; host: string; source: TargetSource; description?: string; current?: boolean};

/** A host saved in settings: a name and a URL. */
export type SavedHost = {name: string; host: string};

export type TargetOptions = {env?: NodeJS.ProcessEnv; flagHost?: string};

/**
 * The flag's host first (when given), then every Docker context (with "default"), then the saved hosts.
 * A saved host whose name is already taken is listed as "name (saved)".
 */
export function listTargets(settingsHosts: readonly SavedHost[] = [], options: TargetOptions = {}): Target[] {
	const env = options.env ?? process.env;
	const targets: Target[] = [];
	if (options.flagHost) targets.push({name: options.flagHost, host: options.flagHost, source: 'flag', current: true});
	for (const context of listContexts(env)) {
		const target: Target = {
			name: context.name,
			host: context.host,
			source: 'context',
			current: !options.flagHost && context.current,
		};
		if (context.description) target.description = context.description;
		targets.push(target);
	}
	const taken = new Set(targets.map((target) => target.name));
	for (const saved of settingsHosts) {
		if (!saved || typeof saved.host !== 'string' || saved.host.trim() === '') continue;
		const name = typeof saved.name === 'string' && saved.name.trim() !== '' ? saved.name.trim() : saved.host;
		targets.push({name: taken.has(name) ? `${name} (saved)` : name, host: saved.host.trim(), source: 'saved'});
		taken.add(name);
	}
	return targets;
}

/** Where and how to connect: the endpoint options (flags, environment) plus read-only mode and the request timeout. */
export type ConnectOptions = EndpointOptions & {readOnly?: boolean; timeoutMs?: number};

/**
 * A client for one target. A context brings its own TLS material; a saved or flag host uses the TLS settings
 * of `base` (flags, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). `close()` also ends an ssh:// target's shared SSH
 * connection. Throws a TsdockError (kind 'config') for a malformed host, before any I/O.
 */
export function clientFor(target: Target, base: ConnectOptions = {}): EngineClient {
	const {host: _host, context: _context, readOnly, timeoutMs, ...rest} = base;
	const endpoint =
		target.source === 'context'
			? resolveEndpoint({...rest, context: target.name})
			: resolveEndpoint({...rest, host: target.host});
	if (target.source === 'saved') endpoint.source = `saved host ${target.name}`;
	return new EngineClient(endpoint, {readOnly, timeoutMs});
}

export type EngineName = 'Docker' | 'Podman';

/** True when the daemon is Podman's Docker-compatible service (it sends Libpod-Api-Version on /_ping). */
export async function isPodman(client: EngineClient): Promise<boolean> {
	return (await client.negotiate()).podman;
}

/** "Docker" or "Podman", for the header. */
export async function engineName(client: EngineClient): Promise<EngineName> {
	return (await isPodman(client)) ? 'Podman' : 'Docker';
}

/** The engine and its version from GET /version ("Podman Engine" / "Engine" component). */
export async function engineVersion(
	client: EngineClient,
): Promise<{name: EngineName; version: string; apiVersion: string}> {
	const version = await client.request<{
		Version?: string;
		ApiVersion?: string;
		Components?: Array<{Name?: string; Version?: string}>;
	}>('GET', '/version');
	const podmanComponent = version.Components?.find((component) => /podman/i.test(component.Name ?? ''));
	const podman = podmanComponent !== undefined || client.ping?.podman === true;
	return {
		name: podman ? 'Podman' : 'Docker',
		version: podmanComponent?.Version ?? version.Version ?? '?',
		apiVersion: version.ApiVersion ?? client.apiVersion ?? '?',
	};
}
