/** Removal, kill and tag dialogs: what goes, the bytes, and the results like `docker rmi` prints them. Pure. */
import {humanSize, isActiveState, sanitizeField, shortId, summariseOutcomes} from '../../core/index.ts';
import type {DialogState, ImageRemoval} from '../state/dialog.ts';
import {blank, bytesText, columns, count, line, phaseText, type DialogLine, type DialogText} from './dialog-lines.ts';
import {namedRunLines} from './prune-text.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;

const list = (values: string[]) => values.map(sanitizeField).join(', ');

export function imageRemoveText(dialog: Of<'image-remove'>): DialogText {
	const n = dialog.targets.length;
	const title = n === 1 ? `Remove image ${sanitizeField(dialog.targets[0]!.label)}` : `Remove ${n} images`;
	const phase = phaseText(dialog, {
		loading: 'working out what removing it would do…',
		running: dialog.forced ? 'force-removing…' : 'removing…',
	});
	if (phase) return {title, ...phase};
	if (dialog.phase === 'done' && dialog.result) {
		const refused = dialog.result.filter((removal) => removal.conflict).length;
		const keys =
			refused > 0 && !dialog.forced
				? `f force-remove the ${count(refused, 'refused image')}  any other key closes`
				: 'any key closes';
		return {title, lines: imageRemovalLines(dialog.result, dialog.plans?.flatMap((plan) => plan.usedBy) ?? []), keys};
	}
	const plans = dialog.plans ?? [];
	const lines: DialogLine[] = [];
	plans.forEach((plan, i) => {
		const label = sanitizeField(dialog.targets[i]?.label ?? shortId(plan.id));
		if (plan.untagOnly) {
			lines.push(
				line(
					`Untag ${sanitizeField(plan.reference)}: image ${shortId(plan.id)} stays (its other tags: ${list(plan.tags.filter((tag) => tag !== plan.reference))}); frees 0B`,
					undefined,
					true,
				),
			);
		} else {
			const tags =
				plan.tags.length > 0
					? `untags ${list(plan.tags)} and deletes the image`
					: 'deletes the image (dangling: it has no tag)';
			const parents = plan.deletes.length > 1 ? ` with ${count(plan.deletes.length - 1, 'untagged parent layer')}` : '';
			lines.push(
				line(
					`${label} (${shortId(plan.id)}): ${tags}${parents}, freeing ${bytesText(plan.bytes, plan.exact)}`,
					'warn',
					true,
				),
			);
		}
		if (plan.usedBy.length > 0)
			lines.push(
				line(
					`  used by ${plan.usedBy.length === 1 ? 'container' : 'containers'} ${list(plan.usedBy)}: the Engine refuses without force (f forces)`,
					'error',
				),
			);
		else if (plan.needsForce)
			lines.push(line('  several tags: removing the image by ID needs force (f forces)', 'error'));
	});
	if (plans.length > 1)
		lines.push(
			blank,
			line(
				`Frees ${bytesText(
					plans.reduce((sum, plan) => sum + plan.bytes, 0),
					plans.every((plan) => plan.exact),
				)} in all`,
				'warn',
				true,
			),
		);
	const force = plans.some((plan) => plan.needsForce) ? '  f force' : '';
	return {title, lines, keys: `y remove${force}  any other key cancels`};
}

/** The Untagged/Deleted lines of `docker rmi`, and the refusals with the Engine's reason. */
export function imageRemovalLines(result: ImageRemoval[], usedBy: string[]): DialogLine[] {
	const lines: DialogLine[] = [];
	for (const removal of result) {
		if (removal.error) {
			lines.push(line(`${sanitizeField(removal.label)}: not removed: ${sanitizeField(removal.error)}`, 'error'));
			if (removal.conflict && usedBy.length > 0) lines.push(line(`  held by ${list([...new Set(usedBy)])}`, 'error'));
		}
		for (const tag of removal.untagged) lines.push(line(`Untagged: ${sanitizeField(tag)}`, 'ok'));
		for (const id of removal.deleted) lines.push(line(`Deleted: ${shortId(id)}`, 'ok'));
	}
	return lines;
}

