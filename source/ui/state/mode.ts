/** Who has the keyboard, worked out once per key from the UI state. Pure. */
import type {Mode} from '../keys/keymap.ts';
import type {UiState} from './types.ts';

export function modeOf(ui: UiState): Mode {
	if (ui.switcher) return ui.switcher.naming === undefined ? 'switcher' : 'switcher-input';
	if (ui.dialog) return ui.dialog.kind === 'tag' ? 'dialog-input' : 'dialog';
	if (ui.help) return 'help';
	if (ui.execOffer) return 'exec-offer';
	if (ui.logs) return ui.prompt ? 'prompt' : 'logs';
	if (ui.history) return 'history';
	if (ui.filtering) return 'filter';
	if (ui.details) return 'details';
	return 'list';
}

/** The view the help overlay was opened from (its section comes first). */
export function helpOrigin(ui: UiState): Mode {
	return modeOf({...ui, help: undefined, dialog: undefined, switcher: undefined});
}
