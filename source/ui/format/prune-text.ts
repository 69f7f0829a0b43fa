/** Prune previews and results: exactly what goes, the bytes, what stays and why. Pure. */
import {
	danglingHelp,
	humanSize,
	sanitizeField,
	shortId,
	type ImagePrunePlan,
	type ImagePruneRun,
	type NamedRun,
	type SystemPrunePlan,
	type VolumePrunePlan,
} from '../../core/index.ts';
import type {DialogState} from '../state/dialog.ts';
import {
	blank,
	bytesText,
	columns,
	count,
	line,
	phaseText,
	skippedLines,
	type DialogLine,
	type DialogText,
} from './dialog-lines.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;

const imageName = (name: string) => (name === '<none>:<none>' ? '<none>' : sanitizeField(name));

/** One row per image the prune removes: short ID, name (if any), size, and what kind of removal. */
export function imagePlanCells(plan: ImagePrunePlan): string[][] {
	return plan.items.map((item) => [
		shortId(item.id),
		item.untagOnly ? item.tags.map(sanitizeField).join(', ') : imageName(item.name),
		humanSize(item.size),
		item.intermediate
			? '(intermediate layer, goes with its child)'
			: item.untagOnly
				? '(untagged only: an image in use builds on it)'
				: '',
	]);
}

/** The images part of a prune preview. */
export function imagePlanLines(plan: ImagePrunePlan): DialogLine[] {
	const lines: DialogLine[] = [];
	const removed = plan.items.filter((item) => !item.untagOnly).length;
	const untagged = plan.items.length - removed;
	if (plan.items.length === 0)
		lines.push(line(plan.scope === 'dangling' ? 'No dangling image to remove.' : 'No unused image to remove.', 'ok'));
	else {
		const what = [count(removed, 'image'), untagged > 0 ? `${count(untagged, 'image')} untagged only` : '']
			.filter(Boolean)
			.join(', ');
		lines.push(line(`Will remove ${what}, reclaiming ${bytesText(plan.bytes, plan.exact)}:`, 'warn', true));
		const [header, ...rows] = columns([['IMAGE ID', 'NAME', 'SIZE', ''], ...imagePlanCells(plan)]);
		lines.push({...header!, tone: 'muted'}, ...rows);
	}
	if (plan.keptInUse.length > 0) {
		lines.push(
			blank,
			line(`Kept: ${count(plan.keptInUse.length, 'dangling image')} in use by containers (running or stopped):`, 'ok'),
		);
		lines.push(
			...columns(
				plan.keptInUse.map((kept) => [shortId(kept.id), `used by ${kept.containers.map(sanitizeField).join(', ')}`]),
			),
		);
	}
	if (!plan.exact)
		lines.push(blank, line('≈: some layers are shared by unrelated images, so their split is estimated', 'muted'));
	return lines;
}

export function imagePruneText(dialog: Of<'image-prune'>): DialogText {
	const all = dialog.scope === 'all';
	const title = all ? 'Prune all unused images (docker image prune -a)' : 'Prune dangling images (docker image prune)';
	const scopeNote = all
		? 'all unused = every image no container (running or stopped) uses, tagged or not'
		: danglingHelp;
	const switchKey = all ? 'a: dangling only' : 'a: all unused images (-a)';
	const phase = phaseText(dialog, {
		loading: 'working out what the prune would remove…',
		running: 'pruning: removing exactly the images shown…',
	});
	if (phase) return {title, lines: [line(scopeNote, 'muted'), blank, ...phase.lines], keys: phase.keys};
	if (dialog.phase === 'done' && dialog.result)
		return {title, lines: imageRunLines(dialog.result), keys: 'any key closes'};
	const plan = dialog.plan!;
	const keys =
		plan.items.length > 0 ? `y prune  ${switchKey}  any other key cancels` : `${switchKey}  any other key closes`;
	return {title, lines: [line(scopeNote, 'muted'), blank, ...imagePlanLines(plan)], keys};
}

export function imageRunLines(run: ImagePruneRun): DialogLine[] {
	return [
		line(
			`Deleted ${count(run.deleted.length, 'image')}${run.untagged.length > 0 ? `, untagged ${count(run.untagged.length, 'tag')}` : ''}; reclaimed ${humanSize(run.spaceReclaimed)}`,
			'ok',
			true,
		),
		...skippedLines(run.skipped),
	];
}

/** One line for the status area after an image prune. */
export const imageRunStatus = (run: ImagePruneRun) =>
	`image prune: deleted ${count(run.deleted.length, 'image')}, reclaimed ${humanSize(run.spaceReclaimed)}${run.skipped.length > 0 ? `; skipped ${run.skipped.length}` : ''}`;

export const volumeScopeNotes = (
	plan: Pick<VolumePrunePlan, 'all' | 'anonymousOnly' | 'skippedNamed'>,
): DialogLine[] => {
	const notes = [
		line('unused = no container, running or stopped, mounts it; only volumes of the local driver', 'muted'),
	];
	if (plan.all) notes.push(line('all: every unused volume, named or anonymous (docker volume prune -a)', 'warn'));
	else if (plan.anonymousOnly) {
		notes.push(
			line(
				`API >= 1.42 prunes only anonymous volumes unless all is set: ${count(plan.skippedNamed, 'unused named volume')} kept (a: all unused)`,
				'warn',
			),
		);
	} else
		notes.push(
			line(
				'API >= 1.42 prunes only anonymous volumes unless all is set; this Engine is older and prunes every unused volume, named too',
				'warn',
			),
		);
	return notes;
};

