/**
 * Every pane as drawn: the spec's fixed lines (the df summary), a title line (count, sort, filter), the spec's
 * notes, the table, and empty/loading text.
 */
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {Table} from '../components/table.tsx';
import type {PaneView} from '../hooks/use-pane-view.ts';
import {fit, truncate} from '../format/text.ts';
import {sortLabels, type Toggles} from '../state/types.ts';
import type {Theme} from '../theme.ts';
import {paneSpec} from './registry.ts';

export type ListPaneProps = {
	view: PaneView;
	toggles: Toggles;
	/** Only the running containers are listed so far (the first paint). */
	partial: boolean;
	filtering: boolean;
	width: number;
	/** Data rows the table shows (layoutFor works this out from the same spec). */
	rowsHeight: number;
	theme: Theme;
	/** The daemon is gone for now: these rows are the last ones it sent. */
	stale?: boolean;
};

export function titleLine(
	view: PaneView,
	title: string,
	filtering: boolean,
	theme: Theme,
): {left: string; right: string} {
	const count = view.model
		? view.rows.length === view.total
			? `${view.total}`
			: `${view.rows.length} of ${view.total}`
		: '';
	const position = view.rows.length > 0 ? ` ${theme.separator} row ${view.index + 1}` : '';
	const ids = view.state.marked ? new Set(view.rows.map((row) => row.id)) : undefined;
	const marked = view.state.marked?.filter((id) => ids!.has(id)).length ?? 0;
	const left = `${title}${count ? ` (${count})` : ''}${position}${marked > 0 ? ` ${theme.separator} ${marked} marked` : ''}`;
	const sort = paneSpec(view.pane).sorts.length > 1 ? `sort: ${sortLabels[view.state.sort]}` : '';
	const filter = filtering ? `/${view.state.filter}_` : view.state.filter ? `filter: ${view.state.filter}` : '';
	return {left, right: [filter, sort].filter(Boolean).join('  ')};
}

export function ListPane({view, toggles, partial, filtering, width, rowsHeight, theme, stale}: ListPaneProps) {
	const spec = paneSpec(view.pane);
	const marked = useMemo(() => (view.state.marked ? new Set(view.state.marked) : undefined), [view.state.marked]);
	const heading = titleLine(view, spec.heading(toggles), filtering, theme);
	const left = stale && view.model ? `${heading.left} ${theme.separator} stale (not connected)` : heading.left;
	const rightText = truncate(theme.text(heading.right), Math.max(0, width - 12), theme.ellipsis);
	const leftText = fit(theme.text(left), Math.max(0, width - rightText.length - 1), 'left', theme.ellipsis);
	let empty: string | undefined;
	if (!view.model) empty = view.error ? `error: ${view.error}` : 'loading…';
	else if (view.rows.length === 0)
		empty = view.state.filter ? `nothing matches "${view.state.filter}" (Esc clears the filter)` : spec.empty(toggles);
	const above = spec.above;
	return (
		<Box flexDirection="column" width={width}>
			{above && (
				<Box flexDirection="column" height={above.height} width={width}>
					{above.lines(view, width).map((line, i) => (
						<Text key={i} bold={line.heading} color={line.heading ? theme.tone('title') : undefined} wrap="truncate">
							{theme.text(line.text)}
						</Text>
					))}
				</Box>
			)}
			<Text wrap="truncate">
				<Text bold>{leftText}</Text>{' '}
				<Text color={filtering ? theme.tone('accent') : theme.tone('muted')}>{rightText}</Text>
			</Text>
			{spec.notes(toggles, partial).map((note, i) => (
				<Text key={i} color={theme.tone('warn')} wrap="truncate">
					{truncate(theme.text(note), width, theme.ellipsis)}
				</Text>
			))}
			{view.model && (
				<Table
					columns={view.model.columns}
					rows={view.rows}
					width={width}
					height={rowsHeight}
					top={view.top}
					cursor={view.index}
					marked={marked}
					theme={theme}
				/>
			)}
			{empty !== undefined && (
				<Text color={view.error && !view.model ? theme.tone('error') : theme.tone('muted')} wrap="truncate">
					{'  ' + truncate(theme.text(empty), width - 2, theme.ellipsis)}
				</Text>
			)}
		</Box>
	);
}
