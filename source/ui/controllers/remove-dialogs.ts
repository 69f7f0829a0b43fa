/** d in the Images and Volumes panes, and t (tag): plan first, say exactly what goes, act on y; force only on f. */
import {
	containerName,
	containersByVolume,
	dfSizes,
	errorLine,
	shortId,
	type ImageRemovalPlan,
} from '../../core/index.ts';
import {namedRunStatus} from '../format/prune-text.ts';
import {imageRemovalStatus} from '../format/remove-text.ts';
import type {DialogState, ImageRemoval, ImageTarget} from '../state/dialog.ts';
import {clearMarks, type DialogHost} from './dialog-host.ts';
import {runInDialog} from './run-in-dialog.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;

export function openImageRemove(host: DialogHost, targets: ImageTarget[]): void {
	const gen = host.open({kind: 'image-remove', targets, phase: 'loading', top: 0});
	const load = async () => {
		const plans: ImageRemovalPlan[] = [];
		for (const target of targets) plans.push(await host.port.planImageRemoval(target.id, target.tag));
		return plans;
	};
	load().then(
		(plans) => host.patch(gen, (dialog) => ({...dialog, phase: 'confirm', plans}) as DialogState),
		(error: unknown) =>
			host.patch(gen, (dialog) => ({
				...dialog,
				phase: 'error',
				error: `could not work out the removal: ${errorLine(error)}`,
			})),
	);
}

/** y (force false) or f (force true) in the image removal dialog; f after a refusal retries only the refused ones. */
export function runImageRemove(host: DialogHost, dialog: Of<'image-remove'>, force: boolean): void {
	const plans = dialog.plans ?? [];
	const retry = dialog.phase === 'done' && dialog.result !== undefined;
	const picked = retry
		? dialog.targets
				.map((target, i) => ({target, plan: plans[i]!, removal: dialog.result![i]}))
				.filter((item) => item.removal?.conflict)
		: dialog.targets.map((target, i) => ({target, plan: plans[i]!, removal: undefined}));
	void runInDialog(
		host,
		force ? 'image force-remove' : 'image remove',
		async () => {
			const references = picked.map((item) => item.plan?.reference ?? item.target.tag ?? item.target.id);
			const results = await host.port.removeImages(references, {force});
			return results.map((removed, i): ImageRemoval => ({label: picked[i]!.target.label, ...removed}));
		},
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
	).then(() => clearMarks(host.store, 'images'));
}

/** d on volumes: refused at once (naming the containers) while a container mounts one of them. */
export function openVolumeRemove(host: DialogHost, names: string[]): void {
	const containers = host.store.get().data.containers?.list ?? [];
	const users = containersByVolume(containers);
	const busy = names.filter((name) => (users.get(name)?.length ?? 0) > 0);
	if (busy.length > 0) {
		const text = busy
			.map((name) => `${name} is in use by ${users.get(name)!.map(containerName).join(', ')}`)
			.join('; ');
		host.status(`volume ${text}: d (remove) refused, nothing removed`, 'error');
		return;
	}
	const sizes = dfSizes(host.store.get().data.df?.raw).volumes;
	const gen = host.open({
		kind: 'volume-remove',
		targets: names.map((name) => ({name, size: sizes.get(name)})),
		phase: 'loading',
		top: 0,
	});
	// The sizes of unused volumes, measured now (the volume list does not carry them).
	host.port.planVolumePrune(true).then(
		(plan) => {
			const measured = new Map(plan.items.map((item) => [item.name, item.size]));
			host.patch(gen, (dialog) =>
				dialog.kind === 'volume-remove'
					? {
							...dialog,
							phase: 'confirm',
							targets: dialog.targets.map((target) => ({...target, size: measured.get(target.name) ?? target.size})),
						}
					: dialog,
			);
		},
		() => host.patch(gen, (dialog) => ({...dialog, phase: 'confirm'})),
	);
}

export function runVolumeRemove(host: DialogHost, dialog: Of<'volume-remove'>): void {
	const targets = dialog.targets;
	void runInDialog(
		host,
		'volume remove',
		() => host.port.removeVolumes(targets),
		(current, result) => ({...current, phase: 'done', top: 0, result}) as DialogState,
		(result) => ({
			text: namedRunStatus(result, 'volume remove', 'volume'),
			tone: result.skipped.length > 0 ? 'error' : 'info',
		}),
	).then(() => clearMarks(host.store, 'volumes'));
}

export function openTag(host: DialogHost, target: ImageTarget): void {
	host.open({kind: 'tag', target, text: '', phase: 'confirm', top: 0});
}

export function runTag(host: DialogHost, dialog: Of<'tag'>): void {
	const text = dialog.text.trim();
	if (text === '') {
		host.patch(host.generation(), (current) => ({...current, error: 'type a tag first (repository[:tag])'}));
		return;
	}
	const gen = host.generation();
	host.patch(gen, (current) => ({...current, phase: 'running', error: undefined}));
	host
		.work('tag', () => host.port.tagImage(dialog.target.id, text))
		.then(
			() => {
				host.close();
				host.status(`tagged ${shortId(dialog.target.id)} as ${text}`);
			},
			// The Engine's reason, and the text stays for another try.
			(error: unknown) => host.patch(gen, (current) => ({...current, phase: 'confirm', error: errorLine(error)})),
		);
}
