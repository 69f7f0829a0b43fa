import {
	ago,
	containerName,
	containersByImage,
	humanSize,
	isDangling,
	listContainers,
	listImages,
	sanitizeField,
	shortId,
	type EngineClient,
	type ImageSummary,
} from '../core/index.ts';
import {textTable} from './text-table.ts';

/** Repository and tag rows like `docker images`: one row per tag, `<none>` for untagged images. */
export function imageRows(image: ImageSummary): Array<{repository: string; tag: string}> {
	const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
	if (tags.length > 0) {
		return tags.map((reference) => {
			const colon = reference.lastIndexOf(':');
			return {repository: reference.slice(0, colon), tag: reference.slice(colon + 1)};
		});
	}
	const digest = (image.RepoDigests ?? []).find((value) => value !== '<none>@<none>');
	return [{repository: digest ? digest.split('@')[0]! : '<none>', tag: '<none>'}];
}

export async function imagesCommand(
	client: EngineClient,
	options: {all: boolean; dangling: boolean; json: boolean},
): Promise<string> {
	const [images, containers] = await Promise.all([
		listImages(client, {all: options.all, filters: options.dangling ? {dangling: true} : undefined}),
		listContainers(client, {all: true}),
	]);
	const users = containersByImage(containers);
	images.sort((a, b) => b.Created - a.Created);
	if (options.json) {
		const json = images.map((image) => ({
			id: image.Id,
			repoTags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
			repoDigests: (image.RepoDigests ?? []).filter((digest) => digest !== '<none>@<none>'),
			dangling: isDangling(image),
			parentId: image.ParentId || undefined,
			created: new Date(image.Created * 1000).toISOString(),
			size: image.Size,
			sharedSize: image.SharedSize >= 0 ? image.SharedSize : undefined,
			labels: image.Labels ?? {},
			containers: (users.get(image.Id) ?? []).map(containerName),
		}));
		return `${JSON.stringify(json, null, 2)}\n`;
	}
	const rows: string[][] = [];
	for (const image of images) {
		const used = users.get(image.Id)?.length ?? 0;
		for (const {repository, tag} of imageRows(image)) {
			rows.push([
				sanitizeField(repository),
				sanitizeField(tag),
				shortId(image.Id),
				ago(image.Created),
				humanSize(image.Size),
				used === 0 ? '-' : String(used),
			]);
		}
	}
	return textTable(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'CONTAINERS'], rows);
}