export function volumePlanLines(plan: VolumePrunePlan): DialogLine[] {
	if (plan.items.length === 0) return [line('No unused volume to remove in this scope.', 'ok')];
	return [
		line(`Will remove ${count(plan.items.length, 'volume')}, reclaiming ${humanSize(plan.bytes)}:`, 'warn', true),
		...columns(
			plan.items.map((item) => [sanitizeField(item.name), humanSize(item.size), item.anonymous ? '(anonymous)' : '']),
		),
	];
}

export function volumePruneText(dialog: Of<'volume-prune'>): DialogText {
	const title = dialog.all
		? 'Prune all unused volumes (docker volume prune -a)'
		: 'Prune unused volumes (docker volume prune)';
	const switchKey = dialog.all ? 'a: default scope' : 'a: all unused (named too)';
	const phase = phaseText(dialog, {
		loading: 'working out what the prune would remove…',
		running: 'pruning: removing exactly the volumes shown…',
	});
	if (phase) return {title, ...phase};
	if (dialog.phase === 'done' && dialog.result)
		return {title, lines: namedRunLines(dialog.result, 'volume'), keys: 'any key closes'};
	const plan = dialog.plan!;
	const keys =
		plan.items.length > 0 ? `y prune  ${switchKey}  any other key cancels` : `${switchKey}  any other key closes`;
	return {title, lines: [...volumeScopeNotes(plan), blank, ...volumePlanLines(plan)], keys};
}

export const namedRunLines = (run: NamedRun, noun: string): DialogLine[] => [
	line(`Removed ${count(run.deleted.length, noun)}; reclaimed ${humanSize(run.spaceReclaimed)}`, 'ok', true),
	...columns(run.deleted.map((name) => [sanitizeField(name)])),
	...skippedLines(run.skipped),
];

export const namedRunStatus = (run: NamedRun, what: string, noun: string) =>
	`${what}: removed ${count(run.deleted.length, noun)}, reclaimed ${humanSize(run.spaceReclaimed)}${run.skipped.length > 0 ? `; skipped ${run.skipped.length}` : ''}`;

export function systemPruneText(dialog: Of<'system-prune'>): DialogText {
	const flags = `${dialog.allImages ? ' -a' : ''}${dialog.volumes ? ' --volumes' : ''}`;
	const title = `System prune (docker system prune${flags})`;
	const phase = phaseText(dialog, {
		loading: 'working out what the prune would remove…',
		running: 'pruning: removing exactly what is shown…',
	});
	if (phase) return {title, ...phase};
	if (dialog.phase === 'done' && dialog.result) {
		const run = dialog.result;
		const lines = [
			line(`Reclaimed ${humanSize(run.spaceReclaimed)}`, 'ok', true),
			line(`  stopped containers removed: ${run.containers.deleted.length}`),
			line(
				`  images deleted: ${run.images.deleted.length}${run.images.untagged.length > 0 ? `, untagged: ${run.images.untagged.length}` : ''}`,
			),
			...(run.volumes ? [line(`  volumes removed: ${run.volumes.deleted.length}`)] : []),
			line(`  build cache records removed: ${run.buildCache.deleted.length}`),
			...skippedLines([...run.containers.skipped, ...run.images.skipped, ...(run.volumes?.skipped ?? [])]),
		];
		return {title, lines, keys: 'any key closes'};
	}
	const plan = dialog.plan!;
	const lines: DialogLine[] = [
		line(`Will reclaim ${bytesText(plan.bytes, plan.images.exact)} in all:`, 'warn', true),
		blank,
	];
	lines.push(
		line(`Stopped containers: ${plan.containers.length}`, undefined, true),
		...columns(plan.containers.map((c) => [sanitizeField(c.name) || shortId(c.id), humanSize(c.size)])),
	);
	lines.push(
		blank,
		line(
			dialog.allImages
				? 'Images: all unused (a: dangling only)'
				: `Images: dangling only (a: all unused) · ${danglingHelp}`,
			undefined,
			true,
		),
		...imagePlanLines(plan.images),
	);
	lines.push(blank);
	if (plan.volumes)
		lines.push(
			line('Volumes: unused ones (v: leave volumes alone)', undefined, true),
			...volumePlanLines(plan.volumes),
		);
	else lines.push(line('Volumes: not included (v: include unused volumes)', undefined, true));
	lines.push(
		blank,
		line(
			`Build cache: ${count(plan.buildCache.items.length, 'record')} not in use, ${humanSize(plan.buildCache.bytes)}`,
			undefined,
			true,
		),
	);
	const empty = systemPlanEmpty(plan);
	const keys = `${empty ? '' : 'y prune  '}a: ${dialog.allImages ? 'dangling images only' : 'all unused images'}  v: ${dialog.volumes ? 'no volumes' : 'volumes too'}  any other key ${empty ? 'closes' : 'cancels'}`;
	return {title, lines, keys};
}

export const systemRunStatus = (run: {
	spaceReclaimed: number;
	containers: NamedRun;
	images: ImagePruneRun;
	volumes?: NamedRun;
}) =>
	`system prune: removed ${count(run.containers.deleted.length, 'container')}, ${count(run.images.deleted.length, 'image')}${run.volumes ? `, ${count(run.volumes.deleted.length, 'volume')}` : ''}; reclaimed ${humanSize(run.spaceReclaimed)}`;

/** A system prune preview with nothing to remove (y then does nothing; the dialog says so). */
export const systemPlanEmpty = (plan: SystemPrunePlan): boolean =>
	plan.containers.length === 0 &&
	plan.images.items.length === 0 &&
	(plan.volumes?.items.length ?? 0) === 0 &&
	plan.buildCache.items.length === 0;
