/** The Containers pane: every container (a: running only), running first. */
import {containerModel} from '../format/container-rows.ts';
import type {PaneSpec} from './pane-spec.ts';

export const containersPane: PaneSpec = {
	id: 'containers',
	title: 'Containers',
	description: 'Containers pane',
	heading: () => 'Containers',
	sorts: ['status', 'name', 'created'],
	toggle: {
		name: 'allContainers',
		key: 'a',
		command: 'toggle-all',
		description: 'all containers / running only',
		footer: 'all',
	},
	needs: ['containers'],
	inputs: (data, toggles) => [data.containers, toggles.allContainers, data.errors.containers, data.times],
	relativeTimes: true,
	rows: (data, toggles, now) => ({
		model:
			data.containers && containerModel(data.containers.list, {all: toggles.allContainers, times: data.times, now}),
		error: data.errors.containers,
	}),
	notes: (toggles, partial) => [
		...(toggles.allContainers ? [] : ['running containers only (a: show all)']),
		...(partial && toggles.allContainers ? ['running containers first: listing the others…'] : []),
	],
	empty: (toggles) => (toggles.allContainers ? 'no containers' : 'no running containers (a: show all)'),
};
