import type {EngineClient} from './client.ts';
import {removeContainer} from './containers.ts';
import {errorLine} from './errors.ts';
import {inspectImage, removeImage} from './images.ts';
import type {ImagePrunePlan, SystemPrunePlan, VolumePrunePlan} from './prune-plan.ts';
import {pruneBuildCache} from './system.ts';
import {removeVolume} from './volumes.ts';

/**
 * Carry out a previewed prune by removing exactly the items the user saw, one by one. The Engine's own prune
 * endpoints remove whatever qualifies at the moment they run, which can include things that appeared after the
 * preview; these functions never do. An item that changed meanwhile (tagged, now used, already gone) is
 * skipped and reported.
 */

export type Skipped = {what: string; reason: string};

export type ImagePruneRun = {deleted: string[]; untagged: string[]; skipped: Skipped[]; spaceReclaimed: number};

export async function runImagePrune(client: EngineClient, plan: ImagePrunePlan): Promise<ImagePruneRun> {
	const planned = new Set(plan.items.map((item) => item.id));
	const deleted = new Set<string>();
	const untagged: string[] = [];
	const skipped: Skipped[] = [];
	// Leaf images first; the Engine takes their planned untagged parents along (noprune=false).
	for (const item of plan.items.filter((candidate) => !candidate.intermediate)) {
		if (deleted.has(item.id)) continue;
		try {
			const now = await inspectImage(client, item.id);
			const tagsNow = (now.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
			if (plan.scope === 'dangling' && tagsNow.length > 0) {
				skipped.push({what: item.id, reason: `tagged since the preview (${tagsNow.join(', ')})`});
				continue;
			}
			const unexpected = tagsNow.filter((tag) => !item.tags.includes(tag));
			if (unexpected.length > 0) {
				skipped.push({what: item.id, reason: `has new tags since the preview (${unexpected.join(', ')})`});
				continue;
			}
			const references = tagsNow.length > 0 ? tagsNow : [item.id];
			for (const reference of references) {
				const result = await removeImage(client, reference);
				untagged.push(...result.untagged);
				for (const id of result.deleted) if (planned.has(id)) deleted.add(id);
			}
		} catch (error) {
			skipped.push({what: item.id, reason: errorLine(error)});
		}
	}
	return {deleted: [...deleted], untagged, skipped, spaceReclaimed: plan.measure(deleted)};
}

export type NamedRun = {deleted: string[]; skipped: Skipped[]; spaceReclaimed: number};

/**
 * Remove several volumes one by one, as `docker volume rm A B` does, never forced (the Engine refuses one that
 * is in use): each is deleted or skipped with the reason; `size` (when known) counts toward the bytes freed.
 */
export async function removeVolumes(
	client: EngineClient,
	volumes: Array<{name: string; size?: number}>,
): Promise<NamedRun> {
	const result: NamedRun = {deleted: [], skipped: [], spaceReclaimed: 0};
	for (const volume of volumes) {
		try {
			await removeVolume(client, volume.name, false);
			result.deleted.push(volume.name);
			result.spaceReclaimed += volume.size ?? 0;
		} catch (error) {
			result.skipped.push({what: volume.name, reason: errorLine(error)});
		}
	}
	return result;
}

export async function runVolumePrune(client: EngineClient, plan: VolumePrunePlan): Promise<NamedRun> {
	const result: NamedRun = {deleted: [], skipped: [], spaceReclaimed: 0};
	for (const item of plan.items) {
		try {
			// Without force the Engine refuses a volume that became in use since the preview.
			await removeVolume(client, item.name, false);
			result.deleted.push(item.name);
			result.spaceReclaimed += item.size;
		} catch (error) {
			result.skipped.push({what: item.name, reason: errorLine(error)});
		}
	}
	return result;
}

export type SystemPruneRun = {
	containers: NamedRun;
	images: ImagePruneRun;
	volumes?: NamedRun;
	buildCache: {deleted: string[]; spaceReclaimed: number};
	spaceReclaimed: number;
};

export async function runSystemPrune(client: EngineClient, plan: SystemPrunePlan): Promise<SystemPruneRun> {
	const containers: NamedRun = {deleted: [], skipped: [], spaceReclaimed: 0};
	for (const item of plan.containers) {
		try {
			// No force: a container started since the preview is refused, not killed.
			await removeContainer(client, item.id, {force: false});
			containers.deleted.push(item.name || item.id.slice(0, 12));
			containers.spaceReclaimed += item.size;
		} catch (error) {
			containers.skipped.push({what: item.name || item.id.slice(0, 12), reason: errorLine(error)});
		}
	}
	const images = await runImagePrune(client, plan.images);
	const volumes = plan.volumes ? await runVolumePrune(client, plan.volumes) : undefined;
	const buildCache =
		plan.buildCache.items.length > 0 ? await pruneBuildCache(client) : {deleted: [], spaceReclaimed: 0};
	return {
		containers,
		images,
		volumes,
		buildCache,
		spaceReclaimed:
			containers.spaceReclaimed + images.spaceReclaimed + (volumes?.spaceReclaimed ?? 0) + buildCache.spaceReclaimed,
	};
}
