import {useInput} from 'ink';
import {keyName, resolveKey, type ActionId, type KeyContext} from '../keymap.ts';
import {dialogContext} from '../state/dialog.ts';
import {viewContext} from '../state/view-types.ts';
import {switcherContext} from '../state/switcher.ts';
import type {Store} from '../store.ts';

export const contextOf = (ui: ReturnType<Store['get']>['ui']): KeyContext => (ui.switcher ? switcherContext(ui.switcher) : ui.dialog ? dialogContext(ui.dialog) : ui.help ? 'help' : viewContext(ui) ?? (ui.filtering ? 'filter' : ui.details ? 'details' : 'list'));

/** Contexts where printable keys are text, not commands. */
const typing = new Set<KeyContext>(['filter', 'dialog-input', 'prompt', 'switcher-input']);
/** Actions that may run several times from one chunk of input. */
const repeatable = new Set<ActionId>(['up', 'down', 'page-up', 'page-down', 'top', 'bottom']);

// eslint-disable-next-line no-control-regex
const printable = (input: string) => input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

/**
 * Bind keys to actions through the key map, with priorities: a dialog (any key it does not list cancels it), the help overlay, then the filter box,
 * then a details view, then the list. Unbound printable keys type into the filter box while it is open.
 */
export function useKeyActions(store: Store, run: (action: ActionId) => void, onType: (text: string) => void): void {
	useInput((input, key) => {
		const name = keyName(input, key);
		const ui = store.get().ui;
		const context = contextOf(ui);
		const action = name === '' ? undefined : resolveKey(name, context, ui.pane);
		if (action) {
			run(action);
			return;
		}
		// A held key over a slow link arrives as one chunk ("jjj"). Moving is safe to repeat, so a chunk made only of
		// movement keys moves once per key; any other chunk (a paste) is never read as keys.
		if (!typing.has(context) && input.length > 1 && !key.ctrl && !key.meta) {
			const actions = [...input].map((char) => resolveKey(char, context, ui.pane));
			if (actions.every((each) => each !== undefined && repeatable.has(each))) {
				for (const each of actions) run(each!);
				return;
			}
		}
		if (context === 'dialog') {
			run('dialog-cancel');
			return;
		}
		if ((context === 'filter' || context === 'dialog-input' || context === 'prompt' || context === 'switcher-input') && !key.ctrl && !key.meta) {
			const text = printable(input);
			if (text !== '') onType(text);
			// Text and Enter typed fast (or over a slow SSH link) arrive as one chunk: the Enter still counts, once.
			// Only at the end: pasted lines, or more Enters, must not turn into keys of the list behind the box.
			if (input.length > 1 && /^[^\r\n]+\r+$/.test(input)) {
				const enter = resolveKey('enter', context, ui.pane);
				if (enter) run(enter);
			}
		}
	});
}
