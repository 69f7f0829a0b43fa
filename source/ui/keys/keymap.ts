/**
 * The key map: ONE table that the key handling, the footer, the `?` help overlay and `tsdock help keys` read.
 * Add a row here to add a key; nothing else lists keys. Each row says which modes it works in (see modes.ts),
 * which command it gives, and what kind of key it is. The pane digits and the panes' own toggles come from the
 * pane registry.
 */
import type {Key} from 'ink';
import {panes, type PaneId} from '../panes/registry.ts';

/**
 * Who has the keyboard: the pane's list, a details view, the filter box, the help overlay, a dialog, a dialog's
 * text box, the logs view, its search/since prompt, the image history, the exec "start it?" offer, the host
 * switcher and its name prompt. Picked once per key (modeOf in state/mode.ts).
 */
export type Mode =
	| 'list'
	| 'details'
	| 'filter'
	| 'help'
	| 'dialog'
	| 'dialog-input'
	| 'logs'
	| 'prompt'
	| 'history'
	| 'exec-offer'
	| 'switcher'
	| 'switcher-input';

/** The modes in which printable keys are text for a text box. */
export const textModes: ReadonlySet<Mode> = new Set(['filter', 'dialog-input', 'prompt', 'switcher-input']);

/**
 * What a key does, which decides when it may run.
 * - show: moves, shows or hides something in tsdock itself; may run from a chunk of keys typed fast.
 * - text: opens a text box; from a chunk, the rest of the chunk is its text.
 * - write: changes something on the daemon (or asks to, with a preview); refused in read-only mode, while not
 *   connected and while another change runs; never from a chunk.
 * - act: answers a dialog, connects, hands the terminal over, quits; never from a chunk.
 */
export type KeyKind = 'show' | 'text' | 'write' | 'act';

/** The movement commands: one mapping (keys/movement.ts) serves every list and view. */
export type MoveCommand = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

export type CommandId =
	| `pane-${PaneId}`
	| 'pane-next'
	| 'pane-prev'
	| MoveCommand
	| 'backspace'
	| 'filter-start'
	| 'filter-keep'
	| 'filter-clear'
	| 'open-details'
	| 'back'
	| 'help'
	| 'help-close'
	| 'quit'
	| 'toggle-dangling'
	| 'toggle-unused'
	| 'toggle-all'
	| 'cycle-sort'
	| 'mark'
	| 'container-start-stop'
	| 'container-restart'
	| 'container-pause'
	| 'container-kill'
	| 'container-remove'
	| 'image-remove'
	| 'image-prune'
	| 'image-tag'
	| 'volume-remove'
	| 'volume-prune'
	| 'system-prune'
	| 'dialog-confirm'
	| 'dialog-all'
	| 'dialog-volumes'
	| 'dialog-force'
	| 'dialog-cancel'
	| 'dialog-submit'
	| 'switcher-open'
	| 'switcher-go'
	| 'switcher-close'
	| 'switcher-name'
	| 'switcher-forget'
	| 'switcher-name-save'
	| 'switcher-name-cancel'
	| 'open-logs'
	| 'open-history'
	| 'exec-shell'
	| 'logs-follow'
	| 'logs-timestamps'
	| 'logs-wrap'
	| 'logs-search'
	| 'logs-next'
	| 'logs-previous'
	| 'logs-since'
	| 'logs-back'
	| 'prompt-apply'
	| 'prompt-cancel'
	| 'history-whole'
	| 'history-back'
	| 'offer-start'
	| 'offer-cancel'
	| 'suspend';

export type Binding = {
	/** Canonical key names (see keyName): a printable character as itself, or up, pageup, shift-tab, ctrl-c, ... */
	keys: string[];
	description: string;
	modes: Mode[];
	/** Only in these panes (all panes when absent). */
	panes?: PaneId[];
	command: CommandId;
	kind: KeyKind;
	/** What a refusal calls a write key ("start/stop"). */
	label?: string;
	/** Short text for the footer; bindings without it are only in the help overlay. */
	footer?: string;
	/** How the footer writes the key when not the first key's label (e.g. "1-4"). */
	footerKey?: string;
};

