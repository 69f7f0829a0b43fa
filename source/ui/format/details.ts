/** Details views as lines of text: pure formatters from inspect answers, and wrapping to a width. */
import {
	agoText,
	containerName,
	humanSize,
	sanitizeField,
	shortId,
	type ContainerInspect,
	type ContainerSummary,
	type HistoryEntry,
	type ImageInspect,
	type Volume,
} from '../../core/index.ts';
import {splitColumns} from './text.ts';

/** `since`: a Unix time (seconds) whose "(N ago)" follows the value, worked out when drawn (withTimes). */
export type DetailLine = {label?: string; value: string; heading?: boolean; since?: number};

const LABEL_WIDTH = 15;
const heading = (value: string): DetailLine => ({value, heading: true});
const field = (label: string, value: string | number | undefined | null): DetailLine => ({
	label,
	value: value === undefined || value === null || value === '' ? '-' : String(value),
});
const blank: DetailLine = {value: ''};
/** A time field: the ISO text, and "(N ago)" after it when drawn. */
const whenField = (label: string, iso: string | undefined): DetailLine => {
	if (!iso || iso.startsWith('0001-')) return {label, value: '-'};
	const time = Date.parse(iso);
	return Number.isNaN(time)
		? {label, value: sanitizeField(iso)}
		: {label, value: sanitizeField(iso), since: time / 1000};
};

/** The lines with their relative times at `now`, and when the first of those texts changes. */
export function withTimes(lines: DetailLine[], now: number): {lines: DetailLine[]; changesAt?: number} {
	let changesAt: number | undefined;
	const out = lines.map((line) => {
		if (line.since === undefined) return line;
		const ago = agoText(line.since, now);
		if (ago.changesAt !== undefined && (changesAt === undefined || ago.changesAt < changesAt))
			changesAt = ago.changesAt;
		return {...line, value: `${line.value} (${ago.text})`};
	});
	return {lines: out, changesAt};
}

function section(title: string, items: DetailLine[], empty = 'none'): DetailLine[] {
	return [blank, heading(title), ...(items.length > 0 ? items : [{value: empty}])];
}

const keyValues = (record: Record<string, string> | null | undefined): DetailLine[] =>
	Object.entries(record ?? {})
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, value]) => ({value: `${sanitizeField(key)}=${sanitizeField(value)}`}));

const quoteArgs = (args: string[] | null | undefined) =>
	(args ?? []).map((arg) => (/\s/.test(arg) || arg === '' ? JSON.stringify(arg) : arg)).join(' ');

