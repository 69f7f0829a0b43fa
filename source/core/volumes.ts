import type {EngineClient} from './client.ts';
import type {ContainerSummary, Volume, VolumePruneResponse} from './types.ts';

const id = (value: string) => encodeURIComponent(value);

/** The label Docker (API >= 1.42) puts on volumes it created without a name. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

export type ListVolumesOptions = {dangling?: boolean; signal?: AbortSignal};

export async function listVolumes(client: EngineClient, options: ListVolumesOptions = {}): Promise<Volume[]> {
	const filters = options.dangling === undefined ? undefined : {dangling: [String(options.dangling)]};
	const response = await client.request<{Volumes: Volume[] | null}>('GET', '/volumes', {
		query: {filters},
		signal: options.signal,
	});
	return response.Volumes ?? [];
}

export const inspectVolume = (client: EngineClient, name: string) =>
	client.request<Volume>('GET', `/volumes/${id(name)}`);

export const removeVolume = (client: EngineClient, name: string, force = false) =>
	client.request<void>('DELETE', `/volumes/${id(name)}`, {query: {force}});

/** Which containers (any state) mount each named volume. */
export function containersByVolume(containers: ContainerSummary[]): Map<string, ContainerSummary[]> {
	const map = new Map<string, ContainerSummary[]>();
	for (const container of containers) {
		for (const mount of container.Mounts ?? []) {
			if (mount.Type !== 'volume' || !mount.Name) continue;
			const list = map.get(mount.Name);
			if (list) list.push(container);
			else map.set(mount.Name, [container]);
		}
	}
	return map;
}

export type PruneVolumesResult = {deleted: string[]; spaceReclaimed: number};

/**
 * `docker volume prune`. From API 1.42 the Engine prunes only anonymous volumes unless `all` is set;
 * before 1.42 it prunes every unused local volume (and the `all` filter does not exist).
 */
export async function pruneVolumes(client: EngineClient, options: {all?: boolean} = {}): Promise<PruneVolumesResult> {
	const filters = options.all && client.apiAtLeast('1.42') ? {all: ['true']} : undefined;
	const response = await client.request<VolumePruneResponse>('POST', '/volumes/prune', {
		query: {filters},
		timeoutMs: 600_000,
	});
	return {deleted: response.VolumesDeleted ?? [], spaceReclaimed: response.SpaceReclaimed ?? 0};
}

/** True when a prune of this scope would consider the volume (before the in-use check). */
export function volumePrunable(volume: Volume, options: {all: boolean; apiAtLeast142: boolean}): boolean {
	if (volume.Driver !== 'local') return false;
	if (!options.apiAtLeast142 || options.all) return true;
	return volume.Labels?.[ANONYMOUS_LABEL] !== undefined;
}