const views: Mode[] = ['list', 'details'];
const allModes: Mode[] = [
	'list',
	'details',
	'filter',
	'help',
	'dialog',
	'dialog-input',
	'logs',
	'prompt',
	'history',
	'exec-offer',
	'switcher',
	'switcher-input',
];
const scrolling: Mode[] = ['list', 'details', 'help', 'logs', 'history', 'switcher'];

/** The digit keys of the registry's first nine panes. */
const paneKeys: Binding[] = panes.slice(0, 9).map((pane, i, shown) => ({
	keys: [String(i + 1)],
	description: pane.description,
	modes: views,
	command: `pane-${pane.id}`,
	kind: 'show',
	...(i === shown.length - 1 ? {footer: 'panes', footerKey: `1-${shown.length}`} : {}),
}));

/** The panes' own toggles (D, a), one row each. */
const toggleKeys: Binding[] = panes.flatMap((pane) =>
	pane.toggle
		? [
				{
					keys: [pane.toggle.key],
					description: pane.toggle.description,
					modes: ['list'] as Mode[],
					panes: [pane.id],
					command: pane.toggle.command,
					kind: 'show' as const,
					footer: pane.toggle.footer,
				},
			]
		: [],
);

const sorted = panes.filter((pane) => pane.sorts.length > 1).map((pane) => pane.id);

