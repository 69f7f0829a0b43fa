import {useMemo} from 'react';
import type {PaneId} from '../keymap.ts';
import {paneData, type PaneData} from '../format/pane-data.ts';
import {filterRows, sortRows, type ListRow} from '../format/rows.ts';
import {resolveIndex, windowTop} from '../state/cursor.ts';
import type {PaneState} from '../state/types.ts';
import type {Store} from '../store.ts';
import {useStore} from './use-store.ts';

export type PaneView = PaneData & {
	pane: PaneId;
	state: PaneState;
	rows: ListRow[];
	index: number;
	top: number;
	total: number;
};

/** A pane's rows as shown: built from the store, filtered, sorted, with the cursor and scroll window resolved. */
export function usePaneView(store: Store, pane: PaneId, height: number): PaneView {
	const containers = useStore(store, (s) => s.data.containers);
	const images = useStore(store, (s) => s.data.images);
	const volumes = useStore(store, (s) => s.data.volumes);
	const df = useStore(store, (s) => s.data.df);
	const errors = useStore(store, (s) => s.data.errors);
	const toggles = useStore(store, (s) => s.ui.toggles);
	const state = useStore(store, (s) => s.ui.panes[pane]);
	const data = useMemo(
		() => paneData(pane, {containers, images, volumes, df, errors}, toggles),
		// Each pane depends on part of the data only; unrelated changes keep its rows (and widths) as they were.
		// The list always has six entries: React requires the same length on every render, and the pane changes.
		pane === 'containers'
			? [pane, containers, toggles.allContainers, errors.containers, undefined, undefined]
			: pane === 'images'
				? [pane, images, containers, df, toggles.danglingImages, errors.images]
				: pane === 'volumes'
					? [pane, volumes, containers, df, toggles.unusedVolumes, errors.volumes]
					: [pane, df, errors.df, undefined, undefined, undefined],
	);
	const sorted = useMemo(() => (data.model ? sortRows(data.model.rows, state.sort) : []), [data.model, state.sort]);
	const rows = useMemo(() => filterRows(sorted, state.filter), [sorted, state.filter]);
	const ids = useMemo(() => rows.map((row) => row.id), [rows]);
	const index = resolveIndex(ids, state.selectedId, state.index);
	const top = windowTop(state.top, index, rows.length, height);
	return {...data, pane, state, rows, index, top, total: sorted.length};
}