export function containerDetails(c: ContainerInspect): DetailLine[] {
	const ports = Object.entries(c.NetworkSettings?.Ports ?? {}).map(([port, bindings]) => ({
		value:
			bindings && bindings.length > 0
				? bindings.map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort} -> ${port}`).join(', ')
				: `${port} (not published)`,
	}));
	const mounts = (c.Mounts ?? []).map((m) => ({
		value: `${m.Type === 'volume' ? sanitizeField(m.Name ?? m.Source) : sanitizeField(m.Source)} -> ${sanitizeField(m.Destination)} (${m.Type}${m.RW ? '' : ', read-only'})`,
	}));
	const networks = Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, net]) => ({
		value: `${sanitizeField(name)}${net?.IPAddress ? `  ${net.IPAddress}` : ''}`,
	}));
	const state = c.State;
	const stateText = state.Running
		? state.Paused
			? 'paused'
			: state.Restarting
				? 'restarting'
				: 'running'
		: sanitizeField(state.Status);
	return [
		field('Name', sanitizeField(c.Name.replace(/^\//, ''))),
		field('ID', c.Id),
		field('Image', sanitizeField(c.Config.Image)),
		field('Image ID', shortId(c.Image)),
		field('Command', sanitizeField(quoteArgs([c.Path, ...(c.Args ?? [])]))),
		whenField('Created', c.Created),
		field('State', stateText + (state.Pid ? ` (pid ${state.Pid})` : '')),
		whenField('Started', state.StartedAt),
		state.Running ? field('Finished', '-') : whenField('Finished', state.FinishedAt),
		field('Exit code', state.Running ? '-' : state.ExitCode),
		...(state.Error ? [field('Error', sanitizeField(state.Error))] : []),
		field('Restart count', c.RestartCount),
		field('Restart policy', sanitizeField(c.HostConfig?.RestartPolicy?.Name) || 'no'),
		field('User', sanitizeField(c.Config.User) || 'image default'),
		field('Working dir', sanitizeField(c.Config.WorkingDir)),
		field('TTY', c.Config.Tty ? 'yes' : 'no'),
		...section('Ports', ports),
		...section('Mounts', mounts),
		...section('Networks', networks),
		...section(
			'Environment',
			(c.Config.Env ?? []).map((line) => ({value: sanitizeField(line)})),
		),
		...section('Labels', keyValues(c.Config.Labels)),
	];
}

export function imageDetails(
	image: ImageInspect,
	history: HistoryEntry[],
	users: ContainerSummary[] | undefined,
): DetailLine[] {
	const layers = history.map((entry) => ({
		value: `${humanSize(entry.Size).padStart(8)}  ${sanitizeField(entry.CreatedBy.replace(/^\/bin\/sh -c #\(nop\) /, '').replace(/^\/bin\/sh -c /, 'RUN '))}`,
	}));
	return [
		field('ID', image.Id),
		whenField('Created', image.Created),
		field('Size', humanSize(image.Size)),
		field('Platform', `${sanitizeField(image.Os)}/${sanitizeField(image.Architecture)}`),
		field('Parent', image.Parent ? shortId(image.Parent) : '-'),
		field('Command', sanitizeField(quoteArgs([...(image.Config?.Entrypoint ?? []), ...(image.Config?.Cmd ?? [])]))),
		...section(
			'Tags',
			(image.RepoTags ?? []).map((tag) => ({value: sanitizeField(tag)})),
			'none (dangling: no tag points at this image)',
		),
		...section(
			'Digests',
			(image.RepoDigests ?? []).map((digest) => ({value: sanitizeField(digest)})),
		),
		...section(
			'Containers using it',
			users === undefined
				? [{value: '…'}]
				: users.map((c) => ({value: `${sanitizeField(containerName(c))}  (${sanitizeField(c.State)})`})),
		),
		...section(`Layers (${image.RootFS?.Layers?.length ?? 0}) and history, newest first`, layers),
		...section('Labels', keyValues(image.Config?.Labels)),
	];
}

export function volumeDetails(
	volume: Volume,
	users: ContainerSummary[] | undefined,
	size: number | undefined,
): DetailLine[] {
	return [
		field('Name', sanitizeField(volume.Name)),
		field('Driver', sanitizeField(volume.Driver)),
		field('Scope', sanitizeField(volume.Scope)),
		field('Mountpoint', sanitizeField(volume.Mountpoint)),
		whenField('Created', volume.CreatedAt),
		field('Size', size !== undefined && size >= 0 ? humanSize(size) : 'unknown (see the Disk pane)'),
		...section(
			'Containers using it',
			users === undefined
				? [{value: '…'}]
				: users.map((c) => ({value: `${sanitizeField(containerName(c))}  (${sanitizeField(c.State)})`})),
		),
		...section('Labels', keyValues(volume.Labels)),
		...section('Options', keyValues(volume.Options ?? undefined)),
	];
}

export type LaidOutLine = {text: string; heading: boolean; label: boolean};

/** Lay the lines out for a width: labels in a column, long values wrapped under their own start. */
export function layoutDetails(lines: DetailLine[], width: number): LaidOutLine[] {
	const out: LaidOutLine[] = [];
	for (const line of lines) {
		if (line.label !== undefined) {
			const labelWidth = Math.min(LABEL_WIDTH, Math.max(4, Math.floor(width / 3)));
			const indent = ' '.repeat(labelWidth + 1);
			const pieces = splitColumns(line.value, Math.max(1, width - labelWidth - 1));
			pieces.forEach((piece, i) => {
				const label = i === 0 ? line.label!.slice(0, labelWidth).padEnd(labelWidth) + ' ' : indent;
				out.push({text: label + piece, heading: false, label: i === 0});
			});
		} else {
			const indent = line.heading ? '' : '  ';
			for (const piece of splitColumns(line.value, Math.max(1, width - indent.length)))
				out.push({text: indent + piece, heading: line.heading === true, label: false});
		}
	}
	return out;
}
