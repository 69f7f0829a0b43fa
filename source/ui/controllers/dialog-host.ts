/**
 * What every dialog shares: the store, the engine port, the one dialog (with a generation number so a late
 * answer never lands in a dialog that was closed or changed meanwhile), the busy flag and the status line.
 * It changes the state only by dispatching.
 */
import type {EnginePort} from '../engine-port.ts';
import type {PaneId} from '../panes/registry.ts';
import type {DialogState} from '../state/dialog.ts';
import type {StatusMessage} from '../state/types.ts';
import type {Store} from '../store.ts';

export type DialogHost = {
	store: Store;
	port: EnginePort;
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
	/** Run a mutating job with the busy flag set. */
	work<T>(what: string, job: () => Promise<T>): Promise<T>;
	/** The status a finished dialog leaves behind when it is closed. */
	remember(message: StatusMessage | undefined): void;
	remembered(): StatusMessage | undefined;
};

export function createDialogHost(store: Store, port: EnginePort): DialogHost {
	let gen = 0;
	let busy: string | undefined;
	let remembered: StatusMessage | undefined;
	const setDialog = (dialog: DialogState | undefined) => store.dispatch({type: 'dialog', dialog});
	return {
		store,
		port,
		busy: () => busy,
		open(dialog) {
			gen++;
			remembered = undefined;
			setDialog(dialog);
			return gen;
		},
		patch(at, change) {
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
		status(text, tone = 'info') {
			store.dispatch({type: 'status', status: {text, tone}});
		},
		async work(what, job) {
			busy = what;
			try {
				return await job();
			} finally {
				busy = undefined;
			}
		},
		remember(message) {
			remembered = message;
		},
		remembered: () => remembered,
	};
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

export const clearMarks = (store: Store, pane: PaneId): void => store.dispatch({type: 'marks-clear', pane});