export const imageRemovalStatus = (result: ImageRemoval[]) => {
	const untagged = result.reduce((sum, removal) => sum + removal.untagged.length, 0);
	const deleted = result.reduce((sum, removal) => sum + removal.deleted.length, 0);
	const failed = result.filter((removal) => removal.error);
	const done = `untagged ${untagged}, deleted ${deleted}`;
	return failed.length === 0
		? `image remove: ${done}`
		: `image remove: ${done}; ${failed.map((removal) => `${sanitizeField(removal.label)}: ${sanitizeField(removal.error)}`).join('; ')}`;
};

export function volumeRemoveText(dialog: Of<'volume-remove'>): DialogText {
	const n = dialog.targets.length;
	const title = n === 1 ? `Remove volume ${sanitizeField(dialog.targets[0]!.name)}` : `Remove ${n} volumes`;
	const phase = phaseText(dialog, {loading: 'checking the volumes…', running: 'removing…'});
	if (phase) return {title, ...phase};
	if (dialog.phase === 'done' && dialog.result)
		return {title, lines: namedRunLines(dialog.result, 'volume'), keys: 'any key closes'};
	const bytes = dialog.targets.reduce((sum, target) => sum + (target.size ?? 0), 0);
	const lines = [
		line(`Will remove ${count(n, 'volume')} and the data in it, freeing ${humanSize(bytes)}:`, 'warn', true),
		...columns(
			dialog.targets.map((target) => [
				sanitizeField(target.name),
				target.size === undefined ? 'size unknown' : humanSize(target.size),
			]),
		),
	];
	return {title, lines, keys: 'y remove  any other key cancels'};
}

export function containerConfirmText(dialog: Of<'container-confirm'>): DialogText {
	const n = dialog.targets.length;
	const verb = dialog.operation === 'kill' ? 'Kill' : 'Remove';
	const title = n === 1 ? `${verb} container ${sanitizeField(dialog.targets[0]!.name)}` : `${verb} ${n} containers`;
	const phase = phaseText(dialog, {loading: '…', running: dialog.operation === 'kill' ? 'killing…' : 'removing…'});
	if (phase) return {title, ...phase};
	if (dialog.phase === 'done' && dialog.result)
		return {title, lines: [line(summariseOutcomes(dialog.result))], keys: 'any key closes'};
	const what = (state: string) =>
		dialog.operation === 'kill'
			? isActiveState(state)
				? 'kill (SIGKILL)'
				: 'not running: the Engine will refuse'
			: isActiveState(state)
				? 'stop and remove (force)'
				: 'remove';
	const lines = [
		line(`${verb} ${count(n, 'container')}:`, 'warn', true),
		...columns(
			dialog.targets.map((target) => [sanitizeField(target.name), sanitizeField(target.state), what(target.state)]),
		),
	];
	if (dialog.operation === 'remove') {
		lines.push(
			blank,
			line(
				`[${dialog.withVolumes ? 'x' : ' '}] also remove their anonymous volumes (v); named volumes always stay`,
				dialog.withVolumes ? 'warn' : undefined,
			),
		);
	}
	const keys =
		dialog.operation === 'remove'
			? 'y remove  v: anonymous volumes too  any other key cancels'
			: 'y kill  any other key cancels';
	return {title, lines, keys};
}

export function tagText(dialog: Of<'tag'>): DialogText {
	const title = `Tag image ${sanitizeField(dialog.target.label)}`;
	const lines: DialogLine[] = [
		line(`New tag for ${shortId(dialog.target.id)} (repository[:tag], e.g. myapp:2 or registry:5000/team/app:1):`),
		line(`> ${sanitizeField(dialog.text)}_`, 'accent', true),
	];
	if (dialog.phase === 'running') lines.push(line('tagging…', 'muted'));
	if (dialog.error) lines.push(blank, line(sanitizeField(dialog.error), 'error'));
	return {title, lines, keys: 'Enter tag  Esc cancel'};
}
