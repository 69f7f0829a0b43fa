/**
 * The host/context switcher (`c`): Docker contexts, hosts saved in the settings and the --host endpoint;
 * Enter reconnects the whole UI to the selected one, live.
 */
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {Table} from '../components/table.tsx';
import {switcherColumns, switcherRows} from '../format/switcher-rows.ts';
import {fit} from '../format/text.ts';
import type {SwitcherState} from '../state/switcher.ts';
import type {Theme} from '../theme.ts';

type Props = {state: SwitcherState; width: number; height: number; theme: Theme};

export function SwitcherView({state, width, height, theme}: Props) {
	const rows = useMemo(() => switcherRows(state.targets, theme.ascii), [state.targets, theme.ascii]);
	const extra = state.naming === undefined ? (state.note ? 1 : 0) : 1;
	const title = `Switch host · ${state.targets.length} ${state.targets.length === 1 ? 'target' : 'targets'} · Enter connects, the whole UI follows`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				{fit(theme.text(title), width, 'left', theme.ellipsis)}
			</Text>
			<Table
				columns={switcherColumns}
				rows={rows}
				width={width}
				height={Math.max(1, height - 2 - extra)}
				top={state.top}
				cursor={state.index}
				theme={theme}
			/>
			{state.naming !== undefined ? (
				<Text color={theme.tone('accent')} wrap="truncate">
					{fit(theme.text(`name for this --host endpoint: ${state.naming}_`), width, 'left', theme.ellipsis)}
				</Text>
			) : state.note ? (
				<Text color={theme.tone('warn')} wrap="truncate">
					{fit(theme.text(state.note), width, 'left', theme.ellipsis)}
				</Text>
			) : null}
		</Box>
	);
}
