/** Cursor and scroll arithmetic for windowed lists. Pure. */

export type Move = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** The cursor index after a move in a list of `count` rows showing `page` rows at a time. */
export function moveIndex(index: number, move: Move, count: number, page: number): number {
	if (count <= 0) return 0;
	const step = Math.max(1, page - 1);
	const next =
		move === 'up'
			? index - 1
			: move === 'down'
				? index + 1
				: move === 'page-up'
					? index - step
					: move === 'page-down'
						? index + step
						: move === 'top'
							? 0
							: count - 1;
	return Math.max(0, Math.min(count - 1, next));
}

/** The first visible row: keep the previous one unless the cursor left the window or the list shrank. */
export function windowTop(previousTop: number, index: number, count: number, height: number): number {
	if (height <= 0 || count <= height) return 0;
	let top = Math.min(previousTop, count - height);
	if (index < top) top = index;
	if (index >= top + height) top = index - height + 1;
	return Math.max(0, top);
}

/** Where the cursor is in the current rows: by ID when it is still there, else the old index clamped. */
export function resolveIndex(ids: readonly string[], selectedId: string | undefined, fallback: number): number {
	if (ids.length === 0) return 0;
	if (selectedId !== undefined) {
		const found = ids.indexOf(selectedId);
		if (found >= 0) return found;
	}
	return Math.max(0, Math.min(ids.length - 1, fallback));
}

/** A scroll offset for a text view of `count` lines in `height` rows. */
export function scrollTop(top: number, move: Move, count: number, height: number): number {
	const max = Math.max(0, count - height);
	const step = Math.max(1, height - 1);
	const next =
		move === 'up'
			? top - 1
			: move === 'down'
				? top + 1
				: move === 'page-up'
					? top - step
					: move === 'page-down'
						? top + step
						: move === 'top'
							? 0
							: max;
	return Math.max(0, Math.min(max, next));
}
