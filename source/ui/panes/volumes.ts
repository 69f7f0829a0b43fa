/** The Volumes pane: every volume with the containers that mount it (D: unused only). */
import {dfSizes} from '../../core/index.ts';
import {volumeModel} from '../format/volume-rows.ts';
import type {PaneSpec} from './pane-spec.ts';

export const volumesPane: PaneSpec = {
	id: 'volumes',
	title: 'Volumes',
	description: 'Volumes pane',
	heading: (toggles) => (toggles.unusedVolumes ? 'Volumes: unused' : 'Volumes'),
	sorts: ['name', 'created', 'size'],
	toggle: {
		name: 'unusedVolumes',
		key: 'D',
		command: 'toggle-unused',
		description: 'unused volumes only (no container mounts them)',
		footer: 'unused',
	},
	needs: ['volumes', 'containers'],
	inputs: (data, toggles) => [data.volumes, data.containers, data.df, toggles.unusedVolumes, data.errors.volumes],
	rows(data, toggles) {
		const current = data.volumes && data.volumes.unused === toggles.unusedVolumes ? data.volumes.list : undefined;
		return {
			model: current && volumeModel(current, data.containers?.list, dfSizes(data.df?.raw).volumes),
			error: data.errors.volumes,
		};
	},
	notes: (toggles) =>
		toggles.unusedVolumes
			? ['unused only, as docker volume ls -f dangling=true: no container (running or stopped) mounts them (D: all)']
			: [],
	empty: (toggles) => (toggles.unusedVolumes ? 'no unused volumes' : 'no volumes'),
};
