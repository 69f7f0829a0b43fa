/** The TUI's state. It lives in a store outside React so it survives an unmount (exec shell hand-off). */
import type {ContainerSummary, ContainerTimes, DiskUsage, ImageSummary, Volume} from '../../core/index.ts';
import {paneIds, paneSpec, type PaneId} from '../panes/registry.ts';
import type {SwitcherState} from './switcher.ts';
import type {DialogState} from './dialog.ts';
import type {ViewUiState} from './view-types.ts';

export type SortKey = 'status' | 'name' | 'created' | 'size';

export const sortLabels: Record<SortKey, string> = {
	status: 'running first',
	name: 'name',
	created: 'newest',
	size: 'size',
};

export type PaneState = {
	/** The selected row's ID (the cursor follows it across re-lists), and its index as a fallback. */
	selectedId?: string;
	index: number;
	/** First visible row. */
	top: number;
	filter: string;
	sort: SortKey;
	/** Rows marked with Space (IDs): the action keys act on all of them. */
	marked?: readonly string[];
};

export type DetailsKind = 'container' | 'image' | 'volume';
export type DetailsTarget = {kind: DetailsKind; id: string; label: string};

export type Toggles = {danglingImages: boolean; unusedVolumes: boolean; allContainers: boolean};

export type UiState = {
	pane: PaneId;
	panes: Record<PaneId, PaneState>;
	/** The filter box of the current pane has the keyboard. */
	filtering: boolean;
	details?: DetailsTarget & {top: number};
	help?: {top: number};
	/** A modal dialog (confirmations, previews, prompts): it has the keyboard. */
	dialog?: DialogState;
	/** The host/context switcher (`c`): it has the keyboard. */
	switcher?: SwitcherState;
	toggles: Toggles;
} & ViewUiState;

export type ConnectionState =
	| {state: 'connecting'}
	| {state: 'connected'}
	| {state: 'reconnecting'; reason: string; retryInMs: number}
	| {state: 'disconnected'; reason: string; retryInMs: number};

export type EngineInfo = {name: string; version: string; apiVersion: string};

export type ResourceKind = 'containers' | 'images' | 'volumes' | 'df';

export type EngineData = {
	/** `partial`: only the running containers so far (the first paint); the full list follows. */
	containers?: {list: ContainerSummary[]; all: boolean; partial?: boolean};
	images?: {list: ImageSummary[]; dangling: boolean};
	volumes?: {list: Volume[]; unused: boolean};
	df?: DiskUsage;
	/**
	 * Per container ID, when it last started and finished (State.StartedAt/FinishedAt, one inspect each): the
	 * list's STATUS ("Up 4 seconds") is the daemon's text at listing time; these keep it true as time passes.
	 * Forgotten on start/restart/die/pause/unpause/destroy events and on reconnecting.
	 */
	times?: Readonly<Record<string, ContainerTimes>>;
	/** The last listing error per kind (cleared by the next good listing). */
	errors: Partial<Record<ResourceKind, string>>;
};

export type StatusMessage = {text: string; tone: 'info' | 'error'};

export type AppState = {
	ui: UiState;
	data: EngineData;
	connection: ConnectionState;
	engine?: EngineInfo;
	status?: StatusMessage;
	/** The clock's last tick (Unix seconds; 0 before the first): rows with relative times depend on it. */
	now: number;
};

export function initialUiState(): UiState {
	return {
		pane: 'containers',
		panes: Object.fromEntries(
			paneIds.map((id) => [id, {index: 0, top: 0, filter: '', sort: paneSpec(id).sorts[0]!} satisfies PaneState]),
		) as Record<PaneId, PaneState>,
		filtering: false,
		toggles: {danglingImages: false, unusedVolumes: false, allContainers: true},
	};
}

export const initialAppState = (ui: UiState = initialUiState()): AppState => ({
	ui,
	data: {errors: {}},
	connection: {state: 'connecting'},
	now: 0,
});
