/** A modal dialog: title, the body (scrolled when longer than the room), and the keys it takes. */
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {dialogBodyHeight} from '../format/dialog-lines.ts';
import {dialogText} from '../format/dialog-text.ts';
import {fit} from '../format/text.ts';
import type {DialogState} from '../state/dialog.ts';
import type {Theme} from '../theme.ts';

type Props = {dialog: DialogState; width: number; height: number; theme: Theme};

function DialogBoxView({dialog, width, height, theme}: Props) {
	const {title, lines, keys} = dialogText(dialog);
	const room = dialogBodyHeight(height);
	const top = Math.max(0, Math.min(dialog.top, lines.length - room));
	const more = top + room < lines.length;
	const visible = lines.slice(top, top + room - (more ? 1 : 0));
	const text = (value: string) => fit(theme.text(value), width, 'left', theme.ellipsis);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={theme.tone('accent')} wrap="truncate">
				{text(title)}
			</Text>
			<Text> </Text>
			{visible.map((line, i) => (
				<Text key={top + i} bold={line.bold} color={line.tone ? theme.tone(line.tone) : undefined} wrap="truncate">
					{text(line.text)}
				</Text>
			))}
			{more && (
				<Text color={theme.tone('muted')} wrap="truncate">
					{text(
						`  ${theme.down} ${lines.length - top - visible.length} more lines (${theme.ascii ? 'Down PgDn' : '↓ PgDn'})`,
					)}
				</Text>
			)}
			<Box flexGrow={1} />
			<Text color={theme.tone('accent')} wrap="truncate">
				{text(keys)}
			</Text>
		</Box>
	);
}

export const DialogBox = memo(DialogBoxView);
