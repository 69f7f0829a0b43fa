/** Run a confirmed dialog's job: busy while it runs, then the result in the dialog and one line in the status area. */
import {errorLine} from '../../core/index.ts';
import type {DialogState} from '../state/dialog.ts';
import type {StatusMessage} from '../state/types.ts';
import type {DialogHost} from './dialog-host.ts';

export async function runInDialog<T>(
	host: DialogHost,
	what: string,
	job: () => Promise<T>,
	done: (dialog: DialogState, result: T) => DialogState | undefined,
	summary: (result: T) => StatusMessage,
): Promise<void> {
	const gen = host.generation();
	// Synchronously, before anything is sent: a second key now finds the dialog running and the flag set.
	host.patch(gen, (dialog) => ({...dialog, phase: 'running', error: undefined}));
	try {
		const result = await host.work(what, job);
		const message = summary(result);
		host.status(message.text, message.tone);
		host.remember(message);
		const next = host.store.get().ui.dialog;
		if (next && gen === host.generation()) {
			const after = done(next, result);
			if (after) host.patch(gen, () => after);
			else host.close();
		}
	} catch (error) {
		const text = `${what} failed: ${errorLine(error)}`;
		host.status(text, 'error');
		host.remember({text, tone: 'error'});
		host.patch(gen, (dialog) => ({...dialog, phase: 'error', error: text}));
	}
}
