import type {EngineClient} from './client.ts';
import {isActiveState} from './containers.ts';
import {TsdockError} from './errors.ts';
import type {BuildCachePruneResponse, EngineEvent, SystemDfResponse, SystemInfo, VersionInfo} from './types.ts';

export const systemInfo = (client: EngineClient) => client.request<SystemInfo>('GET', '/info');
export const systemVersion = (client: EngineClient) => client.request<VersionInfo>('GET', '/version');

/**
 * Podman's GET /system/df differs from Docker's: LayersSize is always 0, volumes have an empty Driver, and
 * image RepoTags are mangled ("1" for "localhost/app:1", "<none>" for untagged). This makes it sum like
 * `podman system df`: the images' size is the sum of their sizes (Podman counts shared layers per image).
 * Docker answers are returned unchanged.
 */
export function normalizePodmanDf(raw: SystemDfResponse, podman: boolean): SystemDfResponse {
	if (!podman) return raw;
	const images = raw.Images ?? [];
	const layers =
		raw.LayersSize > 0 ? raw.LayersSize : images.reduce((sum, image) => sum + Math.max(0, image.Size ?? 0), 0);
	return {
		...raw,
		LayersSize: layers,
		Images: images.map((image) => ({
			...image,
			SharedSize: 0,
			RepoTags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>' && tag !== '<none>:<none>'),
		})),
		Volumes: (raw.Volumes ?? []).map((volume) => ({...volume, Driver: volume.Driver || 'local'})),
	};
}

/** Raw `GET /system/df`; it walks every layer and volume, so it is slow on big hosts: call it on demand. */
export const systemDfRaw = (client: EngineClient, signal?: AbortSignal) =>
	client.request<SystemDfResponse>('GET', '/system/df', {timeoutMs: 300_000, signal});

export type DfRow = {
	type: 'Images' | 'Containers' | 'Local Volumes' | 'Build Cache';
	total: number;
	active: number;
	size: number;
	reclaimable: number;
};

export type DiskUsage = {rows: DfRow[]; raw: SystemDfResponse};

/**
 * The four rows of `docker system df`, computed the way the docker CLI computes them from the Engine's
 * answer (API < 1.52, where the CLI does the sums itself).
 */
export function summariseDf(raw: SystemDfResponse): DfRow[] {
	const images = raw.Images ?? [];
	const containers = raw.Containers ?? [];
	const volumes = raw.Volumes ?? [];
	const cache = raw.BuildCache ?? [];

	let usedByContainers = 0;
	for (const image of images) {
		if (image.Containers > 0 && image.Size !== -1 && image.SharedSize !== -1)
			usedByContainers += image.Size - image.SharedSize;
	}
	const imagesRow: DfRow = {
		type: 'Images',
		total: images.length,
		active: images.filter((image) => image.Containers > 0).length,
		size: raw.LayersSize,
		reclaimable: raw.LayersSize - usedByContainers,
	};

	const containersRow: DfRow = {type: 'Containers', total: containers.length, active: 0, size: 0, reclaimable: 0};
	for (const container of containers) {
		const size = container.SizeRw ?? 0;
		containersRow.size += size;
		if (isActiveState(container.State)) containersRow.active++;
		else containersRow.reclaimable += size;
	}

	const volumesRow: DfRow = {type: 'Local Volumes', total: volumes.length, active: 0, size: 0, reclaimable: 0};
	for (const volume of volumes) {
		const usage = volume.UsageData;
		if (usage && usage.RefCount > 0) volumesRow.active++;
		if (usage && usage.Size !== -1) {
			volumesRow.size += usage.Size;
			if (usage.RefCount === 0) volumesRow.reclaimable += usage.Size;
		}
	}

	const cacheRow: DfRow = {type: 'Build Cache', total: cache.length, active: 0, size: 0, reclaimable: 0};
	for (const record of cache) {
		if (record.InUse) cacheRow.active++;
		if (!record.Shared) {
			cacheRow.size += record.Size;
			if (!record.InUse) cacheRow.reclaimable += record.Size;
		}
	}
	return [imagesRow, containersRow, volumesRow, cacheRow];
}

