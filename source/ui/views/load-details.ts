/** What a details view shows, read through the engine port. */
import {containersByImage, containersByVolume, dfSizes} from '../../core/index.ts';
import type {EnginePort} from '../engine-port.ts';
import {containerDetails, imageDetails, volumeDetails, type DetailLine} from '../format/details.ts';
import type {AppState, DetailsTarget} from '../state/types.ts';

export async function loadDetails(port: EnginePort, state: AppState, target: DetailsTarget): Promise<DetailLine[]> {
	const containers = state.data.containers?.list;
	switch (target.kind) {
		case 'container':
			return containerDetails(await port.inspectContainer(target.id));
		case 'image': {
			const [image, history] = await Promise.all([port.inspectImage(target.id), port.imageHistory(target.id)]);
			return imageDetails(image, history, containers && (containersByImage(containers).get(image.Id) ?? []));
		}
		case 'volume': {
			const volume = await port.inspectVolume(target.id);
			const size = volume.UsageData?.Size ?? dfSizes(state.data.df?.raw).volumes.get(volume.Name);
			return volumeDetails(volume, containers && (containersByVolume(containers).get(volume.Name) ?? []), size);
		}
	}
}

/**
 * A token that changes when what a details view shows may have changed, so the view re-reads only then
 * (driven by the event-fed lists, never by a timer).
 */
export function detailsVersion(state: AppState, target: DetailsTarget | undefined): string {
	if (!target) return '';
	const containers = state.data.containers?.list;
	switch (target.kind) {
		case 'container': {
			const container = containers?.find((c) => c.Id === target.id);
			return container
				? `${container.State}|${container.Status}|${container.Names?.join(',')}|${JSON.stringify(container.Ports)}`
				: 'gone';
		}
		case 'image': {
			const image = state.data.images?.list.find((i) => i.Id === target.id);
			const users = containers
				?.filter((c) => c.ImageID === target.id)
				.map((c) => `${c.Id}:${c.State}`)
				.join(',');
			return `${image?.RepoTags?.join(',') ?? 'gone'}|${users ?? ''}`;
		}
		case 'volume': {
			const users = containers
				?.filter((c) => c.Mounts?.some((m) => m.Name === target.id))
				.map((c) => `${c.Id}:${c.State}`)
				.join(',');
			return `${users ?? ''}|${state.data.df ? 'df' : ''}`;
		}
	}
}
