import type {EngineClient} from './client.ts';
import {listContainers, isActiveState} from './containers.ts';
import {imageReference, inspectImage, isDangling, listImages} from './images.ts';
import {listVolumes, volumePrunable} from './volumes.ts';
import {systemDfRaw} from './system.ts';
import {createHash} from 'node:crypto';
import {TsdockError} from './errors.ts';
import type {BuildCacheRecord, ContainerSummary, ImageSummary, Volume} from './types.ts';

/**
 * Prune previews: exactly what a prune will remove and how many bytes that frees, computed from the Engine's
 * own data the way the Engine decides, before anything is removed.
 */

export type ImagePlanItem = {
	id: string;
	/** What the image was called, if anything ("app:1", "app:<none>", or "<none>:<none>"). */
	name: string;
	/** Tags that go (prune -a untags every tag of an unused image). */
	tags: string[];
	size: number;
	/** True when only its tags go and the image itself stays (a tagged parent of an image that stays). */
	untagOnly: boolean;
	/** True for an untagged parent layer image removed along with its child (classic builder). */
	intermediate: boolean;
};

export type ImagePrunePlan = {
	scope: 'dangling' | 'all';
	items: ImagePlanItem[];
	/** Bytes of layers no remaining image uses: what the Engine will report as SpaceReclaimed. */
	bytes: number;
	/** False when layer sizes had to be estimated (layers shared by images with no common ancestor image). */
	exact: boolean;
	/** Dangling images kept because a container (running or stopped) uses them. */
	keptInUse: Array<{id: string; containers: string[]}>;
	/** Bytes freed if exactly these image IDs go (for reporting what a partial run reclaimed). */
	measure: (deletedIds: Iterable<string>) => number;
};

const tagsOf = (image: ImageSummary) => (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');

/** chainID(L1) = diffID1; chainID(Ln) = sha256(chainID(n-1) + " " + diffIDn), as in the image spec. */
export function chainIds(diffIds: string[]): string[] {
	const chains: string[] = [];
	for (const diff of diffIds) {
		const previous = chains.at(-1);
		chains.push(
			previous === undefined ? diff : `sha256:${createHash('sha256').update(`${previous} ${diff}`).digest('hex')}`,
		);
	}
	return chains;
}

/**
 * Per-layer sizes from whole-image sizes. Chain IDs form a tree (each chain ID names its whole prefix);
 * an image's Size is the cumulative size of its chain. Between two nodes whose cumulative size is known,
 * every layer belongs to the same set of images, so the segment's size is exact. `sharedAt` gives cumulative
 * sizes at branch points where no image sits (from the Engine's SharedSize), when known.
 */
export function layerSizes(
	images: Array<{id: string; size: number; chain: string[]}>,
	sharedAt = new Map<string, number>(),
): {sizes: Map<string, number>; exact: boolean} {
	const known = new Map<string, number>(sharedAt);
	for (const image of images) {
		const top = image.chain.at(-1);
		if (top !== undefined) known.set(top, image.size);
	}
	const sizes = new Map<string, number>();
	let exact = true;
	for (const image of images) {
		let previousKnown = 0;
		let segment: string[] = [];
		for (const layer of image.chain) {
			segment.push(layer);
			const cumulative = known.get(layer);
			if (cumulative === undefined) continue;
			// The whole segment's bytes go on its last layer: they are released together.
			segment.forEach((id, index) => {
				if (!sizes.has(id)) sizes.set(id, index === segment.length - 1 ? Math.max(0, cumulative - previousKnown) : 0);
			});
			previousKnown = cumulative;
			segment = [];
		}
		if (segment.length > 0) exact = false;
	}
	// A branch point no image sits on and no SharedSize names makes the split between branches a guess.
	const children = new Map<string, Set<string>>();
	for (const image of images) {
		image.chain.forEach((layer, index) => {
			const next = image.chain[index + 1];
			if (next === undefined) return;
			const set = children.get(layer) ?? new Set<string>();
			set.add(next);
			children.set(layer, set);
		});
	}
	for (const [layer, set] of children) if (set.size > 1 && !known.has(layer)) exact = false;
	return {sizes, exact};
}

type ImageWorld = {
	images: ImageSummary[];
	containers: ContainerSummary[];
	chains: Map<string, string[]>;
	sharedAt: Map<string, number>;
};

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const workers = Array.from({length: Math.min(limit, items.length)}, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index]!);
		}
	});
	await Promise.all(workers);
	return results;
}

/**
 * Layer chains already read, per client and image ID. An image ID is the hash of the image's config, which
 * lists its layers, so a chain never changes for an ID: each image is inspected once, not on every preview
 * (2,000 requests per `P` on a host with 2,000 images otherwise). Entries of images that are gone are dropped.
 */
