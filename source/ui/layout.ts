/** How the screen's rows are shared out. Pure, so the App and its key handling agree. */
import {paneSpec, type PaneId} from './panes/registry.ts';
import type {Toggles} from './state/types.ts';

/** Header (2), pane border (2), status (1), footer (1). */
export const CHROME_LINES = 6;

export type Layout = {innerWidth: number; bodyHeight: number; rowsHeight: number};

/**
 * `partial`: only the running containers are listed so far; the pane's notes (from the registry, the same
 * ones the pane draws) say so, and take a line.
 */
export function layoutFor(width: number, height: number, pane: PaneId, toggles: Toggles, partial = false): Layout {
	const innerWidth = Math.max(1, width - 2);
	const bodyHeight = Math.max(1, height - CHROME_LINES);
	const spec = paneSpec(pane);
	// Lines above the table (the df summary), the title line, notes, the table header.
	const above = (spec.above?.height ?? 0) + 1 + spec.notes(toggles, partial).length + 1;
	return {innerWidth, bodyHeight, rowsHeight: Math.max(1, bodyHeight - above)};
}
