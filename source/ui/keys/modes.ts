/**
 * The table of modes: for each mode, what each command does there. The mode is picked once per key
 * (state/mode.ts) and its entry runs; no handler asks whether a key is its own. Movement goes through one
 * mapping (movement.ts) and every text box through one text-field helper (text-field.ts).
 */
import type {Dialogs} from '../controllers/dialogs.ts';
import type {SelectedRow, Views} from '../controllers/views.ts';
import type {Switcher} from '../controllers/switcher.ts';
import type {PaneView} from '../hooks/use-pane-view.ts';
import type {Layout} from '../layout.ts';
import type {Change} from '../state/changes.ts';
import {moveIndex, resolveIndex, windowTop, type Move} from '../state/cursor.ts';
import type {AppState} from '../state/types.ts';
import type {Store} from '../store.ts';
import {keymap, type CommandId, type Mode} from './keymap.ts';
import {moveOf} from './movement.ts';
import {erased, typed} from './text-field.ts';

/** What the screen shows right now, as the last render laid it out (sizes the moves need). */
export type Screen = {
	view: PaneView;
	layout: Layout;
	/** Lines of the open details view, of the help overlay. */
	detailLines: number;
	helpLines: number;
	/** Layers of the open image history, and lines of the selected layer shown whole. */
	historyCount: number;
	historyWholeLines: number;
};

/** What the modes act through: the store (dispatch only), the controllers, and the last screen. */
export type KeyDeps = {
	store: Store;
	dialogs?: Dialogs;
	views?: Views;
	switcher: Switcher;
	exit(): void;
	/** Ctrl-Z: give the terminal back to the shell as a stopped job (run.tsx's suspender; absent: refused). */
	suspend?(): void;
	screen(): Screen;
};

type Handler = (deps: KeyDeps) => void;

/** A text box: where its text is, and the change that sets it. */
export type TextField = {get(state: AppState): string | undefined; set(text: string, state: AppState): Change};

export type ModeEntry = {
	commands: Partial<Record<CommandId, Handler>>;
	move?: (move: Move, deps: KeyDeps) => void;
	field?: TextField;
	/** A key the mode does not list (a dialog: cancels). */
	other?: Handler;
};

const quit: Handler = (deps) => deps.exit();
const suspend: Handler = (deps) => {
	if (deps.suspend) return deps.suspend();
	deps.store.dispatch({type: 'status', status: {text: 'Ctrl-Z: cannot suspend here', tone: 'error'}});
};
const help: Handler = (deps) => deps.store.dispatch({type: 'help-open'});
/**
 * Where the list's cursor is: the rows as the last render laid them out, the position as the store has it now
 * (several keys can arrive before the next render, and each moves on from where the last one left it).
 */
function cursorOf(deps: KeyDeps): {rows: PaneView['rows']; index: number; top: number} | undefined {
	const {view} = deps.screen();
	const state = deps.store.get();
	if (view.pane !== state.ui.pane) return undefined;
	const pane = state.ui.panes[state.ui.pane];
	const index = resolveIndex(
		view.rows.map((row) => row.id),
		pane.selectedId,
		pane.index,
	);
	return {rows: view.rows, index, top: pane.top};
}

const selected = (deps: KeyDeps): SelectedRow => {
	const cursor = cursorOf(deps);
	return cursor?.rows[cursor.index];
};
const panes: Partial<Record<CommandId, Handler>> = {
	'pane-containers': (deps) => deps.store.dispatch({type: 'pane', pane: 'containers'}),
	'pane-images': (deps) => deps.store.dispatch({type: 'pane', pane: 'images'}),
	'pane-volumes': (deps) => deps.store.dispatch({type: 'pane', pane: 'volumes'}),
	'pane-disk': (deps) => deps.store.dispatch({type: 'pane', pane: 'disk'}),
	'pane-next': (deps) => deps.store.dispatch({type: 'pane-step', step: 1}),
	'pane-prev': (deps) => deps.store.dispatch({type: 'pane-step', step: -1}),
};

/** The write keys of the list (kind "write" in the key map): each opens its dialog, or is refused. */
const writes: Partial<Record<CommandId, Handler>> = Object.fromEntries(
	keymap
		.filter((binding) => binding.kind === 'write' && binding.modes.includes('list'))
		.map((binding) => [binding.command, (deps: KeyDeps) => deps.dialogs?.start(binding.command, selected(deps)?.id)]),
);

