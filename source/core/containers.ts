import type {EngineClient} from './client.ts';
import {TsdockError} from './errors.ts';
import type {ChangeItem, ContainerInspect, ContainerSummary, StatsSample, TopResponse} from './types.ts';

const id = (value: string) => encodeURIComponent(value);

export type ListContainersOptions = {
	all?: boolean;
	size?: boolean;
	filters?: Record<string, string[]>;
	signal?: AbortSignal;
	/** Ask at this API version without waiting for the negotiation (RequestOptions.apiVersion). */
	apiVersion?: string;
	/**
	 * Ask on the unversioned path without waiting for the negotiation (RequestOptions.unversioned): the answer
	 * comes at the daemon's own API version, perhaps newer than tsdock knows, and is read tolerantly.
	 */
	unversioned?: boolean;
};

export async function listContainers(
	client: EngineClient,
	options: ListContainersOptions = {},
): Promise<ContainerSummary[]> {
	const list = await client.request<unknown>('GET', '/containers/json', {
		query: {all: options.all ?? true, size: options.size ? true : undefined, filters: options.filters},
		signal: options.signal,
		apiVersion: options.apiVersion,
		unversioned: options.unversioned,
	});
	return options.unversioned ? tolerantContainers(list) : (list as ContainerSummary[]);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A container list answered at an API version tsdock may not have checked, read tolerantly: an answer that is not
 * a list is an error, an entry without an ID is left out, and every field tsdock reads gets its type (a missing
 * or odd one reads as empty). Unknown fields are kept as they come.
 */
export function tolerantContainers(raw: unknown): ContainerSummary[] {
	if (!Array.isArray(raw))
		throw new TsdockError('engine', 'the daemon answered the container list with something else');
	const list: ContainerSummary[] = [];
	for (const entry of raw as unknown[]) {
		if (typeof entry !== 'object' || entry === null) continue;
		const item = entry as Record<string, unknown>;
		if (typeof item.Id !== 'string' || item.Id === '') continue;
		list.push({
			...(item as unknown as ContainerSummary),
			Names: Array.isArray(item.Names) ? item.Names.filter((name): name is string => typeof name === 'string') : [],
			Image: text(item.Image),
			ImageID: text(item.ImageID),
			Command: text(item.Command),
			Created: typeof item.Created === 'number' ? item.Created : 0,
			Ports: Array.isArray(item.Ports)
				? (item.Ports as unknown[]).filter(
						(port): port is ContainerSummary['Ports'][number] =>
							typeof port === 'object' &&
							port !== null &&
							typeof (port as {PrivatePort?: unknown}).PrivatePort === 'number',
					)
				: [],
			Labels:
				typeof item.Labels === 'object' && item.Labels !== null && !Array.isArray(item.Labels)
					? (item.Labels as Record<string, string>)
					: null,
			State: text(item.State),
			Status: text(item.Status),
			Mounts: Array.isArray(item.Mounts) ? (item.Mounts as ContainerSummary['Mounts']) : undefined,
		});
	}
	return list;
}

export const inspectContainer = (client: EngineClient, ref: string) =>
	client.request<ContainerInspect>('GET', `/containers/${id(ref)}/json`);

export const startContainer = (client: EngineClient, ref: string) =>
	client.request<void>('POST', `/containers/${id(ref)}/start`);

export const stopContainer = (client: EngineClient, ref: string, seconds?: number) =>
	client.request<void>('POST', `/containers/${id(ref)}/stop`, {query: {t: seconds}, timeoutMs: 120_000});

export const restartContainer = (client: EngineClient, ref: string, seconds?: number) =>
	client.request<void>('POST', `/containers/${id(ref)}/restart`, {query: {t: seconds}, timeoutMs: 120_000});

export const pauseContainer = (client: EngineClient, ref: string) =>
	client.request<void>('POST', `/containers/${id(ref)}/pause`);

export const unpauseContainer = (client: EngineClient, ref: string) =>
	client.request<void>('POST', `/containers/${id(ref)}/unpause`);

export const killContainer = (client: EngineClient, ref: string, signal?: string) =>
	client.request<void>('POST', `/containers/${id(ref)}/kill`, {query: {signal}});

export type RemoveContainerOptions = {force?: boolean; volumes?: boolean};

/** Remove a container; `volumes` also removes its anonymous volumes (like `docker rm -v`). */
export const removeContainer = (client: EngineClient, ref: string, options: RemoveContainerOptions = {}) =>
	client.request<void>('DELETE', `/containers/${id(ref)}`, {
		query: {force: options.force, v: options.volumes},
		timeoutMs: 120_000,
	});

export const containerTop = (client: EngineClient, ref: string, psArgs?: string) =>
	client.request<TopResponse>('GET', `/containers/${id(ref)}/top`, {query: {ps_args: psArgs}});

export const containerChanges = (client: EngineClient, ref: string) =>
	client.request<ChangeItem[] | null>('GET', `/containers/${id(ref)}/changes`).then((changes) => changes ?? []);

/** One stats sample (stream=false). */
export const containerStats = (client: EngineClient, ref: string) =>
	client.request<StatsSample>('GET', `/containers/${id(ref)}/stats`, {query: {stream: false}});

/** A live stats stream: one JSON document per line until `signal` aborts or the container stops. */
export async function* streamStats(
	client: EngineClient,
	ref: string,
	signal?: AbortSignal,
): AsyncGenerator<StatsSample> {
	const response = await client.stream('GET', `/containers/${id(ref)}/stats`, {query: {stream: true}, signal});
	let pending = '';
	response.setEncoding('utf8');
	try {
		for await (const chunk of response as AsyncIterable<string>) {
			pending += chunk;
			let newline: number;
			while ((newline = pending.indexOf('\n')) >= 0) {
				const line = pending.slice(0, newline).trim();
				pending = pending.slice(newline + 1);
				if (line !== '') yield JSON.parse(line) as StatsSample;
			}
		}
	} catch (error) {
		if (!signal?.aborted) throw error;
	}
}

/** CPU percent the way `docker stats` computes it. */
export function cpuPercent(sample: StatsSample): number {
	const cpuDelta = sample.cpu_stats.cpu_usage.total_usage - sample.precpu_stats.cpu_usage.total_usage;
	const systemDelta = (sample.cpu_stats.system_cpu_usage ?? 0) - (sample.precpu_stats.system_cpu_usage ?? 0);
	const cpus = sample.cpu_stats.online_cpus ?? 1;
	return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
}

/** Memory in use the way `docker stats` shows it (cache excluded). */
export function memoryUsed(sample: StatsSample): number {
	const usage = sample.memory_stats.usage ?? 0;
	const stats = sample.memory_stats.stats ?? {};
	const cache = stats.total_inactive_file ?? stats.inactive_file ?? 0;
	return cache < usage ? usage - cache : usage;
}

/** Where a state sorts when running containers come first: running, then paused/restarting, then the rest. */
export const stateRank = (state: string): number =>
	state === 'running' ? 0 : state === 'paused' || state === 'restarting' ? 1 : 2;

/** The name a person uses: the first name without its leading slash, or the short ID. */
export const containerName = (c: Pick<ContainerSummary, 'Names' | 'Id'>): string =>
	(c.Names?.[0] ?? '').replace(/^\//, '') || c.Id.slice(0, 12);

export const isActiveState = (state: string): boolean =>
	state.includes('running') || state.includes('paused') || state.includes('restarting');
