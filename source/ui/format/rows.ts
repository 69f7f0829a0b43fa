/** What a list pane shows: display cells plus what filtering, sorting and details need. */
import type {DetailsTarget, SortKey} from '../state/types.ts';
import type {ToneName} from '../theme.ts';
import type {ColumnSpec} from './columns.ts';

export type ListRow = {
	id: string;
	cells: string[];
	/** Lower-cased text the filter searches: names, image, tags, IDs. */
	search: string;
	/** Sort values. */
	name: string;
	created: number;
	/** Position in the Engine's own listing, which is newest first to the nanosecond: breaks ties of `created` (seconds). */
	order?: number;
	/** -1 when unknown (sorted last). */
	size: number;
	/** Container state rank for "running first" (0 running, 1 paused/restarting, 2 other). */
	rank?: number;
	/** A colour per cell (undefined: default). */
	tones?: Array<ToneName | undefined>;
	details?: DetailsTarget;
	/** When (Unix seconds) a relative time in the row ("Up 4 seconds", "2 hours ago") next changes its text. */
	changesAt?: number;
};

export type ListModel = {columns: ColumnSpec[]; rows: ListRow[]};

/** Case-insensitive substring match; regex metacharacters are plain text. */
export function filterRows(rows: ListRow[], filter: string): ListRow[] {
	const needle = filter.trim().toLowerCase();
	if (needle === '') return rows;
	return rows.filter((row) => row.search.includes(needle));
}

const byName = (a: ListRow, b: ListRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1);
/** Newest first; within one second, the Engine's order (as `docker ps` shows it), then by name. */
const byCreated = (a: ListRow, b: ListRow) => b.created - a.created || (a.order ?? 0) - (b.order ?? 0) || byName(a, b);

export function sortRows(rows: ListRow[], key: SortKey): ListRow[] {
	const sorted = [...rows];
	switch (key) {
		case 'status':
			return sorted.sort((a, b) => (a.rank ?? 2) - (b.rank ?? 2) || byCreated(a, b));
		case 'name':
			return sorted.sort(byName);
		case 'created':
			return sorted.sort(byCreated);
		case 'size':
			return sorted.sort((a, b) => b.size - a.size || byName(a, b));
	}
}

/** The earliest of some times a text changes at (undefined: none changes). */
export function earliest(...times: Array<number | undefined>): number | undefined {
	let first: number | undefined;
	for (const time of times) if (time !== undefined && (first === undefined || time < first)) first = time;
	return first;
}

export const searchText = (...parts: Array<string | undefined | null>): string =>
	parts.filter(Boolean).join('\n').toLowerCase();