/** The list: the cursor moves over the pane's rows as shown (filtered, sorted). */
function moveInList(move: Move, deps: KeyDeps): void {
	const cursor = cursorOf(deps);
	if (!cursor || cursor.rows.length === 0) return;
	const {rowsHeight} = deps.screen().layout;
	const index = moveIndex(cursor.index, move, cursor.rows.length, rowsHeight);
	const top = windowTop(cursor.top, index, cursor.rows.length, rowsHeight);
	deps.store.dispatch({type: 'select', id: cursor.rows[index]!.id, index, top});
}

/** A key of the open dialog, handed to its controller with the rows the dialog may use. */
const toDialog =
	(command: CommandId): Handler =>
	(deps) =>
		deps.dialogs?.key(command, deps.screen().layout.bodyHeight);

export const modes: Record<Mode, ModeEntry> = {
	list: {
		move: moveInList,
		commands: {
			...panes,
			'filter-start': (deps) => deps.store.dispatch({type: 'filter-start'}),
			'filter-clear': (deps) => deps.store.dispatch({type: 'filter-clear'}),
			'open-details': (deps) => {
				const row = selected(deps);
				if (!row) return;
				if (!row.details) {
					deps.store.dispatch({
						type: 'status',
						status: {text: 'build cache records have no details view', tone: 'info'},
					});
					return;
				}
				deps.store.dispatch({type: 'details-open', target: row.details});
			},
			'toggle-dangling': (deps) => deps.store.dispatch({type: 'toggle', name: 'danglingImages'}),
			'toggle-unused': (deps) => deps.store.dispatch({type: 'toggle', name: 'unusedVolumes'}),
			'toggle-all': (deps) => deps.store.dispatch({type: 'toggle', name: 'allContainers'}),
			'cycle-sort': (deps) => deps.store.dispatch({type: 'cycle-sort'}),
			mark: (deps) => {
				const row = selected(deps);
				if (row) deps.store.dispatch({type: 'mark', pane: deps.store.get().ui.pane, id: row.id});
			},
			...writes,
			'open-logs': (deps) => deps.views?.openLogs(selected(deps)),
			'open-history': (deps) => deps.views?.openHistory(selected(deps)),
			'exec-shell': (deps) => deps.views?.execShell(selected(deps)),
			'switcher-open': (deps) => deps.switcher.open(),
			help,
			quit,
			suspend,
		},
	},
	filter: {
		field: {
			get: (state) => state.ui.panes[state.ui.pane].filter,
			set: (text) => ({type: 'filter-set', text}),
		},
		commands: {
			'filter-keep': (deps) => deps.store.dispatch({type: 'filter-keep'}),
			'filter-clear': (deps) => deps.store.dispatch({type: 'filter-clear'}),
			quit,
			suspend,
		},
	},
	details: {
		move: (move, deps) => {
			const {detailLines, layout} = deps.screen();
			deps.store.dispatch({type: 'details-scroll', move, lines: detailLines, height: layout.bodyHeight - 1});
		},
		commands: {...panes, back: (deps) => deps.store.dispatch({type: 'details-close'}), help, quit, suspend},
	},
	help: {
		move: (move, deps) => {
			const {helpLines, layout} = deps.screen();
			deps.store.dispatch({type: 'help-scroll', move, lines: helpLines, height: layout.bodyHeight});
		},
		commands: {'help-close': (deps) => deps.store.dispatch({type: 'help-close'}), quit, suspend},
	},
	dialog: {
		// A move's name is its command's (keys/movement.ts); the dialog binds up, down, page-up and page-down.
		move: (move, deps) => toDialog(move)(deps),
		commands: {
			'dialog-confirm': toDialog('dialog-confirm'),
			'dialog-all': toDialog('dialog-all'),
			'dialog-volumes': toDialog('dialog-volumes'),
			'dialog-force': toDialog('dialog-force'),
			'dialog-cancel': toDialog('dialog-cancel'),
			quit,
			suspend,
		},
		other: toDialog('dialog-cancel'),
	},
	'dialog-input': {
		field: {
			get: (state) => (state.ui.dialog?.kind === 'tag' ? state.ui.dialog.text : undefined),
			set: (text) => ({type: 'dialog-text', text}),
		},
		commands: {
			'dialog-submit': toDialog('dialog-submit'),
			'dialog-cancel': toDialog('dialog-cancel'),
			quit,
			suspend,
		},
	},
	logs: {
		move: (move, deps) => deps.views?.logMove(move),
		commands: {
			'logs-follow': (deps) => deps.views?.logCommand('follow'),
			'logs-timestamps': (deps) => deps.views?.logCommand('timestamps'),
			'logs-wrap': (deps) => deps.views?.logCommand('wrap'),
			'logs-search': (deps) => deps.views?.logCommand('search'),
			'logs-since': (deps) => deps.views?.logCommand('since'),
			'logs-next': (deps) => deps.views?.logCommand('next'),
			'logs-previous': (deps) => deps.views?.logCommand('previous'),
			'logs-back': (deps) => deps.views?.closeLogs(),
			help,
			quit,
			suspend,
		},
	},
	prompt: {
		field: {
			get: (state) => state.ui.prompt?.text,
			set: (text, state) => ({type: 'prompt', prompt: state.ui.prompt && {...state.ui.prompt, text}}),
		},
		commands: {
			'prompt-apply': (deps) => deps.views?.applyPrompt(),
			'prompt-cancel': (deps) => deps.store.dispatch({type: 'prompt', prompt: undefined}),
			quit,
			suspend,
		},
	},
	history: {
		move: (move, deps) => {
			const {historyCount, historyWholeLines, layout} = deps.screen();
			const whole = deps.store.get().ui.history?.whole;
			if (whole) {
				deps.store.dispatch({
					type: 'history-scroll-whole',
					move,
					lines: historyWholeLines,
					height: layout.bodyHeight - 1,
				});
			} else {
				deps.store.dispatch({
					type: 'history-move',
					move,
					count: historyCount,
					height: Math.max(1, layout.bodyHeight - 2),
				});
			}
		},
		commands: {
			'history-whole': (deps) => {
				if (deps.screen().historyCount > 0) deps.store.dispatch({type: 'history-whole'});
			},
			'history-back': (deps) => deps.store.dispatch({type: 'history-back'}),
			help,
			quit,
			suspend,
		},
	},
	'exec-offer': {
		commands: {
			'offer-start': (deps) => deps.views?.offerAnswer(true),
			'offer-cancel': (deps) => deps.views?.offerAnswer(false),
			quit,
			suspend,
		},
	},
	switcher: {
		move: (move, deps) =>
			deps.store.dispatch({type: 'switcher-move', move, height: Math.max(1, deps.screen().layout.bodyHeight - 3)}),
		commands: {
			'switcher-go': (deps) => deps.switcher.go(),
			'switcher-name': (deps) => deps.switcher.startNaming(),
			'switcher-forget': (deps) => deps.switcher.forget(),
			'switcher-close': (deps) => deps.switcher.close(),
			quit,
			suspend,
		},
	},
	'switcher-input': {
		field: {
			get: (state) => state.ui.switcher?.naming,
			set: (text) => ({type: 'switcher-naming', naming: text}),
		},
		commands: {
			'switcher-name-save': (deps) => deps.switcher.saveName(),
			'switcher-name-cancel': (deps) => deps.store.dispatch({type: 'switcher-naming', naming: undefined}),
			quit,
			suspend,
		},
	},
};

/** Run a command in a mode: its move, or its entry in the table. The status line is cleared by any key. */
export function runCommand(mode: Mode, command: CommandId, deps: KeyDeps): void {
	if (deps.store.get().status) deps.store.dispatch({type: 'status', status: undefined});
	const entry = modes[mode];
	const move = moveOf(command);
	if (move && entry.move) return entry.move(move, deps);
	if (command === 'backspace' && entry.field) return erase(entry.field, deps);
	entry.commands[command]?.(deps);
}

/** A key the mode does not list. */
export function runOther(mode: Mode, deps: KeyDeps): void {
	modes[mode].other?.(deps);
}

function erase(field: TextField, deps: KeyDeps): void {
	const state = deps.store.get();
	const text = field.get(state);
	if (text !== undefined) deps.store.dispatch(field.set(erased(text), state));
}

/** Text typed into the mode's text box. */
export function typeText(mode: Mode, text: string, deps: KeyDeps): void {
	const field = modes[mode].field;
	if (!field || text === '') return;
	const state = deps.store.get();
	const current = field.get(state);
	if (current !== undefined) deps.store.dispatch(field.set(typed(current, text), state));
}
