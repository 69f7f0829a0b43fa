/**
 * The modal dialog's state: one dialog at a time, with the keyboard. Destructive actions go through
 * loading (the preview is computed) → confirm (wait for y) → running → done (the result, any key closes).
 */
import type {
	OperationOutcome,
	ImagePrunePlan,
	ImagePruneRun,
	ImageRemovalPlan,
	NamedRun,
	SystemPrunePlan,
	SystemPruneRun,
	VolumePrunePlan,
} from '../../core/index.ts';

export type DialogPhase = 'loading' | 'confirm' | 'running' | 'done' | 'error';

/** One image `d` acts on: its ID, what the list calls it, and the tag that goes (none for a dangling image). */
export type ImageTarget = {id: string; label: string; tag?: string};

/** What happened to one image removal. */
export type ImageRemoval = {label: string; untagged: string[]; deleted: string[]; error?: string; conflict?: boolean};

export type ContainerTarget = {id: string; name: string; state: string};

export type VolumeTarget = {name: string; size?: number};

type Common = {
	phase: DialogPhase;
	/** First visible line when the dialog is longer than the screen. */
	top: number;
	/** Why loading or running failed (phase 'error'), or a note for the current phase. */
	error?: string;
};

export type DialogState = Common &
	(
		| {kind: 'image-prune'; scope: 'dangling' | 'all'; plan?: ImagePrunePlan; result?: ImagePruneRun}
		| {kind: 'volume-prune'; all: boolean; plan?: VolumePrunePlan; result?: NamedRun}
		| {kind: 'system-prune'; allImages: boolean; volumes: boolean; plan?: SystemPrunePlan; result?: SystemPruneRun}
		| {
				kind: 'image-remove';
				targets: ImageTarget[];
				plans?: ImageRemovalPlan[];
				result?: ImageRemoval[];
				forced?: boolean;
		  }
		| {kind: 'volume-remove'; targets: VolumeTarget[]; result?: NamedRun}
		| {
				kind: 'container-confirm';
				operation: 'kill' | 'remove';
				withVolumes: boolean;
				targets: ContainerTarget[];
				result?: OperationOutcome[];
		  }
		| {kind: 'tag'; target: ImageTarget; text: string}
	);

/** The tag prompt types text; every other dialog reads single keys. */
export const dialogContext = (dialog: DialogState): 'dialog' | 'dialog-input' =>
	dialog.kind === 'tag' ? 'dialog-input' : 'dialog';
