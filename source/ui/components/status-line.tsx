/** One line for results and errors. */
import React, {memo} from 'react';
import {Text} from 'ink';
import {truncate} from '../format/text.ts';
import type {StatusMessage} from '../state/types.ts';
import type {Theme} from '../theme.ts';

function StatusLineView({status, width, theme}: {status?: StatusMessage; width: number; theme: Theme}) {
	if (!status) return <Text> </Text>;
	return (
		<Text color={theme.tone(status.tone === 'error' ? 'error' : 'accent')} wrap="truncate">
			{truncate(theme.text(status.text), width, theme.ellipsis)}
		</Text>
	);
}

export const StatusLine = memo(StatusLineView);
