import type {EngineClient} from './client.ts';
import {TsdockError, errorLine, isTsdockError} from './errors.ts';
import type {
	ContainerSummary,
	DeleteResponseItem,
	HistoryEntry,
	ImageInspect,
	ImagePruneResponse,
	ImageSummary,
} from './types.ts';

const id = (value: string) => encodeURIComponent(value);

export type ImageFilters = {
	dangling?: boolean;
	reference?: string[];
	label?: string[];
	since?: string;
	before?: string;
};

export type ListImagesOptions = {all?: boolean; filters?: ImageFilters; sharedSize?: boolean; signal?: AbortSignal};

function filterQuery(filters: ImageFilters | undefined): Record<string, string[]> {
	const query: Record<string, string[]> = {};
	if (!filters) return query;
	if (filters.dangling !== undefined) query.dangling = [String(filters.dangling)];
	if (filters.reference?.length) query.reference = filters.reference;
	if (filters.label?.length) query.label = filters.label;
	if (filters.since) query.since = [filters.since];
	if (filters.before) query.before = [filters.before];
	return query;
}

/** List images; `all` includes intermediate layers like `docker images -a`. */
export const listImages = (client: EngineClient, options: ListImagesOptions = {}) =>
	client
		.request<ImageSummary[]>('GET', '/images/json', {
			query: {
				all: options.all,
				filters: filterQuery(options.filters),
				'shared-size': options.sharedSize ? true : undefined,
			},
			signal: options.signal,
		})
		.then((images) => images ?? []);

/**
 * Dangling, as the Engine defines it for `-f dangling=true`: an image with no tag. An image whose only
 * reference is `<none>:<none>` (what old daemons report) counts as untagged too.
 */
export function isDangling(image: Pick<ImageSummary, 'RepoTags'>): boolean {
	const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
	return tags.length === 0;
}

export const danglingHelp =
	'dangling = an image with no tag left (shown as <none>), usually the old copy of a rebuilt tag';

export const inspectImage = (client: EngineClient, ref: string) =>
	client.request<ImageInspect>('GET', `/images/${id(ref)}/json`);

export const imageHistory = (client: EngineClient, ref: string) =>
	client.request<HistoryEntry[]>('GET', `/images/${id(ref)}/history`).then((entries) => entries ?? []);

/** Split "repo[:tag]" where the repo may carry a registry port ("host:5000/app:1"). */
export function splitReference(reference: string): {repo: string; tag: string} {
	const slash = reference.lastIndexOf('/');
	const colon = reference.lastIndexOf(':');
	if (colon > slash) return {repo: reference.slice(0, colon), tag: reference.slice(colon + 1)};
	return {repo: reference, tag: 'latest'};
}

/** Tag an image; an invalid reference is rejected with the Engine's own reason. */
export async function tagImage(client: EngineClient, source: string, target: string): Promise<void> {
	const {repo, tag} = splitReference(target.trim());
	if (repo === '') throw new TsdockError('bad-request', 'a tag needs a repository name');
	await client.request<void>('POST', `/images/${id(source)}/tag`, {query: {repo, tag}});
}

export type RemoveImageResult = {untagged: string[]; deleted: string[]};

export function summariseDeletes(items: DeleteResponseItem[] | null | undefined): RemoveImageResult {
	const result: RemoveImageResult = {untagged: [], deleted: []};
	for (const item of items ?? []) {
		if (item.Untagged) result.untagged.push(item.Untagged);
		if (item.Deleted) result.deleted.push(item.Deleted);
	}
	return result;
}

/**
 * Remove an image (or one of its tags), reporting Untagged vs Deleted like `docker rmi`. A conflict keeps the
 * Engine's message, which names the container that holds the image.
 */
export async function removeImage(
	client: EngineClient,
	ref: string,
	options: {force?: boolean; noprune?: boolean} = {},
): Promise<RemoveImageResult> {
	const items = await client.request<DeleteResponseItem[]>('DELETE', `/images/${id(ref)}`, {
		query: {force: options.force, noprune: options.noprune},
		timeoutMs: 120_000,
	});
	return summariseDeletes(items);
}

/** What happened to one image of a multi-image removal: as `docker rmi` says it, or why not. */
export type ImageRemovalResult = RemoveImageResult & {error?: string; conflict?: boolean};

/**
 * Remove several images one by one, as `docker rmi A B` does: one result per reference, in order; a refusal
 * (an image a container holds: `conflict`) or any other error is that image's result and the rest go on.
 */
export async function removeImages(
	client: EngineClient,
	references: string[],
	options: {force: boolean},
): Promise<ImageRemovalResult[]> {
	const results: ImageRemovalResult[] = [];
	for (const reference of references) {
		try {
			results.push(await removeImage(client, reference, {force: options.force}));
		} catch (error) {
			results.push({
				untagged: [],
				deleted: [],
				error: errorLine(error),
				conflict: isTsdockError(error) && error.kind === 'conflict',
			});
		}
	}
	return results;
}

/** Which containers use each image, keyed by full image ID. */
export function containersByImage(containers: ContainerSummary[]): Map<string, ContainerSummary[]> {
	const map = new Map<string, ContainerSummary[]>();
	for (const container of containers) {
		const list = map.get(container.ImageID);
		if (list) list.push(container);
		else map.set(container.ImageID, [container]);
	}
	return map;
}

export type PruneImagesResult = {deleted: string[]; untagged: string[]; spaceReclaimed: number};

/** `docker image prune` (dangling only) or `docker image prune -a` (every image no container uses). */
export async function pruneImages(client: EngineClient, options: {all?: boolean} = {}): Promise<PruneImagesResult> {
	const response = await client.request<ImagePruneResponse>('POST', '/images/prune', {
		query: {filters: {dangling: [options.all ? 'false' : 'true']}},
		timeoutMs: 600_000,
	});
	const {untagged, deleted} = summariseDeletes(response.ImagesDeleted);
	return {deleted, untagged, spaceReclaimed: response.SpaceReclaimed ?? 0};
}

/** The display reference: first tag, else first digest's repo with <none>, else <none>:<none>. */
export function imageReference(image: Pick<ImageSummary, 'RepoTags' | 'RepoDigests'>): string {
	const tag = (image.RepoTags ?? []).find((value) => value !== '<none>:<none>');
	if (tag) return tag;
	const digest = (image.RepoDigests ?? []).find((value) => value !== '<none>@<none>');
	if (digest) return `${digest.split('@')[0]}:<none>`;
	return '<none>:<none>';
}

export const shortId = (value: string): string => value.replace(/^sha256:/, '').slice(0, 12);
