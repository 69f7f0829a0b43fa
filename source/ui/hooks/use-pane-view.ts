import {useMemo} from 'react';
import {filterRows, sortRows, type ListRow} from '../format/rows.ts';
import type {PaneData} from '../panes/pane-spec.ts';
import {paneSpec, type PaneId} from '../panes/registry.ts';
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

/** The most inputs a pane's rows may name (PaneSpec.inputs). */
const INPUTS = 5;

/** A pane's rows as shown: built from the store by the pane's spec, filtered, sorted, with the cursor resolved. */
export function usePaneView(store: Store, pane: PaneId, height: number): PaneView {
	const spec = paneSpec(pane);
	const data = useStore(store, (s) => s.data);
	const toggles = useStore(store, (s) => s.ui.toggles);
	const state = useStore(store, (s) => s.ui.panes[pane]);
	// The clock's tick (the `now` change) makes rows with relative times be worked out again; other panes ignore it.
	const tick = useStore(store, (s) => (spec.relativeTimes ? s.now : 0));
	// React wants the same number of dependencies on every render, and the pane changes: pad to a fixed length.
	const inputs = [...spec.inputs(data, toggles), undefined, undefined, undefined, undefined, undefined].slice(
		0,
		INPUTS,
	);
	const rows = useMemo(
		// The time is read here, not taken from the tick: rows worked out for any other reason (a listing, a
		// toggle) are true for the moment they are drawn, and the clock then waits for their next change.
		() => spec.rows(data, toggles, Date.now() / 1000),
		// The spec names what its rows depend on (a list of fixed length): unrelated changes keep the rows and widths.
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the pane's inputs are its dependencies
		[pane, tick, ...inputs],
	);
	const sorted = useMemo(() => (rows.model ? sortRows(rows.model.rows, state.sort) : []), [rows.model, state.sort]);
	const shown = useMemo(() => filterRows(sorted, state.filter), [sorted, state.filter]);
	const ids = useMemo(() => shown.map((row) => row.id), [shown]);
	const index = resolveIndex(ids, state.selectedId, state.index);
	const top = windowTop(state.top, index, shown.length, height);
	return {...rows, pane, state, rows: shown, index, top, total: sorted.length};
}
