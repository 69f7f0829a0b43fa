/** The `?` overlay: every key of the current pane, straight from the key map. */
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {bindingLabel, bindingsFor, type Mode} from '../keys/keymap.ts';
import {paneSpec, type PaneId} from '../panes/registry.ts';
import {fit} from '../format/text.ts';
import type {Theme} from '../theme.ts';

export type HelpLine = {text: string; heading: boolean};

/** The overlay's lines for a pane: the mode it was opened from first. */
export function helpLines(pane: PaneId, from: Mode, ascii: boolean, width: number): HelpLine[] {
	const sections: Array<[Mode, string]> = [
		['list', `In the ${paneSpec(pane).title} list`],
		['filter', 'While typing a filter'],
		['details', 'In a details view'],
		['logs', 'In the logs view'],
		['prompt', 'Typing a log search or since'],
		['history', 'In the image history'],
		['exec-offer', 'When e offers to start a stopped container'],
		['dialog', 'In a confirmation or preview dialog (any other key cancels)'],
		['dialog-input', 'Typing a new tag'],
		['help', 'In this help'],
	];
	// The section of where the help was opened from comes first.
	const fromIndex = sections.findIndex(([mode]) => mode === from);
	if (fromIndex > 0) sections.unshift(sections.splice(fromIndex, 1)[0]!);
	const keyWidth = Math.min(18, Math.max(8, Math.floor(width / 4)));
	const lines: HelpLine[] = [];
	const listed = new Set<object>();
	for (const [mode, title] of sections) {
		// Each row of the key map once, under the first section it applies to.
		const bindings = bindingsFor(mode, pane).filter((binding) => !listed.has(binding));
		for (const binding of bindings) listed.add(binding);
		if (bindings.length === 0) continue;
		if (lines.length > 0) lines.push({text: '', heading: false});
		lines.push({text: title, heading: true});
		for (const binding of bindings) {
			lines.push({text: `  ${fit(bindingLabel(binding, ascii), keyWidth)} ${binding.description}`, heading: false});
		}
	}
	return lines;
}

type Props = {pane: PaneId; from: Mode; top: number; width: number; height: number; theme: Theme};

function HelpOverlayView({pane, from, top, width, height, theme}: Props) {
	const lines = helpLines(pane, from, theme.ascii, width);
	const start = Math.max(0, Math.min(top, lines.length - height));
	const visible = lines.slice(start, start + height);
	const more = start + height < lines.length;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{visible.map((line, i) =>
				more && i === visible.length - 1 ? (
					<Text key="more" color={theme.tone('muted')} wrap="truncate">
						{fit(`  ${theme.down} more: ${theme.ascii ? 'j' : '↓ j'} PgDn G`, width)}
					</Text>
				) : (
					<Text
						key={start + i}
						bold={line.heading}
						color={line.heading ? theme.tone('title') : undefined}
						wrap="truncate"
					>
						{fit(theme.text(line.text), width, 'left', theme.ellipsis)}
					</Text>
				),
			)}
		</Box>
	);
}

export const HelpOverlay = memo(HelpOverlayView);
