/**
 * The logs view, the image history, the log prompt and `e` (shell, with the "start it?" offer): what their
 * keys do. The log session lives here, outside React: opened with the view, closed with it (or when the
 * connection goes). State changes are dispatched; the daemon is reached through the port.
 */
import {errorLine, sanitizeField} from '../../core/index.ts';
import type {EnginePort} from '../engine-port.ts';
import type {ExecHandoff} from '../exec-handoff.ts';
import {LogSession} from '../logs/log-session.ts';
import type {Move} from '../state/cursor.ts';
import type {DetailsTarget, StatusMessage} from '../state/types.ts';
import type {ContainerTarget} from '../state/view-types.ts';
import type {Store} from '../store.ts';

export type ViewSettings = {tail?: number; logBuffer?: number; shell?: string; flushMs?: number};

/** The row the list's cursor is on, as the views need it. */
export type SelectedRow = {id: string; details?: DetailsTarget} | undefined;

export type Views = {
	/** The open logs view's session, if any. */
	session(): LogSession | undefined;
	/** l, h, e in the list. */
	openLogs(row: SelectedRow): void;
	openHistory(row: SelectedRow): void;
	execShell(row: SelectedRow): void;
	closeLogs(): void;
	logMove(move: Move): void;
	logCommand(command: 'follow' | 'timestamps' | 'wrap' | 'next' | 'previous' | 'search' | 'since'): void;
	/** Enter in the prompt: search, or show since. */
	applyPrompt(): void;
	offerAnswer(start: boolean): void;
	/** Close the log stream for good (the connection is going). */
	dispose(): void;
};

export function createViews(
	store: Store,
	port: EnginePort,
	options: {handoff: ExecHandoff; exit: () => void; settings: ViewSettings},
): Views {
	let session: LogSession | undefined;
	const say = (status: StatusMessage) => store.dispatch({type: 'status', status});
	const {settings} = options;

	const closeSession = () => {
		session?.close();
		session = undefined;
	};

	const openShell = async (target: ContainerTarget) => {
		say({text: `opening a shell in ${sanitizeField(target.name)}…`, tone: 'info'});
		try {
			const cmd = await port.pickShell(target.id, settings.shell);
			options.handoff.request({...target, cmd});
			options.exit();
		} catch (error) {
			say({text: `shell in ${sanitizeField(target.name)}: ${errorLine(error)}`, tone: 'error'});
		}
	};

	const containerOf = (row: SelectedRow): ContainerTarget | undefined =>
		row?.details?.kind === 'container' ? {id: row.details.id, name: row.details.label} : undefined;

	return {
		session: () => session,
		openLogs(row) {
			const target = containerOf(row);
			if (!target) return;
			closeSession();
			session = new LogSession(port.logSource(target.id), {
				tail: settings.tail,
				capacity: settings.logBuffer,
				flushMs: settings.flushMs,
			});
			store.dispatch({type: 'logs-open', target});
			session.open();
		},
		openHistory(row) {
			if (row?.details?.kind !== 'image') return;
			store.dispatch({type: 'history-open', id: row.details.id, label: row.details.label});
		},
		execShell(row) {
			const target = containerOf(row);
			if (!target) return;
			if (port.readOnly) {
				say({
					text: 'read-only mode: e (shell in a container) is refused, exec can change the container',
					tone: 'error',
				});
				return;
			}
			const container = store.get().data.containers?.list.find((c) => c.Id === target.id);
			const status = container?.State ?? 'unknown';
			if (status === 'running') {
				void openShell(target);
			} else if (status === 'paused') {
				say({text: `${sanitizeField(target.name)} is paused: unpause it to open a shell`, tone: 'error'});
			} else {
				store.dispatch({type: 'exec-offer', offer: {...target, state: status}});
				say({
					text: `${sanitizeField(target.name)} is not running (${status}): start it and open a shell? y yes, n no`,
					tone: 'info',
				});
			}
		},
		closeLogs() {
			closeSession();
			store.dispatch({type: 'logs-close'});
		},
		logMove(move) {
			session?.move(move);
		},
		logCommand(command) {
			switch (command) {
				case 'follow':
					return session?.toggleFollow();
				case 'timestamps':
					return session?.toggleTimestamps();
				case 'wrap':
					return session?.toggleWrap();
				case 'next':
					return session?.next(false);
				case 'previous':
					return session?.next(true);
				case 'search':
					return store.dispatch({type: 'prompt', prompt: {kind: 'search', text: ''}});
				case 'since':
					return store.dispatch({type: 'prompt', prompt: {kind: 'since', text: session?.since?.text ?? ''}});
			}
		},
		applyPrompt() {
			const prompt = store.get().ui.prompt;
			if (!prompt) return;
			store.dispatch({type: 'prompt', prompt: undefined});
			if (prompt.kind === 'search') return session?.search(prompt.text);
			const problem = session?.setSince(prompt.text);
			if (problem) say({text: problem, tone: 'error'});
		},
		offerAnswer(start) {
			const offer = store.get().ui.execOffer;
			if (!offer) return;
			store.dispatch({type: 'exec-offer', offer: undefined});
			if (!start) {
				say({text: `${sanitizeField(offer.name)} left as it was (${offer.state})`, tone: 'info'});
				return;
			}
			say({text: `starting ${sanitizeField(offer.name)}…`, tone: 'info'});
			port.startContainer(offer.id).then(
				() => openShell(offer),
				(error: unknown) =>
					say({text: `could not start ${sanitizeField(offer.name)}: ${errorLine(error)}`, tone: 'error'}),
			);
		},
		dispose: closeSession,
	};
}
