/** A details view: a title, then scrollable lines (long values wrap under their own column). */
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {LaidOutLine} from '../format/details.ts';
import {fit, truncate} from '../format/text.ts';
import {wrapText} from '../format/wrap.ts';
import type {Theme} from '../theme.ts';

type Props = {
	title: string;
	lines?: LaidOutLine[];
	error?: string;
	top: number;
	width: number;
	height: number;
	theme: Theme;
};

function DetailsViewFrame({title, lines, error, top, width, height, theme}: Props) {
	// An error is read whole (up to 3 lines: a timeout names the request and the wait at its end). The title and
	// the error come off the lines' room (else Yoga squeezes the title out).
	const errorLines = error ? wrapText(theme.text(`error: ${error}`), width).slice(0, 3) : [];
	const bodyHeight = Math.max(0, height - 1 - errorLines.length);
	const count = lines?.length ?? 0;
	const position =
		count > bodyHeight ? ` ${theme.separator} lines ${top + 1}-${Math.min(count, top + bodyHeight)} of ${count}` : '';
	const visible = lines?.slice(top, top + bodyHeight) ?? [];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				{fit(theme.text(title + position), width, 'left', theme.ellipsis)}
			</Text>
			{errorLines.map((text, i) => (
				<Text key={`error-${i}`} color={theme.tone('error')} wrap="truncate">
					{truncate(text, width, theme.ellipsis)}
				</Text>
			))}
			{!lines && !error && <Text color={theme.tone('muted')}>loading…</Text>}
			{visible.map((line, i) => (
				<Text key={top + i} bold={line.heading} color={line.heading ? theme.tone('title') : undefined} wrap="truncate">
					{fit(theme.text(line.text), width, 'left', theme.ellipsis)}
				</Text>
			))}
		</Box>
	);
}

export const DetailsView = memo(DetailsViewFrame);
