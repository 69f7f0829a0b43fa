/** Run a confirmed dialog's job: busy while it runs, then the result in the dialog and one line in the status area. */
import {errorLine} from '../../core/index.ts';
import type {DialogState} from '../state/dialog.ts';
import type {StatusMessage} from '../state/types.ts';
import type {ActionContext} from './context.ts';

export async function runInDialog<T>(
	context: ActionContext,
	what: string,
	job: () => Promise<T>,
	done: (dialog: DialogState, result: T) => DialogState | undefined,
	summary: (result: T) => StatusMessage,
): Promise<void> {
	const gen = context.generation();
	// Synchronously, before anything is sent: a second key now finds the dialog running and the flag set.
	context.patch(gen, (dialog) => ({...dialog, phase: 'running', error: undefined}));
	try {
		const result = await context.work(what, job);
		const message = summary(result);
		context.status(message.text, message.tone);
		context.remember(message);
		const next = context.store.get().ui.dialog;
		if (next && gen === context.generation()) {
			const after = done(next, result);
			if (after) context.patch(gen, () => after);
			else context.close();
		}
	} catch (error) {
		const text = `${what} failed: ${errorLine(error)}`;
		context.status(text, 'error');
		context.remember({text, tone: 'error'});
		context.patch(gen, (dialog) => ({...dialog, phase: 'error', error: text}));
	}
}
