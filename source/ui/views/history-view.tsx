/**
 * An image's history (`h` on an image), like `docker history`: one row per layer, newest first; Enter shows
 * the selected layer's CREATED BY whole. If the image is removed while the view is open, the view says so
 * and keeps what it showed.
 */
import React, {useEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {errorLine, humanSize, isTsdockError, type HistoryEntry} from '../../core/index.ts';
import {Table} from '../components/table.tsx';
import {historyColumns, historyRows, historyTotal, layerLines} from '../format/history-rows.ts';
import {splitColumns} from '../format/text.ts';
import {fit} from '../format/text.ts';
import type {HistoryState} from '../state/view-types.ts';
import type {Theme} from '../theme.ts';
import type {EnginePort} from '../engine-port.ts';

export type HistoryData = {entries?: HistoryEntry[]; size?: number; error?: string; removed?: boolean};

/** Load the history of `id`; check again whenever `version` changes (the image list moved), to notice a removal. */
export function useHistory(port: EnginePort | undefined, id: string | undefined, version: unknown): HistoryData {
	const [data, setData] = useState<HistoryData>({});
	useEffect(() => setData({}), [id]);
	useEffect(() => {
		if (!id || !port) return;
		let live = true;
		Promise.all([port.imageHistory(id), port.inspectImage(id).catch(() => undefined)]).then(
			([entries, image]) => live && setData({entries, size: image?.Size}),
			(error: unknown) => {
				if (!live) return;
				const gone = isTsdockError(error) && error.kind === 'not-found';
				setData((previous) => ({
					...previous,
					removed: gone || previous.removed,
					error: gone ? undefined : errorLine(error),
				}));
			},
		);
		return () => {
			live = false;
		};
	}, [port, id, version]);
	return data;
}

/** Lines of the whole-layer panel, wrapped to the width. */
export function wholeLines(entry: HistoryEntry, width: number, now?: number): Array<{text: string; heading?: boolean}> {
	return layerLines(entry, now).flatMap((line) =>
		splitColumns(line.text, width).map((text) => ({text, heading: line.heading})),
	);
}

type Props = {state: HistoryState; data: HistoryData; width: number; height: number; theme: Theme; now?: number};

export function historyTitle(state: HistoryState, data: HistoryData, theme: Theme): string {
	const parts = [`History of ${state.label}`];
	if (data.entries) {
		parts.push(`${data.entries.length} ${data.entries.length === 1 ? 'layer' : 'layers'}`);
		parts.push(`total ${humanSize(historyTotal(data.entries, data.size))}`);
		if (data.entries.length > 0) parts.push(`row ${state.index + 1}`);
	}
	if (data.removed) parts.push('the image was removed (showing what it was)');
	return parts.join(` ${theme.separator} `);
}

export function HistoryView({state, data, width, height, theme, now}: Props) {
	const rows = useMemo(() => (data.entries ? historyRows(data.entries, now) : []), [data.entries, now]);
	const entry = data.entries?.[state.index];
	const whole = useMemo(
		() => (state.whole && entry ? wholeLines(entry, width, now) : undefined),
		[state.whole, entry, width, now],
	);
	const titleTone = data.removed ? theme.tone('warn') : undefined;
	let body: React.ReactNode;
	if (data.removed && !data.entries) {
		body = <Text color={theme.tone('warn')}>{fit('this image no longer exists (it was removed)', width)}</Text>;
	} else if (data.error && !data.entries) {
		body = (
			<Text color={theme.tone('error')} wrap="truncate">
				{fit(theme.text(`error: ${data.error}`), width, 'left', theme.ellipsis)}
			</Text>
		);
	} else if (!data.entries) {
		body = <Text color={theme.tone('muted')}>loading…</Text>;
	} else if (whole) {
		const visible = whole.slice(state.wholeTop, state.wholeTop + height - 1);
		body = visible.map((line, i) => (
			<Text
				key={state.wholeTop + i}
				bold={line.heading}
				color={line.heading ? theme.tone('title') : undefined}
				wrap="truncate"
			>
				{fit(theme.text(line.text), width, 'left', theme.ellipsis)}
			</Text>
		));
	} else {
		body = (
			<Table
				columns={historyColumns}
				rows={rows}
				width={width}
				height={Math.max(1, height - 2)}
				top={state.top}
				cursor={state.index}
				theme={theme}
			/>
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={titleTone} wrap="truncate">
				{fit(theme.text(historyTitle(state, data, theme)), width, 'left', theme.ellipsis)}
			</Text>
			{body}
		</Box>
	);
}
