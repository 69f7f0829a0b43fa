/** Fetch what a details view shows. The only place the views reach the daemon (through the core). */
import {
	containersByImage,
	containersByVolume,
	imageHistory,
	inspectContainer,
	inspectImage,
	inspectVolume,
	type EngineClient,
} from '../../core/index.ts';
import {containerDetails, imageDetails, volumeDetails, type DetailLine} from '../format/details.ts';
import {dfSizes} from '../format/disk-rows.ts';
import type {AppState, DetailsTarget} from '../state/types.ts';
import type {Store} from '../store.ts';

export type LoadDetails = (target: DetailsTarget) => Promise<DetailLine[]>;

export function makeDetailsLoader(client: EngineClient, store: Store): LoadDetails {
	return async (target) => {
		const containers = store.get().data.containers?.list;
		switch (target.kind) {
			case 'container':
				return containerDetails(await inspectContainer(client, target.id));
			case 'image': {
				const [image, history] = await Promise.all([inspectImage(client, target.id), imageHistory(client, target.id)]);
				return imageDetails(image, history, containers && (containersByImage(containers).get(image.Id) ?? []));
			}
			case 'volume': {
				const volume = await inspectVolume(client, target.id);
				const size = volume.UsageData?.Size ?? dfSizes(store.get().data.df?.raw).volumes.get(volume.Name);
				return volumeDetails(volume, containers && (containersByVolume(containers).get(volume.Name) ?? []), size);
			}
		}
	};
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
