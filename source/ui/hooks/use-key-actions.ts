import {useInput} from 'ink';
import {keyName, resolveKey, type ActionId, type KeyContext} from '../keymap.ts';
import {dialogContext} from '../state/dialog.ts';
import {viewContext} from '../state/view-types.ts';
import {switcherContext} from '../state/switcher.ts';
import type {Store} from '../store.ts';

export const contextOf = (ui: ReturnType<Store['get']>['ui']): KeyContext =>
	ui.switcher
		? switcherContext(ui.switcher)
		: ui.dialog
			? dialogContext(ui.dialog)
			: ui.help
				? 'help'
				: (viewContext(ui) ?? (ui.filtering ? 'filter' : ui.details ? 'details' : 'list'));

/** Contexts where printable keys are text, not commands. */
const typing = new Set<KeyContext>(['filter', 'dialog-input', 'prompt', 'switcher-input']);
/**
 * Actions that may run from a chunk of several keys: they only move, mark, show or hide things in tsdock itself.
 * Anything that acts on the daemon, asks to, answers a dialog or quits never runs from a chunk.
 */
const harmless = new Set<ActionId>([
	'up',
	'down',
	'page-up',
	'page-down',
	'top',
	'bottom',
	'pane-containers',
	'pane-images',
	'pane-volumes',
	'pane-disk',
	'pane-next',
	'pane-prev',
	'mark',
	'open-details',
	'back',
	'help',
	'help-close',
	'toggle-dangling',
	'toggle-unused',
	'toggle-all',
	'cycle-sort',
	'open-logs',
	'open-history',
	'logs-follow',
	'logs-timestamps',
	'logs-wrap',
	'logs-next',
	'logs-previous',
	'logs-back',
	'history-whole',
	'history-back',
]);
/** Actions that only open a text box: "/" and the text after it, typed fast, arrive as one chunk ("/web"). */
const opensTextBox = new Set<ActionId>(['filter-start', 'logs-search', 'logs-since']);

// eslint-disable-next-line no-control-regex
const printable = (input: string) => input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

/**
 * Bind keys to actions through the key map, with priorities: a dialog (any key it does not list cancels it), the help overlay, then the filter box,
 * then a details view, then the list. Unbound printable keys type into the filter box while it is open.
 */
export function useKeyActions(store: Store, run: (action: ActionId) => void, onType: (text: string) => void): void {
	/** Text for an open text box: printable characters are typed; one Enter at the very end of the chunk still counts. */
	const typeInto = (context: KeyContext, input: string) => {
		const text = printable(input);
		if (text !== '') onType(text);
		// Text and Enter typed fast (or over a slow SSH link) arrive as one chunk: the Enter still counts, once.
		// Only at the end: pasted lines, or more Enters, must not turn into keys of the list behind the box.
		if (input.length > 1 && /^[^\r\n]+\r+$/.test(input)) {
			const enter = resolveKey('enter', context, store.get().ui.pane);
			if (enter) run(enter);
		}
	};
	useInput((input, key) => {
		const name = keyName(input, key);
		const ui = store.get().ui;
		const context = contextOf(ui);
		const action = name === '' ? undefined : resolveKey(name, context, ui.pane);
		if (action) {
			run(action);
			return;
		}
		// Keys typed fast, or held, over a slow link arrive as one chunk ("jjj", " j ", "/web"). They are read one by one
		// while each is harmless; "/" opens the filter and the rest of the chunk is its text. At the first key that would
		// act (or is unbound) the rest of the chunk is dropped: a paste ("dy") is never read as commands. In a dialog a
		// chunk ("yy") is never an answer: it cancels, below.
		if (
			!typing.has(context) &&
			context !== 'dialog' &&
			input.length > 1 &&
			!key.ctrl &&
			!key.meta &&
			printable(input) === input.replace(/\r/g, '')
		) {
			const chars = [...input];
			for (let i = 0; i < chars.length; i++) {
				const now = store.get().ui;
				const here = contextOf(now);
				if (typing.has(here)) {
					typeInto(here, chars.slice(i).join(''));
					return;
				}
				const char = chars[i]!;
				const each = resolveKey(char === ' ' ? 'space' : char === '\r' ? 'enter' : char, here, now.pane);
				if (each === undefined || !(harmless.has(each) || opensTextBox.has(each))) return;
				run(each);
			}
			return;
		}
		if (context === 'dialog') {
			run('dialog-cancel');
			return;
		}
		if (typing.has(context) && !key.ctrl && !key.meta) typeInto(context, input);
	});
}
