/**
 * Keys of the logs view, the history view, the logs prompt and the exec "start it?" offer, plus the list
 * keys that open them (l, h, e). The App's key handler asks here first; false means "not mine".
 */
import {useCallback, useRef} from 'react';
import {errorLine, sanitizeField} from '../../core/index.ts';
import type {ActionId} from '../keymap.ts';
import {useLogSession, type LogSession} from '../hooks/use-logs.ts';
import {useStore} from '../hooks/use-store.ts';
import {moveIndex, scrollTop, windowTop, type Move} from '../state/cursor.ts';
import type {AppState, StatusMessage} from '../state/types.ts';
import {viewContext, type ContainerTarget, type ViewUiState} from '../state/view-types.ts';
import type {Store} from '../store.ts';
import {useHistory, wholeLines, type HistoryData} from './history-view.tsx';
import type {ViewServices} from './view-services.ts';

const moves: Partial<Record<ActionId, Move>> = {
	up: 'up',
	down: 'down',
	'page-up': 'page-up',
	'page-down': 'page-down',
	top: 'top',
	bottom: 'bottom',
};

/** The row the list's cursor is on: its ID and what a details view would open. */
export type SelectedRow = {id: string; details?: {kind: string; id: string; label: string}} | undefined;

type Options = {
	store: Store;
	services?: ViewServices;
	readOnly: boolean;
	/** Leave Ink (for the shell hand-off). */
	exit: () => void;
	selected: () => SelectedRow;
	/** The body's size inside the border. */
	width: number;
	height: number;
};

const setView = (store: Store, change: Partial<ViewUiState>) =>
	store.update((state) => ({...state, ui: {...state.ui, ...change}}));
const say = (store: Store, status: StatusMessage | undefined) => store.update((state) => ({...state, status}));

