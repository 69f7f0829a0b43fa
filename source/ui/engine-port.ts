/**
 * The one way the UI reaches a daemon: one port per connection, made in run.tsx and handed to the App, the
 * sync and the controllers. Every Engine operation the UI may ask for is here, over the core (the UI never
 * speaks HTTP). Tests of the UI hand the App a fake of this one interface (test/helpers/fake-port.ts), beside,
 * never instead of, the tests against real daemons.
 */
import {
	applyContainerOperation,
	containerTimes,
	diskUsage,
	engineVersion,
	followLogs,
	imageHistory,
	inspectContainer,
	inspectImage,
	inspectVolume,
	listContainers,
	listImages,
	listVolumes,
	pickShell,
	planImagePrune,
	planImageRemoval,
	planSystemPrune,
	planVolumePrune,
	readLogs,
	removeImages,
	removeVolumes,
	runImagePrune,
	runInteractiveExec,
	runSystemPrune,
	runVolumePrune,
	startContainer,
	tagImage,
	watchEvents,
	type OperationOutcome,
	type ContainerOperation,
	type ContainerInspect,
	type ContainerSummary,
	type ContainerTimes,
	type DiskUsage,
	type EngineClient,
	type HistoryEntry,
	type ImageInspect,
	type ImagePrunePlan,
	type ImagePruneRun,
	type ImageRemovalPlan,
	type ImageRemovalResult,
	type ImageSummary,
	type NamedRun,
	type SystemPrunePlan,
	type SystemPruneRun,
	type TerminalIo,
	type Volume,
	type VolumePrunePlan,
	type WatchHandlers,
} from '../core/index.ts';
import type {LogSource} from './logs/log-session.ts';

export type EnginePort = {
	/** Where we are connected (endpoint or context), as the client describes it. */
	readonly where: string;
	/** --read-only: the client refuses every write, and the keys say so first. */
	readonly readOnly: boolean;
	/** The API version tsdock speaks with this daemon (negotiated), once known. */
	apiVersion(): string | undefined;

	// The sync: the event stream and the listings.
	watchEvents(handlers: WatchHandlers, signal: AbortSignal): Promise<void>;
	engineVersion(): Promise<{name: string; version: string; apiVersion: string}>;
	listContainers(signal?: AbortSignal): Promise<ContainerSummary[]>;
	listImages(options: {dangling: boolean}, signal?: AbortSignal): Promise<ImageSummary[]>;
	listVolumes(options: {unused: boolean}, signal?: AbortSignal): Promise<Volume[]>;
	diskUsage(signal?: AbortSignal): Promise<DiskUsage>;
	/** When a container last started and finished (one inspect): the list's STATUS durations are computed from them. */
	containerTimes(id: string): Promise<ContainerTimes>;

	// Details, history and logs.
	inspectContainer(id: string): Promise<ContainerInspect>;
	inspectImage(id: string): Promise<ImageInspect>;
	inspectVolume(name: string): Promise<Volume>;
	imageHistory(id: string): Promise<HistoryEntry[]>;
	logSource(containerId: string): LogSource;

	// Shells.
	/** The shell to run: --shell or the setting when given, else bash when present, else sh. */
	pickShell(containerId: string, preferred?: string): Promise<string[]>;
	/** Run `cmd` on a TTY wired to the real terminal (Ink unmounted); resolves with its exit code. */
	runShell(containerId: string, cmd: string[], io: TerminalIo): Promise<{exitCode: number | null}>;

	// Changes to the daemon: previews first, then exactly what was previewed.
	startContainer(id: string): Promise<void>;
	applyContainerOperation(action: ContainerOperation, containers: ContainerSummary[]): Promise<OperationOutcome[]>;
	planImagePrune(scope: 'dangling' | 'all'): Promise<ImagePrunePlan>;
	runImagePrune(plan: ImagePrunePlan): Promise<ImagePruneRun>;
	planImageRemoval(imageId: string, tag?: string): Promise<ImageRemovalPlan>;
	/** Remove each image (by the plan's reference), one result per image; force only when asked. */
	removeImages(references: string[], options: {force: boolean}): Promise<ImageRemovalResult[]>;
	tagImage(source: string, target: string): Promise<void>;
	planVolumePrune(all: boolean): Promise<VolumePrunePlan>;
	runVolumePrune(plan: VolumePrunePlan): Promise<NamedRun>;
	/** Remove each volume (never forced: the Engine refuses one in use); `sizes` count the bytes freed. */
	removeVolumes(volumes: Array<{name: string; size?: number}>): Promise<NamedRun>;
	planSystemPrune(options: {allImages: boolean; volumes: boolean}): Promise<SystemPrunePlan>;
	runSystemPrune(plan: SystemPrunePlan): Promise<SystemPruneRun>;

	/** Close the connection (the port is not used after). */
	close(): void;
};

function exitText(state: {Status?: string; ExitCode?: number; Error?: string} | undefined): string {
	if (!state) return 'the container is gone';
	const code = state.ExitCode !== undefined && state.Status !== 'running' ? ` (exit code ${state.ExitCode})` : '';
	return `container ${state.Status ?? 'stopped'}${code}${state.Error ? `: ${state.Error}` : ''}`;
}

/** Logs of one container from the Engine: TTY or multiplexed as inspect says, with timestamps always on. */
function engineLogSource(client: EngineClient, id: string): LogSource {
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

/** The port over a real client. */
export function enginePort(client: EngineClient): EnginePort {
	return {
		where: client.where,
		readOnly: client.readOnly,
		apiVersion: () => client.apiVersion,
		watchEvents: (handlers, signal) => watchEvents(client, handlers, signal),
		engineVersion: () => engineVersion(client),
		listContainers: (signal) => listContainers(client, {all: true, signal}),
		listImages: ({dangling}, signal) =>
			listImages(client, {
				filters: dangling ? {dangling: true} : undefined,
				sharedSize: client.apiAtLeast('1.42'),
				signal,
			}),
		listVolumes: ({unused}, signal) => listVolumes(client, {dangling: unused ? true : undefined, signal}),
		diskUsage: (signal) => diskUsage(client, signal),
		containerTimes: async (id) => containerTimes(await inspectContainer(client, id)),
		inspectContainer: (id) => inspectContainer(client, id),
		inspectImage: (id) => inspectImage(client, id),
		inspectVolume: (name) => inspectVolume(client, name),
		imageHistory: (id) => imageHistory(client, id),
		logSource: (id) => engineLogSource(client, id),
		pickShell: (id, preferred) => pickShell(client, id, preferred),
		runShell: (id, cmd, io) => runInteractiveExec(client, id, cmd, io),
		startContainer: (id) => startContainer(client, id).then(() => undefined),
		applyContainerOperation: (action, containers) => applyContainerOperation(client, action, containers),
		planImagePrune: (scope) => planImagePrune(client, scope),
		runImagePrune: (plan) => runImagePrune(client, plan),
		planImageRemoval: (imageId, tag) => planImageRemoval(client, imageId, tag),
		removeImages: (references, options) => removeImages(client, references, options),
		tagImage: (source, target) => tagImage(client, source, target),
		planVolumePrune: (all) => planVolumePrune(client, all),
		runVolumePrune: (plan) => runVolumePrune(client, plan),
		removeVolumes: (volumes) => removeVolumes(client, volumes),
		planSystemPrune: (options) => planSystemPrune(client, options),
		runSystemPrune: (plan) => runSystemPrune(client, plan),
		close: () => client.close(),
	};
}
