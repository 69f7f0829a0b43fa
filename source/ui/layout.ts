/** How the screen's rows are shared out. Pure, so the App and its key handling agree. */
import type {PaneId} from './keymap.ts';
import {containersNotes} from './panes/containers-pane.tsx';
import {DF_LINES} from './panes/disk-pane.tsx';
import {imagesNotes} from './panes/images-pane.tsx';
import {volumesNotes} from './panes/volumes-pane.tsx';
import type {Toggles} from './state/types.ts';

/** Header (2), pane border (2), status (1), footer (1). */
export const CHROME_LINES = 6;

export const paneNotes = (pane: PaneId, toggles: Toggles): string[] =>
	pane === 'containers'
		? containersNotes(toggles)
		: pane === 'images'
			? imagesNotes(toggles)
			: pane === 'volumes'
				? volumesNotes(toggles)
				: [];

export type Layout = {innerWidth: number; bodyHeight: number; rowsHeight: number};

export function layoutFor(width: number, height: number, pane: PaneId, toggles: Toggles): Layout {
	const innerWidth = Math.max(1, width - 2);
	const bodyHeight = Math.max(1, height - CHROME_LINES);
	// Title line, notes, (df table), table header.
	const above = 1 + paneNotes(pane, toggles).length + (pane === 'disk' ? DF_LINES : 0) + 1;
	return {innerWidth, bodyHeight, rowsHeight: Math.max(1, bodyHeight - above)};
}
