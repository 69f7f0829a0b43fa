/**
 * Ink's key events into commands: the key's name, the mode (picked once), the binding, then the mode table
 * runs it. Keys typed fast or held arrive as one chunk ("jjj", "/web"): see the rule below.
 */
import {useInput} from 'ink';
import {modeOf} from '../state/mode.ts';
import {bindingFor, keyName, textModes, type Mode} from './keymap.ts';
import {runCommand, runOther, typeText, type KeyDeps} from './modes.ts';
import {printable} from './text-field.ts';

export function useKeys(deps: KeyDeps): void {
	/** Text for an open text box: printable characters are typed; one Enter at the very end of the chunk still counts. */
	const typeInto = (mode: Mode, input: string) => {
		typeText(mode, printable(input), deps);
		// Text and Enter typed fast (or over a slow SSH link) arrive as one chunk: the Enter still counts, once.
		// Only at the end: pasted lines, or more Enters, must not turn into keys of the list behind the box.
		if (input.length > 1 && /^[^\r\n]+\r+$/.test(input)) {
			const enter = bindingFor('enter', mode, deps.store.get().ui.pane);
			if (enter) runCommand(mode, enter.command, deps);
		}
	};
	useInput((input, key) => {
		const name = keyName(input, key);
		const ui = deps.store.get().ui;
		const mode = modeOf(ui);
		const binding = name === '' ? undefined : bindingFor(name, mode, ui.pane);
		if (binding) {
			runCommand(mode, binding.command, deps);
			return;
		}
		// A chunk of keys is read one by one while each only moves or shows (kind "show"); "/" (kind "text")
		// opens its box and the rest of the chunk is its text. At the first key that would act (or is unbound)
		// the rest is dropped: a paste ("dy") is never read as commands. In a dialog a chunk ("yy") is never an
		// answer: it cancels, below.
		if (
			!textModes.has(mode) &&
			mode !== 'dialog' &&
			input.length > 1 &&
			!key.ctrl &&
			!key.meta &&
			printable(input) === input.replace(/\r/g, '')
		) {
			const chars = [...input];
			for (let i = 0; i < chars.length; i++) {
				const now = deps.store.get().ui;
				const here = modeOf(now);
				if (textModes.has(here)) {
					typeInto(here, chars.slice(i).join(''));
					return;
				}
				const char = chars[i]!;
				const each = bindingFor(char === ' ' ? 'space' : char === '\r' ? 'enter' : char, here, now.pane);
				if (each === undefined || (each.kind !== 'show' && each.kind !== 'text')) return;
				runCommand(here, each.command, deps);
			}
			return;
		}
		if (textModes.has(mode)) {
			if (!key.ctrl && !key.meta) typeInto(mode, input);
			return;
		}
		runOther(mode, deps);
	});
}