export async function diskUsage(client: EngineClient, signal?: AbortSignal): Promise<DiskUsage> {
	// Podman's compat API reports LayersSize 0 and odd tags: normalise so the rows equal `podman system df`.
	const raw = normalizePodmanDf(await systemDfRaw(client, signal), client.ping?.podman === true);
	return {rows: summariseDf(raw), raw};
}

export async function pruneBuildCache(
	client: EngineClient,
	options: {all?: boolean} = {},
): Promise<{deleted: string[]; spaceReclaimed: number}> {
	let response: BuildCachePruneResponse;
	try {
		response = await client.request<BuildCachePruneResponse>('POST', '/build/prune', {
			query: {all: options.all},
			timeoutMs: 600_000,
		});
	} catch (error) {
		// Podman has no build cache endpoint: there is nothing of ours to prune there.
		if (client.ping?.podman && error instanceof TsdockError && error.kind === 'not-found')
			return {deleted: [], spaceReclaimed: 0};
		throw error;
	}
	return {deleted: response.CachesDeleted ?? [], spaceReclaimed: response.SpaceReclaimed ?? 0};
}

/** Open the Engine's event stream; resolves once the daemon has answered (the stream is up). */
export function openEvents(client: EngineClient, options: {since?: number; signal?: AbortSignal} = {}) {
	return client.stream('GET', '/events', {query: {since: options.since}, signal: options.signal});
}

/** Parse an event stream (one JSON document per line) into events. Ends when the connection ends. */
export async function* parseEvents(response: AsyncIterable<Buffer | string>): AsyncGenerator<EngineEvent> {
	let pending = '';
	for await (const chunk of response) {
		pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		let newline: number;
		while ((newline = pending.indexOf('\n')) >= 0) {
			const line = pending.slice(0, newline).trim();
			pending = pending.slice(newline + 1);
			if (line === '') continue;
			try {
				yield JSON.parse(line) as EngineEvent;
			} catch {
				// A malformed event is skipped, not fatal.
			}
		}
	}
}

export type WatchHandlers = {
	onEvent: (event: EngineEvent) => void;
	/** Called when the stream is up: the first time, and after every reconnect (then the caller re-lists). */
	onConnected: (reconnected: boolean) => void;
	onDisconnected: (error: unknown, retryInMs: number) => void;
};

/**
 * Follow the event stream for as long as `signal` lives, reconnecting with exponential backoff
 * (0.5 s doubling to 10 s). Nothing is polled while the stream is healthy.
 */
export async function watchEvents(client: EngineClient, handlers: WatchHandlers, signal: AbortSignal): Promise<void> {
	let delay = 500;
	let connectedBefore = false;
	while (!signal.aborted) {
		try {
			if (connectedBefore) await client.negotiate(true);
			const response = await openEvents(client, {signal});
			handlers.onConnected(connectedBefore);
			connectedBefore = true;
			delay = 500;
			for await (const event of parseEvents(response)) handlers.onEvent(event);
			if (signal.aborted) return;
			handlers.onDisconnected(new Error('the event stream ended'), delay);
		} catch (error) {
			if (signal.aborted) return;
			handlers.onDisconnected(error, delay);
		}
		await sleep(delay, signal);
		delay = Math.min(delay * 2, 10_000);
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				resolve();
			},
			{once: true},
		);
	});
}

/** Each image's SHARED size and each volume's size from `system df` (the image and volume lists lack them). */
export function dfSizes(raw: SystemDfResponse | undefined): {
	shared: Map<string, number>;
	volumes: Map<string, number>;
} {
	const shared = new Map<string, number>();
	const volumes = new Map<string, number>();
	for (const image of raw?.Images ?? []) if (image.SharedSize >= 0) shared.set(image.Id, image.SharedSize);
	for (const volume of raw?.Volumes ?? [])
		if (volume.UsageData && volume.UsageData.Size >= 0) volumes.set(volume.Name, volume.UsageData.Size);
	return {shared, volumes};
}