const chainCache = new WeakMap<EngineClient, Map<string, string[]>>();

async function loadImageWorld(client: EngineClient, containers?: ContainerSummary[]): Promise<ImageWorld> {
	const [images, allContainers, df] = await Promise.all([
		listImages(client, {all: true}),
		containers ? Promise.resolve(containers) : listContainers(client, {all: true}),
		systemDfRaw(client).catch(() => undefined),
	]);
	let known = chainCache.get(client);
	if (!known) chainCache.set(client, (known = new Map()));
	const chains = new Map<string, string[]>();
	await mapLimit(images, 8, async (image) => {
		const cached = known.get(image.Id);
		if (cached) {
			chains.set(image.Id, cached);
			return;
		}
		try {
			const detail = await inspectImage(client, image.Id);
			const chain = chainIds(detail.RootFS?.Layers ?? []);
			chains.set(image.Id, chain);
			known.set(image.Id, chain);
		} catch {
			// Not kept: the image may be readable next time (removed meanwhile, or the daemon was busy).
			chains.set(image.Id, []);
		}
	});
	for (const id of known.keys()) if (!chains.has(id)) known.delete(id);
	// SharedSize from system df gives the cumulative size of the deepest layer an image shares with others.
	// How many images hold each layer (a chain ID names a whole prefix, so it occurs once per chain).
	const refs = new Map<string, number>();
	for (const chain of chains.values()) for (const layer of chain) refs.set(layer, (refs.get(layer) ?? 0) + 1);
	const sharedAt = new Map<string, number>();
	for (const entry of df?.Images ?? []) {
		if (entry.SharedSize <= 0) continue;
		const chain = chains.get(entry.Id);
		if (!chain) continue;
		let deepest: string | undefined;
		for (const layer of chain) if ((refs.get(layer) ?? 0) > 1) deepest = layer;
		if (deepest !== undefined && !sharedAt.has(deepest)) sharedAt.set(deepest, entry.SharedSize);
	}
	return {images, containers: allContainers, chains, sharedAt};
}

/** Deleting an image also deletes its untagged parents once no other child or container needs them. */
function cascadeParents(
	images: ImageSummary[],
	deleted: Set<string>,
	usedBy: Map<string, string[]>,
	children: Map<string, string[]>,
): void {
	const byId = new Map(images.map((image) => [image.Id, image]));
	const queue = [...deleted];
	while (queue.length > 0) {
		const image = byId.get(queue.pop()!);
		const parent = image?.ParentId ? byId.get(image.ParentId) : undefined;
		if (!parent || deleted.has(parent.Id)) continue;
		if (tagsOf(parent).length > 0 || usedBy.has(parent.Id)) continue;
		if ((children.get(parent.Id) ?? []).every((child) => deleted.has(child))) {
			deleted.add(parent.Id);
			queue.push(parent.Id);
		}
	}
}

function childrenOf(images: ImageSummary[]): Map<string, string[]> {
	const children = new Map<string, string[]>();
	for (const image of images) {
		if (!image.ParentId) continue;
		const list = children.get(image.ParentId) ?? [];
		list.push(image.Id);
		children.set(image.ParentId, list);
	}
	return children;
}

