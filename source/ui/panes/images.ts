/** The Images pane: every image with its containers and sizes (D: dangling only). */
import {danglingHelp} from '../../core/index.ts';
import {dfSizes} from '../../core/index.ts';
import {imageModel} from '../format/image-rows.ts';
import type {PaneSpec} from './pane-spec.ts';

export const imagesPane: PaneSpec = {
	id: 'images',
	title: 'Images',
	description: 'Images pane',
	heading: (toggles) => (toggles.danglingImages ? 'Images: dangling' : 'Images'),
	sorts: ['created', 'name', 'size'],
	toggle: {
		name: 'danglingImages',
		key: 'D',
		command: 'toggle-dangling',
		description: 'dangling images only (untagged, as docker images -f dangling=true)',
		footer: 'dangling',
	},
	needs: ['images', 'containers'],
	inputs: (data, toggles) => [data.images, data.containers, data.df, toggles.danglingImages, data.errors.images],
	relativeTimes: true,
	rows(data, toggles, now) {
		const current = data.images && data.images.dangling === toggles.danglingImages ? data.images.list : undefined;
		return {
			model: current && imageModel(current, data.containers?.list, dfSizes(data.df?.raw).shared, now),
			error: data.errors.images,
		};
	},
	notes: (toggles) =>
		toggles.danglingImages ? [`dangling only, as docker images -f dangling=true (D: all) · ${danglingHelp}`] : [],
	empty: (toggles) => (toggles.danglingImages ? 'no dangling images' : 'no images'),
};
