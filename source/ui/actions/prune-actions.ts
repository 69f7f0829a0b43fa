/** P in the Images, Volumes and Disk panes: preview exactly what goes, switch the scope in the dialog, run on y. */
import {errorLine} from '../../core/index.ts';
import {imageRunStatus, namedRunStatus, systemPlanEmpty, systemRunStatus} from '../format/prune-text.ts';
import type {DialogState} from '../state/dialog.ts';
import type {ActionContext} from './context.ts';
import {runInDialog} from './run-in-dialog.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;
type PruneDialog = Of<'image-prune'> | Of<'volume-prune'> | Of<'system-prune'>;

/** Open (or re-open with another scope) a prune dialog and load its preview. */
export function openPrune(context: ActionContext, dialog: PruneDialog): void {
	const gen = context.open({
		...dialog,
		phase: 'loading',
		top: 0,
		plan: undefined,
		result: undefined,
		error: undefined,
	} as PruneDialog);
	const load = async (): Promise<PruneDialog['plan']> => {
		switch (dialog.kind) {
			case 'image-prune':
				return context.ops.planImagePrune(dialog.scope);
			case 'volume-prune':
				return context.ops.planVolumePrune(dialog.all);
			case 'system-prune':
				return context.ops.planSystemPrune({allImages: dialog.allImages, volumes: dialog.volumes});
		}
	};
	load().then(
		(plan) => context.patch(gen, (current) => ({...current, phase: 'confirm', plan}) as DialogState),
		(error: unknown) =>
			context.patch(gen, (current) => ({
				...current,
				phase: 'error',
				error: `could not work out the preview: ${errorLine(error)}`,
			})),
	);
}

/** `a` (and `v` for the system prune) in a prune dialog: the other scope, previewed again. */
export function switchPruneScope(context: ActionContext, dialog: PruneDialog, key: 'all' | 'volumes'): boolean {
	if (dialog.kind === 'system-prune') {
		openPrune(
			context,
			key === 'all' ? {...dialog, allImages: !dialog.allImages} : {...dialog, volumes: !dialog.volumes},
		);
		return true;
	}
	if (key !== 'all') return false;
	if (dialog.kind === 'image-prune')
		openPrune(context, {...dialog, scope: dialog.scope === 'all' ? 'dangling' : 'all'});
	else openPrune(context, {...dialog, all: !dialog.all});
	return true;
}

const isEmpty = (dialog: PruneDialog): boolean => {
	switch (dialog.kind) {
		case 'image-prune':
			return dialog.plan!.items.length === 0;
		case 'volume-prune':
			return dialog.plan!.items.length === 0;
		case 'system-prune':
			return systemPlanEmpty(dialog.plan!);
	}
};

/** y on a previewed prune: remove exactly the previewed items. */
export function runPrune(context: ActionContext, dialog: PruneDialog): void {
	if (!dialog.plan || isEmpty(dialog)) {
		context.close();
		return;
	}
	switch (dialog.kind) {
		case 'image-prune': {
			const plan = dialog.plan;
			void runInDialog(
				context,
				'image prune',
				() => context.ops.runImagePrune(plan),
				(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
				(result) => ({text: imageRunStatus(result), tone: result.skipped.length > 0 ? 'error' : 'info'}),
			);
			return;
		}
		case 'volume-prune': {
			const plan = dialog.plan;
			void runInDialog(
				context,
				'volume prune',
				() => context.ops.runVolumePrune(plan),
				(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
				(result) => ({
					text: namedRunStatus(result, 'volume prune', 'volume'),
					tone: result.skipped.length > 0 ? 'error' : 'info',
				}),
			);
			return;
		}
		case 'system-prune': {
			const plan = dialog.plan;
			void runInDialog(
				context,
				'system prune',
				() => context.ops.runSystemPrune(plan),
				(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
				(result) => ({text: systemRunStatus(result), tone: 'info'}),
			);
		}
	}
}
