/**
 * State of the logs view, the image history view, the text prompt they share and the exec "start it?"
 * offer. Kept in the store (UiState) like the rest of the UI, so the key contexts are known outside React.
 */

/** A container the logs view or an exec shell is for. */
export type ContainerTarget = {id: string; name: string};

/** Which text the prompt line is collecting in the logs view. */
export type PromptKind = 'search' | 'since';
export type PromptState = {kind: PromptKind; text: string};

export type HistoryState = {
	/** Image ID and how the list shows it (tag or short ID). */
	id: string;
	label: string;
	/** Selected row and first visible row. */
	index: number;
	top: number;
	/** The selected row's CREATED BY shown whole. */
	whole: boolean;
	wholeTop: number;
};

export type ViewUiState = {
	logs?: ContainerTarget;
	history?: HistoryState;
	prompt?: PromptState;
	/** `e` on a stopped container: offer to start it. */
	execOffer?: ContainerTarget & {state: string};
};

/** The key context of these views, or undefined when none of them has the keyboard. */
export function viewContext(ui: ViewUiState): 'prompt' | 'logs' | 'history' | 'exec-offer' | undefined {
	if (ui.execOffer) return 'exec-offer';
	if (ui.logs) return ui.prompt ? 'prompt' : 'logs';
	if (ui.history) return 'history';
	return undefined;
}
