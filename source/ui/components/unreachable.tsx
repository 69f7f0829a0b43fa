/**
 * What the body shows while tsdock has never reached the daemon: which endpoint, why not (in full, wrapped),
 * that it retries by itself with growing waits, and how to leave or point elsewhere.
 */
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {sanitizeField} from '../../core/index.ts';
import {truncate} from '../format/text.ts';
import {wrapText} from '../format/wrap.ts';
import type {Theme} from '../theme.ts';

type Props = {where: string; reason: string; retryInMs: number; width: number; height: number; theme: Theme};

export function unreachableLines(
	where: string,
	reason: string,
	retryInMs: number,
	width: number,
): Array<{text: string; tone?: 'error' | 'muted'; bold?: boolean}> {
	const inner = Math.max(1, width - 2);
	const indent = (lines: string[]) => lines.map((text) => `  ${text}`);
	const seconds = Math.round(retryInMs / 100) / 10;
	return [
		{text: 'Cannot reach the Docker daemon', bold: true},
		...indent(wrapText(`at ${sanitizeField(where)}`, inner)).map((text) => ({text})),
		{text: ''},
		...indent(wrapText(sanitizeField(reason), inner)).map((text) => ({text, tone: 'error' as const})),
		{text: ''},
		...indent(
			wrapText(
				`Retrying by itself: next try in ${seconds} s (the wait grows up to 10 s). The lists appear as soon as the daemon answers.`,
				inner,
			),
		).map((text) => ({text})),
		...indent(wrapText('q quits · --host, DOCKER_HOST or --context pick another daemon', inner)).map((text) => ({
			text,
			tone: 'muted' as const,
		})),
	];
}

function UnreachableView({where, reason, retryInMs, width, height, theme}: Props) {
	const lines = unreachableLines(where, reason, retryInMs, width).slice(0, Math.max(1, height));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{lines.map((line, i) => (
				<Text key={i} bold={line.bold} color={line.tone ? theme.tone(line.tone) : undefined} wrap="truncate">
					{truncate(theme.text(line.text), width, theme.ellipsis) || ' '}
				</Text>
			))}
		</Box>
	);
}

export const Unreachable = memo(UnreachableView);
