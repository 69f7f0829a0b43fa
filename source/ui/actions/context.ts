/**
 * What every action shares: the store, the Engine operations, the one dialog (with a generation number so a
 * late answer never lands in a dialog that was closed or changed meanwhile), the busy flag and the status line.
 */
import type {PaneId} from '../keymap.ts';
import type {DialogState} from '../state/dialog.ts';
import type {StatusMessage} from '../state/types.ts';
import type {Store} from '../store.ts';
import type {ActionOps} from './ops.ts';

export type ActionContext = {
	store: Store;
	ops: ActionOps;
	/** What is running now ("image prune"), or undefined. */
	busy(): string | undefined;
	/** Open a dialog; returns its generation. */
	open(dialog: DialogState): number;
	/** Change the dialog if it is still the one of generation `gen`; false when it is gone. */
	patch(gen: number, change: (dialog: DialogState) => DialogState): boolean;
	/** The current dialog's generation. */
	generation(): number;
	close(): void;
	status(text: string, tone?: StatusMessage['tone']): void;
	/** Run a mutating job with the busy flag set; the status line gets `summary` of what it returns. */
	work<T>(what: string, job: () => Promise<T>): Promise<T>;
	/** The status a finished dialog leaves behind when it is closed. */
	remember(message: StatusMessage | undefined): void;
};

export function createContext(store: Store, ops: ActionOps): ActionContext & {remembered(): StatusMessage | undefined} {
	let gen = 0;
	let busy: string | undefined;
	let remembered: StatusMessage | undefined;
	const setDialog = (dialog: DialogState | undefined) =>
		store.update((state) => (state.ui.dialog === dialog ? state : {...state, ui: {...state.ui, dialog}}));
	const context = {
		store,
		ops,
		busy: () => busy,
		open(dialog: DialogState) {
			gen++;
			remembered = undefined;
			setDialog(dialog);
			return gen;
		},
		patch(at: number, change: (dialog: DialogState) => DialogState) {
			const dialog = store.get().ui.dialog;
			if (at !== gen || !dialog) return false;
			setDialog(change(dialog));
			return true;
		},
		generation: () => gen,
		close() {
			gen++;
			setDialog(undefined);
		},
		status(text: string, tone: StatusMessage['tone'] = 'info') {
			store.update((state) => ({...state, status: {text, tone}}));
		},
		async work<T>(what: string, job: () => Promise<T>): Promise<T> {
			busy = what;
			try {
				return await job();
			} finally {
				busy = undefined;
			}
		},
		remember(message: StatusMessage | undefined) {
			remembered = message;
		},
		remembered: () => remembered,
	};
	return context;
}

/** The IDs the action keys act on in a pane: the marked rows that still exist, else the selected row. */
export function targetIds(
	store: Store,
	pane: PaneId,
	existing: readonly string[],
	selectedId: string | undefined,
): string[] {
	const have = new Set(existing);
	const marked = (store.get().ui.panes[pane].marked ?? []).filter((id) => have.has(id));
	if (marked.length > 0) return marked;
	return selectedId !== undefined && have.has(selectedId) ? [selectedId] : [];
}

export function toggleMark(store: Store, pane: PaneId, id: string): void {
	store.update((state) => {
		const current = state.ui.panes[pane];
		const marked = current.marked ?? [];
		const next = marked.includes(id) ? marked.filter((other) => other !== id) : [...marked, id];
		return {
			...state,
			ui: {...state.ui, panes: {...state.ui.panes, [pane]: {...current, marked: next.length > 0 ? next : undefined}}},
		};
	});
}

export function clearMarks(store: Store, pane: PaneId): void {
	store.update((state) => {
		const current = state.ui.panes[pane];
		if (!current.marked) return state;
		return {...state, ui: {...state.ui, panes: {...state.ui.panes, [pane]: {...current, marked: undefined}}}};
	});
}
