/** P in the Images, Volumes and Disk panes: preview exactly what goes, switch the scope in the dialog, run on y. */
import {errorLine} from '../../core/index.ts';
import {imageRunStatus, namedRunStatus, systemPlanEmpty, systemRunStatus} from '../format/prune-text.ts';
import type {DialogState} from '../state/dialog.ts';
import type {DialogHost} from './dialog-host.ts';
import {runInDialog} from './run-in-dialog.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;
type PruneDialog = Of<'image-prune'> | Of<'volume-prune'> | Of<'system-prune'>;

/** Open (or re-open with another scope) a prune dialog and load its preview. */
export function openPrune(host: DialogHost, dialog: PruneDialog): void {
	const gen = host.open({
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
				return host.port.planImagePrune(dialog.scope);
			case 'volume-prune':
				return host.port.planVolumePrune(dialog.all);
			case 'system-prune':
				return host.port.planSystemPrune({allImages: dialog.allImages, volumes: dialog.volumes});
		}
	};
	load().then(
		(plan) => host.patch(gen, (current) => ({...current, phase: 'confirm', plan}) as DialogState),
		(error: unknown) =>
			host.patch(gen, (current) => ({
				...current,
				phase: 'error',
				error: `could not work out the preview: ${errorLine(error)}`,
			})),
	);
}

/** `a` (and `v` for the system prune) in a prune dialog: the other scope, previewed again. */
export function switchPruneScope(host: DialogHost, dialog: PruneDialog, key: 'all' | 'volumes'): boolean {
	if (dialog.kind === 'system-prune') {
		openPrune(host, key === 'all' ? {...dialog, allImages: !dialog.allImages} : {...dialog, volumes: !dialog.volumes});
		return true;
	}
	if (key !== 'all') return false;
	if (dialog.kind === 'image-prune') openPrune(host, {...dialog, scope: dialog.scope === 'all' ? 'dangling' : 'all'});
	else openPrune(host, {...dialog, all: !dialog.all});
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
export function runPrune(host: DialogHost, dialog: PruneDialog): void {
	if (!dialog.plan || isEmpty(dialog)) {
		host.close();
		return;
	}
	switch (dialog.kind) {
		case 'image-prune': {
			const plan = dialog.plan;
			void runInDialog(
				host,
				'image prune',
				() => host.port.runImagePrune(plan),
				(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
				(result) => ({text: imageRunStatus(result), tone: result.skipped.length > 0 ? 'error' : 'info'}),
			);
			return;
		}
		case 'volume-prune': {
			const plan = dialog.plan;
			void runInDialog(
				host,
				'volume prune',
				() => host.port.runVolumePrune(plan),
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
				host,
				'system prune',
				() => host.port.runSystemPrune(plan),
				(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
				(result) => ({text: systemRunStatus(result), tone: 'info'}),
			);
		}
	}
}
