/** Column fitting for tables: every column gets a width so that the row fits the terminal, never wraps. */
import {displayWidth} from './text.ts';

export type ColumnSpec = {
	header: string;
	/** Never narrower than this (unless the column is dropped). */
	min: number;
	/** Never wider than this. */
	max?: number;
	align?: 'left' | 'right';
	/** Lower numbers are dropped first when even the minimum widths do not fit. */
	priority?: number;
};

/** The widest cell (or header) per column, capped at each column's max. */
export function naturalWidths(columns: ColumnSpec[], rows: readonly (readonly string[])[]): number[] {
	const widths = columns.map((column) => displayWidth(column.header));
	for (const cells of rows) {
		for (let i = 0; i < columns.length; i++) {
			const cell = cells[i] ?? '';
			// A cell no longer than the current width cannot widen it: skip measuring it.
			if (cell.length <= widths[i]! && /^[\x20-\x7e]*$/.test(cell)) continue;
			const w = displayWidth(cell);
			if (w > widths[i]!) widths[i] = w;
		}
	}
	return widths.map((w, i) => Math.min(w, columns[i]!.max ?? Number.POSITIVE_INFINITY));
}

/**
 * Widths for `total` columns of room with `gap` spaces between columns. Columns shrink toward their
 * minimum in proportion to their surplus; if even the minimums do not fit, the lowest-priority columns
 * get width 0 (hidden).
 */
export function fitColumns(columns: ColumnSpec[], natural: number[], total: number, gap = 2): number[] {
	const widths = [...natural];
	const visible = columns.map(() => true);
	const used = () =>
		widths.reduce((sum, w, i) => sum + (visible[i] ? w : 0), 0) + gap * Math.max(0, visible.filter(Boolean).length - 1);
	// Drop low-priority columns while even their minimums do not fit.
	const minimumUsed = () =>
		columns.reduce((sum, c, i) => sum + (visible[i] ? Math.min(c.min, widths[i]!) : 0), 0) +
		gap * Math.max(0, visible.filter(Boolean).length - 1);
	const order = columns.map((c, i) => ({i, p: c.priority ?? 0})).sort((a, b) => a.p - b.p || b.i - a.i);
	for (const {i} of order) {
		if (minimumUsed() <= total || visible.filter(Boolean).length <= 1) break;
		visible[i] = false;
	}
	let excess = used() - total;
	if (excess > 0) {
		const surplus = widths.map((w, i) => (visible[i] ? Math.max(0, w - columns[i]!.min) : 0));
		const totalSurplus = surplus.reduce((a, b) => a + b, 0);
		if (totalSurplus > 0) {
			const cut = surplus.map((s) => Math.floor((s * Math.min(excess, totalSurplus)) / totalSurplus));
			for (let i = 0; i < widths.length; i++) widths[i]! -= cut[i]!;
			excess = used() - total;
			// Rounding leftovers: take one column at a time from the widest surplus.
			while (excess > 0) {
				let best = -1;
				for (let i = 0; i < widths.length; i++) {
					if (visible[i] && widths[i]! > columns[i]!.min && (best < 0 || widths[i]! > widths[best]!)) best = i;
				}
				if (best < 0) break;
				widths[best]!--;
				excess--;
			}
		}
		// Still too wide (a single column wider than the room): squeeze the last visible one.
		if (excess > 0) {
			const last = visible.lastIndexOf(true);
			widths[last] = Math.max(1, widths[last]! - excess);
		}
	}
	return widths.map((w, i) => (visible[i] ? w : 0));
}