function usersOf(containers: ContainerSummary[]): Map<string, string[]> {
	const usedBy = new Map<string, string[]>();
	for (const container of containers) {
		const list = usedBy.get(container.ImageID) ?? [];
		list.push((container.Names?.[0] ?? container.Id).replace(/^\//, ''));
		usedBy.set(container.ImageID, list);
	}
	return usedBy;
}

/** Bytes of the layers that only the deleted images hold (what the Engine reports as reclaimed). */
function releasedBytes(world: ImageWorld, deleted: Set<string>): {bytes: number; exact: boolean} {
	const entries = world.images.map((image) => ({
		id: image.Id,
		size: image.Size,
		chain: world.chains.get(image.Id) ?? [],
	}));
	const {sizes, exact} = layerSizes(entries, world.sharedAt);
	const stillUsed = new Set<string>();
	for (const image of world.images)
		if (!deleted.has(image.Id)) for (const layer of world.chains.get(image.Id) ?? []) stillUsed.add(layer);
	const released = new Set<string>();
	for (const id of deleted)
		for (const layer of world.chains.get(id) ?? []) if (!stillUsed.has(layer)) released.add(layer);
	let bytes = 0;
	for (const layer of released) bytes += sizes.get(layer) ?? 0;
	return {bytes, exact};
}

/** Decide which images `docker image prune [-a]` removes, given the images and the containers that stay. */
export function decideImagePrune(world: Pick<ImageWorld, 'images' | 'containers'>, scope: 'dangling' | 'all') {
	const byId = new Map(world.images.map((image) => [image.Id, image]));
	const children = childrenOf(world.images);
	const usedBy = usersOf(world.containers);
	const deleted = new Set<string>();
	const untagOnly = new Set<string>();
	const keptInUse: Array<{id: string; containers: string[]}> = [];

	if (scope === 'dangling') {
		// Candidates: images with no child image and no tag; a container using one keeps it.
		for (const image of world.images) {
			if ((children.get(image.Id)?.length ?? 0) > 0 || !isDangling(image)) continue;
			const users = usedBy.get(image.Id);
			if (users) {
				keptInUse.push({id: image.Id, containers: users});
				continue;
			}
			deleted.add(image.Id);
		}
	} else {
		// Every image no container uses goes; its untagged parents go with it unless something still needs them.
		const needed = new Set<string>();
		for (const id of usedBy.keys()) {
			let current = byId.get(id);
			while (current) {
				needed.add(current.Id);
				current = current.ParentId ? byId.get(current.ParentId) : undefined;
			}
		}
		for (const image of world.images) {
			const isIntermediate =
				tagsOf(image).length === 0 &&
				(image.RepoDigests ?? []).length === 0 &&
				(children.get(image.Id)?.length ?? 0) > 0;
			if (isIntermediate) continue;
			if (usedBy.has(image.Id)) continue;
			if (needed.has(image.Id)) {
				if (tagsOf(image).length > 0) untagOnly.add(image.Id);
				continue;
			}
			deleted.add(image.Id);
		}
	}
	cascadeParents(world.images, deleted, usedBy, children);
	return {deleted, untagOnly, keptInUse, children};
}

/** The preview of `docker image prune` (scope 'dangling') or `docker image prune -a` (scope 'all'). */
export async function planImagePrune(
	client: EngineClient,
	scope: 'dangling' | 'all',
	options: {containers?: ContainerSummary[]} = {},
): Promise<ImagePrunePlan> {
	const world = await loadImageWorld(client, options.containers);
	return planFromWorld(world, scope);
}

function planFromWorld(world: ImageWorld, scope: 'dangling' | 'all'): ImagePrunePlan {
	const {deleted, untagOnly, keptInUse, children} = decideImagePrune(world, scope);
	const {bytes, exact} = releasedBytes(world, deleted);
	const items: ImagePlanItem[] = [];
	for (const image of world.images) {
		if (!deleted.has(image.Id) && !untagOnly.has(image.Id)) continue;
		items.push({
			id: image.Id,
			name: imageReference(image),
			tags: tagsOf(image),
			size: image.Size,
			untagOnly: untagOnly.has(image.Id),
			intermediate: tagsOf(image).length === 0 && (children.get(image.Id)?.length ?? 0) > 0,
		});
	}
	// Biggest first; ties by name, then ID, so the same images always list in the same order.
	items.sort(
		(a, b) =>
			Number(a.intermediate) - Number(b.intermediate) ||
			b.size - a.size ||
			a.name.localeCompare(b.name) ||
			a.id.localeCompare(b.id),
	);
	const measure = (ids: Iterable<string>) => releasedBytes(world, new Set(ids)).bytes;
	return {scope, items, bytes, exact, keptInUse, measure};
}

export type VolumePrunePlan = {
	all: boolean;
	/** API >= 1.42 prunes only anonymous volumes unless `all` is set. */
	anonymousOnly: boolean;
	items: Array<{name: string; size: number; anonymous: boolean}>;
	bytes: number;
	/** Unused named volumes this scope leaves alone (so the UI can offer `a`). */
	skippedNamed: number;
};

export async function planVolumePrune(
	client: EngineClient,
	all: boolean,
	options: {volumes?: Volume[]} = {},
): Promise<VolumePrunePlan> {
	await client.negotiate();
	const apiAtLeast142 = client.apiAtLeast('1.42');
	const df = options.volumes ? undefined : await systemDfRaw(client);
	const volumes = options.volumes ?? df?.Volumes ?? (await listVolumes(client));
	const unused = volumes.filter((volume) => (volume.UsageData?.RefCount ?? 0) === 0 && volume.Driver === 'local');
	const items = unused
		.filter((volume) => volumePrunable(volume, {all, apiAtLeast142}))
		.map((volume) => ({
			name: volume.Name,
			size: Math.max(0, volume.UsageData?.Size ?? 0),
			anonymous: volume.Labels?.['com.docker.volume.anonymous'] !== undefined,
		}));
	return {
		all,
		anonymousOnly: apiAtLeast142 && !all,
		items,
		bytes: items.reduce((sum, item) => sum + item.size, 0),
		skippedNamed: unused.length - items.length,
	};
}

export type SystemPrunePlan = {
	containers: Array<{id: string; name: string; size: number}>;
	images: ImagePrunePlan;
	volumes?: VolumePrunePlan;
	buildCache: {items: BuildCacheRecord[]; bytes: number};
	bytes: number;
};

/**
 * `docker system prune [-a] [--volumes]`: stopped containers first, then images with the containers that remain,
 * then (only when asked) unused volumes, then unused build cache.
 */
export async function planSystemPrune(
	client: EngineClient,
	options: {allImages?: boolean; volumes?: boolean} = {},
): Promise<SystemPrunePlan> {
	const df = await systemDfRaw(client);
	const containers = df.Containers ?? (await listContainers(client, {all: true, size: true}));
	const stopped = containers.filter((container) => !isActiveState(container.State));
	const staying = containers.filter((container) => isActiveState(container.State));
	const images = await planImagePrune(client, options.allImages ? 'all' : 'dangling', {containers: staying});
	let volumes: VolumePrunePlan | undefined;
	if (options.volumes) {
		// Volumes used only by the stopped containers are freed by the container prune first.
		const stoppedIds = new Set(stopped.map((container) => container.Id));
		const refs = new Map<string, number>();
		for (const container of containers) {
			if (stoppedIds.has(container.Id)) continue;
			for (const mount of container.Mounts ?? [])
				if (mount.Type === 'volume' && mount.Name) refs.set(mount.Name, (refs.get(mount.Name) ?? 0) + 1);
		}
		const adjusted = (df.Volumes ?? []).map((volume) => ({
			...volume,
			UsageData: {Size: volume.UsageData?.Size ?? -1, RefCount: refs.get(volume.Name) ?? 0},
		}));
		volumes = await planVolumePrune(client, true, {volumes: adjusted});
	}
	const cacheItems = (df.BuildCache ?? []).filter((record) => !record.InUse);
	const cacheBytes = cacheItems.filter((record) => !record.Shared).reduce((sum, record) => sum + record.Size, 0);
	const containerItems = stopped.map((container) => ({
		id: container.Id,
		name: (container.Names?.[0] ?? '').replace(/^\//, ''),
		size: container.SizeRw ?? 0,
	}));
	const containerBytes = containerItems.reduce((sum, item) => sum + item.size, 0);
	return {
		containers: containerItems,
		images,
		volumes,
		buildCache: {items: cacheItems, bytes: cacheBytes},
		bytes: containerBytes + images.bytes + (volumes?.bytes ?? 0) + cacheBytes,
	};
}

export type ImageRemovalPlan = {
	id: string;
	/** Every tag the image has now. */
	tags: string[];
	/** What is sent to the Engine: the tag chosen, or the image ID. */
	reference: string;
	/** True when other tags remain, so only this tag goes and the image stays. */
	untagOnly: boolean;
	/** Image IDs that will be deleted (the image and untagged parents that go with it). */
	deletes: string[];
	bytes: number;
	exact: boolean;
	/** Containers (any state) using the image: the Engine refuses without force. */
	usedBy: string[];
	/** Removing by ID an image with several tags also needs force. */
	needsForce: boolean;
};

/** What `docker rmi REF` will do: untag only, or delete (with which parents and how many bytes). */
export async function planImageRemoval(client: EngineClient, imageId: string, tag?: string): Promise<ImageRemovalPlan> {
	const world = await loadImageWorld(client);
	const image = world.images.find((candidate) => candidate.Id === imageId);
	if (!image) {
		throw new TsdockError('not-found', `image ${imageId.replace(/^sha256:/, '').slice(0, 12)} no longer exists`);
	}
	const tags = tagsOf(image);
	const usedBy = usersOf(world.containers).get(image.Id) ?? [];
	const reference = tag && tags.includes(tag) ? tag : image.Id;
	const untagOnly = reference !== image.Id && tags.length > 1;
	const deleted = new Set<string>();
	if (!untagOnly) {
		deleted.add(image.Id);
		cascadeParents(world.images, deleted, usersOf(world.containers), childrenOf(world.images));
	}
	const {bytes, exact} = untagOnly ? {bytes: 0, exact: true} : releasedBytes(world, deleted);
	return {
		id: image.Id,
		tags,
		reference,
		untagOnly,
		deletes: [...deleted],
		bytes,
		exact,
		usedBy,
		needsForce: !untagOnly && (usedBy.length > 0 || (reference === image.Id && tags.length > 1)),
	};
}