export function useViewActions(options: Options) {
	const {store, services, width, height} = options;
	// The handlers below stay the same functions across renders (the App memoises its key handler): they read
	// the latest options through this ref.
	const current = useRef(options);
	current.current = options;
	const ui = useStore(store, (s) => s.ui);
	const images = useStore(store, (s) => s.data.images);
	const makeSession = useCallback((target: ContainerTarget) => services!.logSession(target), [services]);
	const session = useLogSession(services ? ui.logs : undefined, makeSession);
	const history = useHistory(services, ui.history?.id, images);

	const latest = useRef<{session?: LogSession; history: HistoryData; width: number; height: number}>({
		history,
		width,
		height,
	});
	latest.current = {session, history, width, height};

	const openShell = useCallback(
		async (target: ContainerTarget) => {
			say(store, {text: `opening a shell in ${sanitizeField(target.name)}…`, tone: 'info'});
			try {
				await current.current.services!.prepareShell(target);
				current.current.exit();
			} catch (error) {
				say(store, {text: `shell in ${sanitizeField(target.name)}: ${errorLine(error)}`, tone: 'error'});
			}
		},
		[store],
	);

	const fromList = useCallback(
		(action: ActionId, state: AppState): boolean => {
			if (action !== 'open-logs' && action !== 'open-history' && action !== 'exec-shell') return false;
			const {services, readOnly, selected} = current.current;
			const row = selected();
			if (!row?.details || !services) return true;
			const target = {id: row.details.id, name: row.details.label};
			if (action === 'open-logs' && row.details.kind === 'container') setView(store, {logs: target, prompt: undefined});
			if (action === 'open-history' && row.details.kind === 'image') {
				setView(store, {history: {id: target.id, label: target.name, index: 0, top: 0, whole: false, wholeTop: 0}});
			}
			if (action === 'exec-shell' && row.details.kind === 'container') {
				if (readOnly) {
					say(store, {
						text: 'read-only mode: e (shell in a container) is refused, exec can change the container',
						tone: 'error',
					});
					return true;
				}
				const container = state.data.containers?.list.find((c) => c.Id === target.id);
				const status = container?.State ?? 'unknown';
				if (status === 'running') {
					void openShell(target);
				} else if (status === 'paused') {
					say(store, {text: `${sanitizeField(target.name)} is paused: unpause it to open a shell`, tone: 'error'});
				} else {
					setView(store, {execOffer: {...target, state: status}});
					say(store, {
						text: `${sanitizeField(target.name)} is not running (${status}): start it and open a shell? y yes, n no`,
						tone: 'info',
					});
				}
			}
			return true;
		},
		[store, openShell],
	);

	const run = useCallback(
		(action: ActionId): boolean => {
			const state = store.get();
			const context = state.ui.help ? 'help' : viewContext(state.ui);
			if (context === undefined) return state.ui.filtering || state.ui.details ? false : fromList(action, state);
			if (context === 'help') return false;
			if (action === 'quit' || action === 'help') return false;
			const {session, history, width, height} = latest.current;
			switch (context) {
				case 'exec-offer': {
					const offer = state.ui.execOffer!;
					setView(store, {execOffer: undefined});
					if (action === 'offer-start') {
						say(store, {text: `starting ${sanitizeField(offer.name)}…`, tone: 'info'});
						current.current.services!.startContainer(offer.id).then(
							() => openShell(offer),
							(error: unknown) =>
								say(store, {text: `could not start ${sanitizeField(offer.name)}: ${errorLine(error)}`, tone: 'error'}),
						);
					} else {
						say(store, {text: `${sanitizeField(offer.name)} left as it was (${offer.state})`, tone: 'info'});
					}
					return true;
				}
				case 'prompt': {
					const prompt = state.ui.prompt!;
					if (action === 'prompt-backspace')
						setView(store, {prompt: {...prompt, text: [...prompt.text].slice(0, -1).join('')}});
					if (action === 'prompt-cancel') setView(store, {prompt: undefined});
					if (action === 'prompt-apply') {
						setView(store, {prompt: undefined});
						if (prompt.kind === 'search') session?.search(prompt.text);
						else {
							const problem = session?.setSince(prompt.text);
							if (problem) say(store, {text: problem, tone: 'error'});
						}
					}
					return true;
				}
				case 'logs': {
					const move = moves[action];
					if (move) session?.move(move);
					switch (action) {
						case 'logs-follow':
							session?.toggleFollow();
							break;
						case 'logs-timestamps':
							session?.toggleTimestamps();
							break;
						case 'logs-wrap':
							session?.toggleWrap();
							break;
						case 'logs-search':
							setView(store, {prompt: {kind: 'search', text: ''}});
							break;
						case 'logs-since':
							setView(store, {prompt: {kind: 'since', text: session?.since?.text ?? ''}});
							break;
						case 'logs-next':
							session?.next(false);
							break;
						case 'logs-previous':
							session?.next(true);
							break;
						case 'logs-back':
							setView(store, {logs: undefined, prompt: undefined});
							break;
					}
					return true;
				}
				case 'history': {
					const view = state.ui.history!;
					const count = history.entries?.length ?? 0;
					const move = moves[action];
					const rowsHeight = Math.max(1, height - 2);
					if (move && view.whole) {
						const entry = history.entries?.[view.index];
						const lines = entry ? wholeLines(entry, width).length : 0;
						setView(store, {history: {...view, wholeTop: scrollTop(view.wholeTop, move, lines, height - 1)}});
					} else if (move && count > 0) {
						const index = moveIndex(view.index, move, count, rowsHeight);
						setView(store, {history: {...view, index, top: windowTop(view.top, index, count, rowsHeight)}});
					}
					if (action === 'history-whole' && count > 0)
						setView(store, {history: {...view, whole: !view.whole, wholeTop: 0}});
					if (action === 'history-back') setView(store, {history: view.whole ? {...view, whole: false} : undefined});
					return true;
				}
			}
			return false;
		},
		[store, fromList, openShell],
	);

	/** Printable text while the prompt is open. */
	const type = useCallback(
		(text: string): boolean => {
			const prompt = store.get().ui.prompt;
			if (!prompt || !store.get().ui.logs) return false;
			setView(store, {prompt: {...prompt, text: prompt.text + text}});
			return true;
		},
		[store],
	);

	return {run, type, session, history};
}