export const keymap: readonly Binding[] = [
	...paneKeys,
	{keys: ['tab'], description: 'next pane', modes: views, command: 'pane-next', kind: 'show'},
	{keys: ['shift-tab'], description: 'previous pane', modes: views, command: 'pane-prev', kind: 'show'},
	{keys: ['up', 'k'], description: 'move up', modes: scrolling, command: 'up', kind: 'show'},
	{
		keys: ['down', 'j'],
		description: 'move down',
		modes: scrolling,
		command: 'down',
		kind: 'show',
		footer: 'move',
		footerKey: '↑↓',
	},
	{keys: ['pageup'], description: 'page up', modes: scrolling, command: 'page-up', kind: 'show'},
	{keys: ['pagedown'], description: 'page down', modes: scrolling, command: 'page-down', kind: 'show'},
	{keys: ['g', 'home'], description: 'go to the top', modes: scrolling, command: 'top', kind: 'show'},
	{keys: ['G', 'end'], description: 'go to the bottom', modes: scrolling, command: 'bottom', kind: 'show'},
	{
		keys: ['/'],
		description: 'filter this list (names, images, tags, IDs; plain text, any case)',
		modes: ['list'],
		command: 'filter-start',
		kind: 'text',
		footer: 'filter',
	},
	{
		keys: ['enter'],
		description: 'keep the filter and go back to the list',
		modes: ['filter'],
		command: 'filter-keep',
		kind: 'show',
		footer: 'keep',
	},
	{
		keys: ['escape'],
		description: 'clear the filter',
		modes: ['filter', 'list'],
		command: 'filter-clear',
		kind: 'show',
		footer: 'clear',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character',
		modes: ['filter'],
		command: 'backspace',
		kind: 'show',
	},
	{
		keys: ['enter'],
		description: 'details of the selected item',
		modes: ['list'],
		command: 'open-details',
		kind: 'show',
		footer: 'details',
	},
	{
		keys: ['escape', 'q'],
		description: 'back to the list',
		modes: ['details'],
		command: 'back',
		kind: 'show',
		footer: 'back',
	},
	...toggleKeys,
	{
		keys: ['S'],
		description: 'cycle the sort column',
		modes: ['list'],
		panes: sorted,
		command: 'cycle-sort',
		kind: 'show',
		footer: 'sort',
	},
	{
		keys: ['space'],
		description: 'mark or unmark the row (the action keys act on every marked row)',
		modes: ['list'],
		panes: ['containers', 'images', 'volumes'],
		command: 'mark',
		kind: 'show',
	},
	{
		keys: ['s'],
		description: 'start or stop the container (at once)',
		modes: ['list'],
		panes: ['containers'],
		command: 'container-start-stop',
		kind: 'write',
		label: 'start/stop',
	},
	{
		keys: ['r'],
		description: 'restart the container (at once)',
		modes: ['list'],
		panes: ['containers'],
		command: 'container-restart',
		kind: 'write',
		label: 'restart',
	},
	{
		keys: ['p'],
		description: 'pause or unpause the container (at once)',
		modes: ['list'],
		panes: ['containers'],
		command: 'container-pause',
		kind: 'write',
		label: 'pause/unpause',
	},
	{
		keys: ['K'],
		description: 'kill the container (asks first)',
		modes: ['list'],
		panes: ['containers'],
		command: 'container-kill',
		kind: 'write',
		label: 'kill',
	},
	{
		keys: ['d'],
		description: 'remove the container (asks first; v in the dialog also removes its anonymous volumes)',
		modes: ['list'],
		panes: ['containers'],
		command: 'container-remove',
		kind: 'write',
		label: 'remove',
		footer: 'remove',
	},
	{
		keys: ['d'],
		description:
			'remove the image: untag or delete, with the bytes freed (asks first; f forces only when you press it)',
		modes: ['list'],
		panes: ['images'],
		command: 'image-remove',
		kind: 'write',
		label: 'remove',
		footer: 'remove',
	},
	{
		keys: ['P'],
		description:
			'prune images: preview exactly what goes and the bytes reclaimed, then y (dangling; a in the dialog: all unused)',
		modes: ['list'],
		panes: ['images'],
		command: 'image-prune',
		kind: 'write',
		label: 'prune',
		footer: 'prune',
	},
	{
		keys: ['t'],
		description: 'tag the image',
		modes: ['list'],
		panes: ['images'],
		command: 'image-tag',
		kind: 'write',
		label: 'tag',
	},
	{
		keys: ['d'],
		description: 'remove the volume (asks first; refused while a container uses it)',
		modes: ['list'],
		panes: ['volumes'],
		command: 'volume-remove',
		kind: 'write',
		label: 'remove',
		footer: 'remove',
	},
	{
		keys: ['P'],
		description: 'prune unused volumes: preview, then y (API >= 1.42: anonymous only; a in the dialog: all unused)',
		modes: ['list'],
		panes: ['volumes'],
		command: 'volume-prune',
		kind: 'write',
		label: 'prune',
		footer: 'prune',
	},
	{
		keys: ['P'],
		description:
			'system prune: preview stopped containers, dangling images, build cache (a: all unused images, v: volumes too), then y',
		modes: ['list'],
		panes: ['disk'],
		command: 'system-prune',
		kind: 'write',
		label: 'prune',
		footer: 'prune',
	},
	{
		keys: ['y'],
		description: 'yes: do what the dialog shows (in a result: close it)',
		modes: ['dialog'],
		command: 'dialog-confirm',
		kind: 'act',
		footer: 'yes',
	},
	{
		keys: ['a'],
		description: 'prune previews: switch between dangling/anonymous only and all unused',
		modes: ['dialog'],
		command: 'dialog-all',
		kind: 'act',
	},
	{
		keys: ['v'],
		description: 'system prune: include unused volumes; container remove: also remove anonymous volumes',
		modes: ['dialog'],
		command: 'dialog-volumes',
		kind: 'act',
	},
	{
		keys: ['f'],
		description: 'force-remove an image a container holds (never done without this key)',
		modes: ['dialog'],
		command: 'dialog-force',
		kind: 'act',
	},
	{keys: ['up'], description: 'scroll the dialog up', modes: ['dialog'], command: 'up', kind: 'show'},
	{keys: ['down'], description: 'scroll the dialog down', modes: ['dialog'], command: 'down', kind: 'show'},
	{keys: ['pageup'], description: 'scroll the dialog a page up', modes: ['dialog'], command: 'page-up', kind: 'show'},
	{
		keys: ['pagedown'],
		description: 'scroll the dialog a page down',
		modes: ['dialog'],
		command: 'page-down',
		kind: 'show',
	},
	{
		keys: ['escape', 'n'],
		description: 'cancel (any key not listed for the dialog cancels too)',
		modes: ['dialog'],
		command: 'dialog-cancel',
		kind: 'act',
		footer: 'cancel (any other key too)',
	},
	{
		keys: ['enter'],
		description: 'tag the image with the text typed',
		modes: ['dialog-input'],
		command: 'dialog-submit',
		kind: 'act',
		footer: 'tag',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character typed',
		modes: ['dialog-input'],
		command: 'backspace',
		kind: 'show',
	},
	{
		keys: ['escape'],
		description: 'cancel the tag',
		modes: ['dialog-input'],
		command: 'dialog-cancel',
		kind: 'act',
		footer: 'cancel',
	},
	{
		keys: ['l'],
		description: 'logs of the container: the last lines, then live',
		modes: ['list'],
		panes: ['containers'],
		command: 'open-logs',
		kind: 'show',
		footer: 'logs',
	},
	{
		keys: ['e'],
		description: 'shell in the container (bash, else sh; exit comes back here; a stopped one is offered a start)',
		modes: ['list'],
		panes: ['containers'],
		command: 'exec-shell',
		kind: 'act',
		footer: 'shell',
	},
	{
		keys: ['h'],
		description: 'history of the image: its layers, like docker history',
		modes: ['list'],
		panes: ['images'],
		command: 'open-history',
		kind: 'show',
		footer: 'history',
	},
	{
		keys: ['f'],
		description: 'follow the live log on/off',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-follow',
		kind: 'show',
		footer: 'follow',
	},
	{
		keys: ['t'],
		description: 'timestamps on/off',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-timestamps',
		kind: 'show',
		footer: 'time',
	},
	{
		keys: ['w'],
		description: 'wrap long lines on/off',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-wrap',
		kind: 'show',
		footer: 'wrap',
	},
	{
		keys: ['/'],
		description: 'search the log (plain text, any case; matches highlighted)',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-search',
		kind: 'text',
		footer: 'search',
	},
	{
		keys: ['n'],
		description: 'next search match',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-next',
		kind: 'show',
		footer: 'match',
		footerKey: 'n/N',
	},
	{
		keys: ['N'],
		description: 'previous search match',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-previous',
		kind: 'show',
	},
	{
		keys: ['s'],
		description: 'show the log since a time: 10m, 2h, 1h30m or RFC 3339 (empty: the last lines again)',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-since',
		kind: 'text',
		footer: 'since',
	},
	{
		keys: ['escape', 'q'],
		description: 'close the logs (stops the stream)',
		modes: ['logs'],
		panes: ['containers'],
		command: 'logs-back',
		kind: 'show',
		footer: 'back',
	},
	{
		keys: ['enter'],
		description: 'search for / show since the text typed',
		modes: ['prompt'],
		panes: ['containers'],
		command: 'prompt-apply',
		kind: 'act',
		footer: 'apply',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character of the search or since',
		modes: ['prompt'],
		panes: ['containers'],
		command: 'backspace',
		kind: 'show',
	},
	{
		keys: ['escape'],
		description: 'cancel the search or since',
		modes: ['prompt'],
		panes: ['containers'],
		command: 'prompt-cancel',
		kind: 'act',
		footer: 'cancel',
	},
	{
		keys: ['enter'],
		description: "the selected layer's CREATED BY whole (again: back to the layers)",
		modes: ['history'],
		panes: ['images'],
		command: 'history-whole',
		kind: 'show',
		footer: 'whole',
	},
	{
		keys: ['escape', 'q'],
		description: 'back: from a whole layer to the layers, then to the list',
		modes: ['history'],
		panes: ['images'],
		command: 'history-back',
		kind: 'show',
		footer: 'back',
	},
	{
		keys: ['y'],
		description: 'start the stopped container and open the shell',
		modes: ['exec-offer'],
		panes: ['containers'],
		command: 'offer-start',
		kind: 'act',
		footer: 'start it',
	},
	{
		keys: ['n', 'escape'],
		description: 'leave the container stopped',
		modes: ['exec-offer'],
		panes: ['containers'],
		command: 'offer-cancel',
		kind: 'act',
		footer: 'no',
	},
	{
		keys: ['c'],
		description: 'switch host or Docker context (reconnects live)',
		modes: ['list'],
		command: 'switcher-open',
		kind: 'act',
		footer: 'host',
	},
	{
		keys: ['enter'],
		description: 'connect to the selected host or context',
		modes: ['switcher'],
		command: 'switcher-go',
		kind: 'act',
		footer: 'connect',
	},
	{
		keys: ['n'],
		description: 'name the --host endpoint and keep it in the settings',
		modes: ['switcher'],
		command: 'switcher-name',
		kind: 'act',
		footer: 'name & save',
	},
	{
		keys: ['x'],
		description: 'forget the selected saved host (settings only; nothing on any daemon)',
		modes: ['switcher'],
		command: 'switcher-forget',
		kind: 'act',
		footer: 'forget',
	},
	{
		keys: ['escape', 'c', 'q'],
		description: 'close the switcher',
		modes: ['switcher'],
		command: 'switcher-close',
		kind: 'act',
		footer: 'close',
	},
	{
		keys: ['enter'],
		description: 'save the host under this name',
		modes: ['switcher-input'],
		command: 'switcher-name-save',
		kind: 'act',
		footer: 'save',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character',
		modes: ['switcher-input'],
		command: 'backspace',
		kind: 'show',
	},
	{
		keys: ['escape'],
		description: 'do not save',
		modes: ['switcher-input'],
		command: 'switcher-name-cancel',
		kind: 'act',
		footer: 'cancel',
	},
	{
		keys: ['?'],
		description: 'help: every key of this pane',
		modes: [...views, 'logs', 'history'],
		command: 'help',
		kind: 'show',
		footer: 'help',
	},
	{
		keys: ['escape', '?', 'q'],
		description: 'close the help',
		modes: ['help'],
		command: 'help-close',
		kind: 'show',
		footer: 'close',
	},
	{
		keys: ['q'],
		description: 'quit (from a details view: back first)',
		modes: ['list'],
		command: 'quit',
		kind: 'act',
		footer: 'quit',
	},
	{
		keys: ['ctrl-c'],
		description: 'quit at once',
		modes: allModes,
		command: 'quit',
		kind: 'act',
	},
	{
		keys: ['ctrl-z'],
		description:
			'suspend: back to the shell (fg returns here as it was; jobs pause meanwhile; refused while a shell in a container has the terminal)',
		modes: allModes,
		command: 'suspend',
		kind: 'act',
	},
];

