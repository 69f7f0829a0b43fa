/**
 * What a pane is, described once: the layout, the reducer, the sync, the App's body, the footer and the help
 * all read these fields. Pure data and functions (no React), so the key map and `tsdock help keys` can read
 * them without loading Ink.
 */
import type {DfRow} from '../../core/index.ts';
import type {ListModel} from '../format/rows.ts';
import type {EngineData, ResourceKind, SortKey, Toggles} from '../state/types.ts';
import type {PaneId} from './registry.ts';

/** A pane's own on/off switch (D: dangling images only, a: all containers, …). */
export type PaneToggle = {
	name: keyof Toggles;
	key: string;
	/** The command id the key map gives it. */
	command: 'toggle-dangling' | 'toggle-unused' | 'toggle-all';
	description: string;
	footer: string;
};

/** The rows a pane lists, from the engine data and the toggles. */
export type PaneData = {
	/** Undefined while the first listing (under the current toggles) is on its way. */
	model?: ListModel;
	error?: string;
	/** The Disk pane's `system df` rows. */
	df?: DfRow[];
};

export type PaneSpec = {
	id: PaneId;
	/** As the header's tabs and the help name it. */
	title: string;
	/** The digit key's description in the key map and help. */
	description: string;
	/** The title line of the list, under the current toggles ("Images: dangling"). */
	heading(toggles: Toggles): string;
	/** The sort columns `S` cycles through; the first is the default. */
	sorts: readonly SortKey[];
	toggle?: PaneToggle;
	/** Which listings the pane shows: the sync reads `df` only while a pane that needs it is on screen. */
	needs: readonly ResourceKind[];
	/**
	 * The parts of the engine data the rows depend on, in a list of fixed length: unrelated changes keep the
	 * rows (and the column widths) as they were.
	 */
	inputs(data: EngineData, toggles: Toggles): readonly unknown[];
	/** `now`: Unix seconds, for relative times ("Up 4 seconds", "2 hours ago"). */
	rows(data: EngineData, toggles: Toggles, now: number): PaneData;
	/**
	 * The rows hold relative times: they are worked out again on each tick of the clock (the `now` change), which
	 * comes only when one on screen changes its text (ListRow.changesAt).
	 */
	relativeTimes?: boolean;
	/** Warning lines under the title; `partial`: only the running containers are listed so far. */
	notes(toggles: Toggles, partial: boolean): string[];
	/** What an empty list says when no filter is set. */
	empty(toggles: Toggles): string;
	/** Fixed lines drawn above the title (the Disk pane's `system df` table): how many, and what they say. */
	above?: {height: number; lines(data: PaneData, width: number): {text: string; heading: boolean}[]};
	/** Rows fold under a parent row (Compose projects); none yet. */
	folds?: boolean;
	/** Cells change while nothing is listed again (live stats); none yet. */
	live?: boolean;
};
