/** Which rows a pane lists, from the engine data and the toggles. Pure. */
import type {DfRow} from '../../core/index.ts';
import type {PaneId} from '../keymap.ts';
import type {EngineData, Toggles} from '../state/types.ts';
import {containerModel} from './container-rows.ts';
import {dfSizes, reclaimableModel} from './disk-rows.ts';
import {imageModel} from './image-rows.ts';
import type {ListModel} from './rows.ts';
import {volumeModel} from './volume-rows.ts';

export type PaneData = {
	/** Undefined while the first listing (under the current toggles) is on its way. */
	model?: ListModel;
	error?: string;
	/** The Disk pane's `system df` rows. */
	df?: DfRow[];
};

export function paneData(pane: PaneId, data: EngineData, toggles: Toggles): PaneData {
	switch (pane) {
		case 'containers':
			return {
				model: data.containers && containerModel(data.containers.list, {all: toggles.allContainers}),
				error: data.errors.containers,
			};
		case 'images': {
			const current = data.images && data.images.dangling === toggles.danglingImages ? data.images.list : undefined;
			return {
				model: current && imageModel(current, data.containers?.list, dfSizes(data.df?.raw).shared),
				error: data.errors.images,
			};
		}
		case 'volumes': {
			const current = data.volumes && data.volumes.unused === toggles.unusedVolumes ? data.volumes.list : undefined;
			return {
				model: current && volumeModel(current, data.containers?.list, dfSizes(data.df?.raw).volumes),
				error: data.errors.volumes,
			};
		}
		case 'disk':
			return {model: data.df && reclaimableModel(data.df.raw), df: data.df?.rows, error: data.errors.df};
	}
}