const applies = (binding: Binding, mode: Mode, pane: PaneId) =>
	binding.modes.includes(mode) && (!binding.panes || binding.panes.includes(pane));

/** The binding for a key in a mode and pane, or undefined. */
export function bindingFor(name: string, mode: Mode, pane: PaneId): Binding | undefined {
	return keymap.find((binding) => applies(binding, mode, pane) && binding.keys.includes(name));
}

/** Every binding that applies in a mode and pane, in table order. */
export const bindingsFor = (mode: Mode, pane: PaneId): Binding[] =>
	keymap.filter((binding) => applies(binding, mode, pane));

/** The first binding that gives a command (for its key's label). */
export const bindingOf = (command: CommandId): Binding | undefined =>
	keymap.find((binding) => binding.command === command);

/** Ink's (input, key) as one canonical name; '' for keys we never bind. */
export function keyName(input: string, key: Key): string {
	if (key.ctrl && input === 'c') return 'ctrl-c';
	if (key.ctrl && input === 'z') return 'ctrl-z';
	if (input === ' ') return 'space';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl || key.meta) return '';
	return input;
}

const labels: Record<string, [string, string]> = {
	up: ['↑', 'Up'],
	down: ['↓', 'Down'],
	pageup: ['PgUp', 'PgUp'],
	pagedown: ['PgDn', 'PgDn'],
	home: ['Home', 'Home'],
	end: ['End', 'End'],
	tab: ['Tab', 'Tab'],
	'shift-tab': ['Shift-Tab', 'Shift-Tab'],
	enter: ['Enter', 'Enter'],
	escape: ['Esc', 'Esc'],
	backspace: ['Backspace', 'Backspace'],
	'ctrl-c': ['Ctrl-C', 'Ctrl-C'],
	'ctrl-z': ['Ctrl-Z', 'Ctrl-Z'],
	space: ['Space', 'Space'],
};

/** How a key is written for people. */
export const keyLabel = (name: string, ascii = false): string => labels[name]?.[ascii ? 1 : 0] ?? name;

export const bindingLabel = (binding: Binding, ascii = false): string =>
	binding.keys.map((key) => keyLabel(key, ascii)).join(' ');
