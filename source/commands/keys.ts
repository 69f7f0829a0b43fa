import {bindingLabel, keymap, type Binding} from '../ui/keys/keymap.ts';
import {panes, paneSpec} from '../ui/panes/registry.ts';

/** The key map as rows of (keys, where, what), straight from the table the UI reads. Pure. */
export function keyRows(ascii = false): Array<[string, string, string]> {
	const modeWords: Record<string, string> = {
		list: 'list',
		details: 'details',
		filter: 'filter box',
		help: 'help',
		logs: 'logs view',
		prompt: 'logs search/since prompt',
		history: 'image history',
		'exec-offer': 'start-it offer',
		dialog: 'dialog',
		'dialog-input': 'tag prompt',
		switcher: 'host switcher',
		'switcher-input': 'host name prompt',
	};
	const where = (binding: Binding) => {
		const which =
			binding.panes && binding.panes.length < panes.length
				? binding.panes.map((pane) => paneSpec(pane).title).join(', ')
				: 'all panes';
		return `${which}: ${binding.modes.map((mode) => modeWords[mode] ?? mode).join(', ')}`;
	};
	return keymap.map((binding) => [bindingLabel(binding, ascii), where(binding), binding.description]);
}

/** `tsdock help keys`: the key map for a terminal. */
export function keysText(): string {
	const rows = keyRows(true);
	const keyWidth = Math.max(4, ...rows.map((row) => row[0].length));
	const whereWidth = Math.max(5, ...rows.map((row) => row[1].length));
	const line = (row: [string, string, string]) =>
		`  ${row[0].padEnd(keyWidth)}   ${row[1].padEnd(whereWidth)}   ${row[2]}`.trimEnd();
	return [
		'tsdock keys (the same table the ? overlay in the UI reads)',
		'',
		line(['KEYS', 'WHERE', 'WHAT']),
		...rows.map(line),
		'',
	].join('\n');
}

/** The README's key map table (kept in sync by a test). */
export function keysMarkdown(): string {
	const escape = (text: string) => text.replaceAll('|', '\\|');
	return [
		'| keys | where | what |',
		'|---|---|---|',
		...keyRows().map(
			(row) => `| ${row.map((cell, index) => (index === 0 ? `\`${escape(cell)}\`` : escape(cell))).join(' | ')} |`,
		),
	].join('\n');
}
