/** The bottom line: the keys that matter here, read from the key map. */
import React, {memo} from 'react';
import {Text} from 'ink';
import {bindingsFor, keyLabel, type Binding, type KeyContext, type PaneId} from '../keymap.ts';
import {truncate} from '../format/text.ts';
import type {Theme} from '../theme.ts';

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

export function footerKey(binding: Binding, ascii: boolean): string {
	if (binding.footerKey && (!ascii || isAscii(binding.footerKey))) return binding.footerKey;
	return keyLabel(binding.keys[0]!, ascii);
}

export function footerText(context: KeyContext, pane: PaneId, ascii: boolean): string {
	return bindingsFor(context, pane)
		.filter((binding) => binding.footer)
		.map((binding) => `${footerKey(binding, ascii)} ${binding.footer}`)
		.join('  ');
}

function FooterView({context, pane, width, theme}: {context: KeyContext; pane: PaneId; width: number; theme: Theme}) {
	return (
		<Text color={theme.tone('muted')} wrap="truncate">
			{truncate(theme.text(footerText(context, pane, theme.ascii)), width, theme.ellipsis)}
		</Text>
	);
}

export const Footer = memo(FooterView);
