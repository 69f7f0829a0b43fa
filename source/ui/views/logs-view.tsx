/**
 * The logs view: a title with the stream's state, the visible window of the log (stderr marked and in red,
 * search matches highlighted) and one line for the prompt or the search position. Every line was passed
 * through sanitizeLine when it arrived: nothing a container prints reaches the terminal raw.
 */
import React from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {GUTTER, matchSegments} from '../format/log-lines.ts';
import {fit} from '../format/text.ts';
import {useLogVersion} from '../hooks/use-log-version.ts';
import type {LogSession} from '../logs/log-session.ts';
import type {PromptState} from '../state/view-types.ts';
import type {Theme} from '../theme.ts';

type Props = {session: LogSession; name: string; prompt?: PromptState; width: number; height: number; theme: Theme};

export const stderrMark = (theme: Theme): string => (theme.ascii ? '!' : '▌');

const count = (value: number) => value.toLocaleString('en-US');
const widthOf = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text));

export function logsTitle(session: LogSession, name: string, theme: Theme): string {
	const parts = [`Logs ${name}`];
	switch (session.status) {
		case 'loading':
			parts.push('loading…');
			break;
		case 'following':
			parts.push('following');
			break;
		case 'paused':
			parts.push('paused (f: follow)');
			break;
		case 'ended':
			parts.push(`ended: ${session.message ?? 'the log ended'}`);
			break;
		case 'error':
			parts.push(`error: ${session.message ?? ''}`);
			break;
	}
	parts.push(`${count(session.ring.size)} lines`);
	parts.push(session.since ? `since ${session.since.text}` : `last ${count(session.tail)}`);
	if (session.timestamps) parts.push('timestamps');
	if (session.wrap) parts.push('wrap');
	if (session.dropped > 0)
		parts.push(`${count(session.dropped)} older lines dropped (buffer ${count(session.ring.capacity)})`);
	return parts.join(` ${theme.separator} `);
}

export function logsBottomLine(session: LogSession, prompt: PromptState | undefined, theme: Theme): string {
	if (prompt?.kind === 'search') return `search: ${prompt.text}▏  (Enter search, Esc cancel)`;
	if (prompt?.kind === 'since')
		return `since (10m, 2h, 1h30m, 2024-05-01T10:00:00Z; empty: last ${count(session.tail)} lines): ${prompt.text}▏`;
	if (session.query !== '') {
		const {index, count: total} = session.matchPosition();
		if (total === 0) return `"${session.query}": no matches`;
		return `"${session.query}": match ${index > 0 ? count(index) : '-'} of ${count(total)} ${theme.separator} n next, N previous`;
	}
	if (session.top !== undefined) return `scrolled ${theme.separator} G: back to the newest lines`;
	return '';
}

export function LogsView({session, name, prompt, width, height, theme}: Props) {
	useLogVersion(session);
	const textWidth = Math.max(1, width - GUTTER);
	const bodyHeight = Math.max(1, height - 2);
	session.setViewport(textWidth, bodyHeight);
	const view = session.window();
	const mark = stderrMark(theme);
	const bottom = logsBottomLine(session, prompt, theme);
	const errorTone = theme.tone('error');
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				{fit(theme.text(logsTitle(session, name, theme)), width, 'left', theme.ellipsis)}
			</Text>
			<Box flexDirection="column" width={width} height={bodyHeight} overflow="hidden">
				{view.rows.length === 0 && (
					<Text color={theme.tone('muted')} wrap="truncate">
						{fit(session.status === 'loading' ? 'loading…' : 'no log lines', width)}
					</Text>
				)}
				{view.rows.map((row, i) => {
					const line = session.line(row.seq);
					const stderr = line?.stream === 'stderr';
					const current = row.seq === session.current;
					const text = theme.text(row.text);
					const gutter = (current && row.first ? theme.pointer : ' ') + (stderr ? mark : ' ');
					const pad = ' '.repeat(Math.max(0, textWidth - widthOf(text)));
					const segments = matchSegments(text, session.query);
					return (
						<Text key={`${row.seq}:${i}`} wrap="truncate" color={stderr ? errorTone : undefined}>
							{gutter}
							{segments.map((segment, s) =>
								segment.match ? (
									<Text key={s} inverse bold={current} underline={current}>
										{segment.text}
									</Text>
								) : (
									segment.text
								),
							)}
							{pad}
						</Text>
					);
				})}
			</Box>
			<Text color={prompt ? theme.tone('accent') : theme.tone('muted')} wrap="truncate">
				{fit(theme.text(bottom), width, 'left', theme.ellipsis)}
			</Text>
		</Box>
	);
}
