/** The top two lines: where we are connected and how, then the pane tabs. */
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {sanitizeField} from '../../core/index.ts';
import {panes, type PaneId} from '../panes/registry.ts';
import {displayWidth, truncate} from '../format/text.ts';
import type {ConnectionState, EngineInfo} from '../state/types.ts';
import type {Theme} from '../theme.ts';

type Props = {
	where: string;
	engine?: EngineInfo;
	connection: ConnectionState;
	readOnly: boolean;
	pane: PaneId;
	width: number;
	theme: Theme;
};

export function connectionText(connection: ConnectionState): string {
	switch (connection.state) {
		case 'connecting':
			return 'connecting…';
		case 'connected':
			return 'connected';
		case 'reconnecting':
			return `reconnecting (${connection.reason}; next try in ${Math.round(connection.retryInMs / 100) / 10} s)`;
		case 'disconnected':
			return `disconnected: ${connection.reason} (next try in ${Math.round(connection.retryInMs / 100) / 10} s)`;
	}
}

function HeaderView({where, engine, connection, readOnly, pane, width, theme}: Props) {
	const engineText = engine
		? `${sanitizeField(engine.name)} ${sanitizeField(engine.version)} (API ${sanitizeField(engine.apiVersion)})`
		: '';
	const tone = connection.state === 'connected' ? 'ok' : connection.state === 'connecting' ? 'muted' : 'error';
	const left = [`tsdock`, sanitizeField(where), engineText, readOnly ? 'read-only' : '']
		.filter(Boolean)
		.join(` ${theme.separator} `);
	const state = `${theme.dot} ${connectionText(connection)}`;
	// The connection state (and its reason) wins over the endpoint text when space is short.
	const stateText = truncate(theme.text(state), Math.max(0, width - Math.min(left.length, 16) - 1), theme.ellipsis);
	const leftText = truncate(theme.text(left), Math.max(0, width - displayWidth(stateText) - 1), theme.ellipsis);
	return (
		<Box flexDirection="column" width={width}>
			<Box width={width} justifyContent="space-between">
				<Text bold wrap="truncate">
					{leftText}
				</Text>
				<Text color={theme.tone(tone)} wrap="truncate">
					{stateText}
				</Text>
			</Box>
			<Text wrap="truncate">
				{panes.map(({id, title}, i) => {
					const label = ` ${i + 1} ${title} `;
					return id === pane ? (
						<Text key={id} inverse bold color={theme.tone('accent')}>
							{label}
						</Text>
					) : (
						<Text key={id} color={theme.tone('muted')}>
							{label}
						</Text>
					);
				})}
			</Text>
		</Box>
	);
}

export const Header = memo(HeaderView);
