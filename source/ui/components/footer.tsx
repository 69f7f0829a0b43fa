/** The bottom line: the keys that matter here, read from the key map. */
import React, {memo} from 'react';
import {Text} from 'ink';
import {bindingsFor, keyLabel, type Binding, type Mode} from '../keys/keymap.ts';
import type {PaneId} from '../panes/registry.ts';
import {truncate} from '../format/text.ts';
import type {Theme} from '../theme.ts';

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

export function footerKey(binding: Binding, ascii: boolean): string {
	if (binding.footerKey && (!ascii || isAscii(binding.footerKey))) return binding.footerKey;
	return keyLabel(binding.keys[0]!, ascii);
}

export function footerText(mode: Mode, pane: PaneId, ascii: boolean): string {
	return bindingsFor(mode, pane)
		.filter((binding) => binding.footer)
		.map((binding) => `${footerKey(binding, ascii)} ${binding.footer}`)
		.join('  ');
}

function FooterView({mode, pane, width, theme}: {mode: Mode; pane: PaneId; width: number; theme: Theme}) {
	return (
		<Text color={theme.tone('muted')} wrap="truncate">
			{truncate(theme.text(footerText(mode, pane, theme.ascii)), width, theme.ellipsis)}
		</Text>
	);
}

export const Footer = memo(FooterView);
