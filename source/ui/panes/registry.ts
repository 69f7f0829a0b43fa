/**
 * The pane registry: every pane, in the order of its digit key and of Tab. A new pane is its own file (a
 * PaneSpec) plus one entry here and its id in PaneId. Digits 1–9 reach the first nine panes; past nine, panes
 * are reached with Tab and the pane menu (README: "Keys: the allocation").
 */
import {containersPane} from './containers.ts';
import {diskPane} from './disk.ts';
import {imagesPane} from './images.ts';
import type {PaneSpec} from './pane-spec.ts';
import type {Toggles} from '../state/types.ts';
import {volumesPane} from './volumes.ts';

export type PaneId = 'containers' | 'images' | 'volumes' | 'disk';

export const panes: readonly PaneSpec[] = [containersPane, imagesPane, volumesPane, diskPane];

export const paneIds: readonly PaneId[] = panes.map((pane) => pane.id);

const byId = new Map(panes.map((pane) => [pane.id, pane]));

export function paneSpec(id: PaneId): PaneSpec {
	const spec = byId.get(id);
	if (!spec) throw new Error(`no pane "${id}" in the registry`);
	return spec;
}

/** The pane a toggle belongs to. */
export const paneOfToggle = (name: keyof Toggles): PaneSpec | undefined =>
	panes.find((pane) => pane.toggle?.name === name);
