/**
 * What the logs view, the history view and `e` need from the daemon, through the core (the UI never speaks
 * HTTP). Tests hand the App fakes of these.
 */
import {
	followLogs,
	imageHistory,
	inspectContainer,
	inspectImage,
	pickShell,
	readLogs,
	startContainer,
	type EngineClient,
	type HistoryEntry,
} from '../../core/index.ts';
import type {ExecHandoff} from '../exec-handoff.ts';
import {LogSession, type LogSource} from '../hooks/use-logs.ts';
import type {ContainerTarget} from '../state/view-types.ts';

export type ViewServices = {
	logSession(target: ContainerTarget): LogSession;
	loadHistory(id: string): Promise<{entries: HistoryEntry[]; size?: number}>;
	/** Pick the shell (--shell, the setting, else bash when present, else sh) and ask for the hand-off. */
	prepareShell(target: ContainerTarget): Promise<void>;
	startContainer(id: string): Promise<void>;
};

export type ViewSettings = {tail?: number; logBuffer?: number; shell?: string};

function exitText(state: {Status?: string; ExitCode?: number; Error?: string} | undefined): string {
	if (!state) return 'the container is gone';
	const code = state.ExitCode !== undefined && state.Status !== 'running' ? ` (exit code ${state.ExitCode})` : '';
	return `container ${state.Status ?? 'stopped'}${code}${state.Error ? `: ${state.Error}` : ''}`;
}

/** Logs of one container from the Engine: TTY or multiplexed as inspect says, with timestamps always on. */
export function engineLogSource(client: EngineClient, id: string): LogSource {
	let tty: boolean | undefined;
	const isTty = async () => (tty ??= (await inspectContainer(client, id)).Config?.Tty === true);
	return {
		async read(request, onLines) {
			const options = {tail: request.tail, since: request.since, timestamps: true, signal: request.signal};
			if (request.follow) {
				await followLogs(client, id, await isTty(), options, onLines);
			} else {
				onLines(await readLogs(client, id, await isTty(), options));
			}
		},
		async ended() {
			const info = await inspectContainer(client, id).catch(() => undefined);
			return exitText(info?.State as {Status?: string; ExitCode?: number; Error?: string} | undefined);
		},
	};
}

export function makeViewServices(client: EngineClient, handoff: ExecHandoff, settings: ViewSettings): ViewServices {
	return {
		logSession: (target) =>
			new LogSession(engineLogSource(client, target.id), {tail: settings.tail, capacity: settings.logBuffer}),
		async loadHistory(id) {
			const [entries, image] = await Promise.all([
				imageHistory(client, id),
				inspectImage(client, id).catch(() => undefined),
			]);
			return {entries, size: image?.Size};
		},
		async prepareShell(target) {
			const cmd = await pickShell(client, target.id, settings.shell);
			handoff.request({...target, cmd});
		},
		startContainer: (id) => startContainer(client, id).then(() => undefined),
	};
}
