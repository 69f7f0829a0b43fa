/** d in the Images and Volumes panes, and t (tag): plan first, say exactly what goes, act on y; force only on f. */
import {
	containerName,
	containersByVolume,
	errorLine,
	isTsdockError,
	shortId,
	type ImageRemovalPlan,
} from '../../core/index.ts';
import {dfSizes} from '../format/disk-rows.ts';
import {namedRunStatus} from '../format/prune-text.ts';
import {imageRemovalStatus} from '../format/remove-text.ts';
import type {DialogState, ImageRemoval, ImageTarget} from '../state/dialog.ts';
import {clearMarks, type ActionContext} from './context.ts';
import {runInDialog} from './run-in-dialog.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;

export function openImageRemove(context: ActionContext, targets: ImageTarget[]): void {
	const gen = context.open({kind: 'image-remove', targets, phase: 'loading', top: 0});
	const load = async () => {
		const plans: ImageRemovalPlan[] = [];
		for (const target of targets) plans.push(await context.ops.planImageRemoval(target.id, target.tag));
		return plans;
	};
	load().then(
		(plans) => context.patch(gen, (dialog) => ({...dialog, phase: 'confirm', plans}) as DialogState),
		(error: unknown) =>
			context.patch(gen, (dialog) => ({
				...dialog,
				phase: 'error',
				error: `could not work out the removal: ${errorLine(error)}`,
			})),
	);
}

async function removeAll(
	context: ActionContext,
	targets: ImageTarget[],
	plans: ImageRemovalPlan[],
	force: boolean,
): Promise<ImageRemoval[]> {
	const result: ImageRemoval[] = [];
	for (const [i, target] of targets.entries()) {
		const reference = plans[i]?.reference ?? target.tag ?? target.id;
		try {
			const removed = await context.ops.removeImage(reference, {force});
			result.push({label: target.label, ...removed});
		} catch (error) {
			result.push({
				label: target.label,
				untagged: [],
				deleted: [],
				error: errorLine(error),
				conflict: isTsdockError(error) && error.kind === 'conflict',
			});
		}
	}
	return result;
}

/** y (force false) or f (force true) in the image removal dialog; f after a refusal retries only the refused ones. */
export function runImageRemove(context: ActionContext, dialog: Of<'image-remove'>, force: boolean): void {
	const plans = dialog.plans ?? [];
	const retry = dialog.phase === 'done' && dialog.result !== undefined;
	const picked = retry
		? dialog.targets
				.map((target, i) => ({target, plan: plans[i]!, removal: dialog.result![i]}))
				.filter((item) => item.removal?.conflict)
		: dialog.targets.map((target, i) => ({target, plan: plans[i]!, removal: undefined}));
	void runInDialog(
		context,
		force ? 'image force-remove' : 'image remove',
		() =>
			removeAll(
				context,
				picked.map((item) => item.target),
				picked.map((item) => item.plan),
				force,
			),
		(current, result) => {
			if (current.kind !== 'image-remove') return current;
			// After a forced retry, the refused entries are replaced by what the retry did.
			const queue = [...result];
			const merged = retry
				? current.result!.map((removal) => (removal.conflict ? (queue.shift() ?? removal) : removal))
				: result;
			return {...current, phase: 'done', top: 0, forced: force || current.forced, result: merged};
		},
		(result) => ({text: imageRemovalStatus(result), tone: result.some((removal) => removal.error) ? 'error' : 'info'}),
	).then(() => clearMarks(context.store, 'images'));
}

/** d on volumes: refused at once (naming the containers) while a container mounts one of them. */
export function openVolumeRemove(context: ActionContext, names: string[]): void {
	const containers = context.store.get().data.containers?.list ?? [];
	const users = containersByVolume(containers);
	const busy = names.filter((name) => (users.get(name)?.length ?? 0) > 0);
	if (busy.length > 0) {
		const text = busy
			.map((name) => `${name} is in use by ${users.get(name)!.map(containerName).join(', ')}`)
			.join('; ');
		context.status(`volume ${text}: d (remove) refused, nothing removed`, 'error');
		return;
	}
	const sizes = dfSizes(context.store.get().data.df?.raw).volumes;
	const gen = context.open({
		kind: 'volume-remove',
		targets: names.map((name) => ({name, size: sizes.get(name)})),
		phase: 'loading',
		top: 0,
	});
	// The sizes of unused volumes, measured now (the volume list does not carry them).
	context.ops.planVolumePrune(true).then(
		(plan) => {
			const measured = new Map(plan.items.map((item) => [item.name, item.size]));
			context.patch(gen, (dialog) =>
				dialog.kind === 'volume-remove'
					? {
							...dialog,
							phase: 'confirm',
							targets: dialog.targets.map((target) => ({...target, size: measured.get(target.name) ?? target.size})),
						}
					: dialog,
			);
		},
		() => context.patch(gen, (dialog) => ({...dialog, phase: 'confirm'})),
	);
}

export function runVolumeRemove(context: ActionContext, dialog: Of<'volume-remove'>): void {
	const targets = dialog.targets;
	void runInDialog(
		context,
		'volume remove',
		async () => {
			const run = {deleted: [] as string[], skipped: [] as Array<{what: string; reason: string}>, spaceReclaimed: 0};
			for (const target of targets) {
				try {
					await context.ops.removeVolume(target.name);
					run.deleted.push(target.name);
					run.spaceReclaimed += target.size ?? 0;
				} catch (error) {
					run.skipped.push({what: target.name, reason: errorLine(error)});
				}
			}
			return run;
		},
		(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
		(result) => ({
			text: namedRunStatus(result, 'volume remove', 'volume'),
			tone: result.skipped.length > 0 ? 'error' : 'info',
		}),
	).then(() => clearMarks(context.store, 'volumes'));
}

export function openTag(context: ActionContext, target: ImageTarget): void {
	context.open({kind: 'tag', target, text: '', phase: 'confirm', top: 0});
}

export function runTag(context: ActionContext, dialog: Of<'tag'>): void {
	const text = dialog.text.trim();
	if (text === '') {
		context.patch(context.generation(), (current) => ({...current, error: 'type a tag first (repository[:tag])'}));
		return;
	}
	const gen = context.generation();
	context.patch(gen, (current) => ({...current, phase: 'running', error: undefined}));
	context
		.work('tag', () => context.ops.tagImage(dialog.target.id, text))
		.then(
			() => {
				context.close();
				context.status(`tagged ${shortId(dialog.target.id)} as ${text}`);
			},
			// The Engine's reason, and the text stays for another try.
			(error: unknown) => context.patch(gen, (current) => ({...current, phase: 'confirm', error: errorLine(error)})),
		);
}
