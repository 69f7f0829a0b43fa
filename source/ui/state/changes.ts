/**
 * Every change to what is on screen, as data: the reducer (state/reducer.ts) is the only code that applies
 * them. Keys, the sync with the daemon and the controllers all dispatch these; none writes the state itself.
 * (A key gives a command, keys/keymap.ts; an Engine request is an operation, engine-port.ts; a Change is
 * neither.)
 */
import type {ContainerSummary, ContainerTimes, DiskUsage, ImageSummary, Volume} from '../../core/index.ts';
import type {PaneId} from '../panes/registry.ts';
import type {Move} from './cursor.ts';
import type {DialogState} from './dialog.ts';
import type {SwitcherState} from './switcher.ts';
import type {ConnectionState, DetailsTarget, EngineInfo, ResourceKind, StatusMessage, Toggles} from './types.ts';
import type {ContainerTarget, PromptState} from './view-types.ts';

/** The panes, the cursor, the filter, details and help. */
export type PaneChange =
	| {type: 'pane'; pane: PaneId}
	| {type: 'pane-step'; step: 1 | -1}
	| {type: 'select'; id: string | undefined; index: number; top: number}
	| {type: 'filter-start'}
	| {type: 'filter-set'; text: string}
	| {type: 'filter-keep'}
	| {type: 'filter-clear'}
	| {type: 'details-open'; target: DetailsTarget}
	| {type: 'details-close'}
	| {type: 'details-scroll'; move: Move; lines: number; height: number}
	| {type: 'help-open'}
	| {type: 'help-close'}
	| {type: 'help-scroll'; move: Move; lines: number; height: number}
	| {type: 'toggle'; name: keyof Toggles}
	| {type: 'cycle-sort'}
	| {type: 'mark'; pane: PaneId; id: string}
	| {type: 'marks-clear'; pane: PaneId};

/** The modal dialog (previews, confirmations, the tag prompt) and the host switcher. */
export type DialogChange =
	| {type: 'dialog'; dialog: DialogState | undefined}
	| {type: 'dialog-scroll'; step: number; max: number}
	| {type: 'dialog-text'; text: string}
	| {type: 'switcher'; switcher: SwitcherState | undefined}
	| {type: 'switcher-move'; move: Move; height: number}
	| {type: 'switcher-naming'; naming: string | undefined}
	| {type: 'switcher-note'; note: string};

/** The logs view, its prompt, the image history and the exec offer. */
export type ViewChange =
	| {type: 'logs-open'; target: ContainerTarget}
	| {type: 'logs-close'}
	| {type: 'prompt'; prompt: PromptState | undefined}
	| {type: 'history-open'; id: string; label: string}
	| {type: 'history-move'; move: Move; count: number; height: number}
	| {type: 'history-scroll-whole'; move: Move; lines: number; height: number}
	| {type: 'history-whole'}
	| {type: 'history-back'}
	| {type: 'exec-offer'; offer: (ContainerTarget & {state: string}) | undefined};

/** What the daemon said: listings, the connection, the engine, and the status line. */
export type EngineChange =
	| {type: 'prefetched'; list: ContainerSummary[]}
	| {type: 'listed-containers'; list: ContainerSummary[]}
	| {type: 'listed-images'; list: ImageSummary[]; dangling: boolean}
	| {type: 'listed-volumes'; list: Volume[]; unused: boolean}
	| {type: 'listed-df'; df: DiskUsage}
	/** Containers' start and finish times, read once each (engine-sync.ts); `undefined` forgets one. */
	| {type: 'container-times'; times: Record<string, ContainerTimes | undefined>}
	/** Forget every container's times (events may have been missed while the stream was down). */
	| {type: 'container-times-reset'}
	| {type: 'list-failed'; kind: ResourceKind; error: string}
	| {type: 'list-ok'; kind: ResourceKind}
	| {type: 'connection'; connection: ConnectionState}
	| {type: 'engine'; engine: EngineInfo}
	| {type: 'status'; status: StatusMessage | undefined}
	/**
	 * The time (Unix seconds), from the clock (hooks/use-clock.ts): dispatched only when a relative time on
	 * screen ("Up 4 seconds", "2 hours ago") changes its text, so the rows are worked out again then.
	 */
	| {type: 'now'; now: number}
	/** Another daemon: its lists, engine and views go; panes, sorts, filters and toggles stay. */
	| {type: 'host-switched'; status: StatusMessage};

export type Change = PaneChange | DialogChange | ViewChange | EngineChange;
