/**
 * The key map: ONE table that the input handling and the `?` help overlay (and `tsdock help keys`) both
 * read. Add a row here to add a key; nothing else lists keys.
 */
import type {Key} from 'ink';

export type PaneId = 'containers' | 'images' | 'volumes' | 'disk';
export const paneIds: readonly PaneId[] = ['containers', 'images', 'volumes', 'disk'];
export const paneTitles: Record<PaneId, string> = {
	containers: 'Containers',
	images: 'Images',
	volumes: 'Volumes',
	disk: 'Disk',
};

/** Where a key is read: the pane's list, a details view, the filter box, the help overlay, a dialog, a dialog's input box. */
export type KeyContext =
	'list' | 'details' | 'filter' | 'help' | 'dialog' | 'dialog-input' | ViewKeyContext | SwitcherKeyContext;

/** The host/context switcher and its name prompt (source/ui/views/switcher-view.tsx). */
export type SwitcherKeyContext = 'switcher' | 'switcher-input';

/** The logs view, its search/since prompt, the image history view, the exec "start it?" offer (source/ui/views/). */
export type ViewKeyContext = 'logs' | 'prompt' | 'history' | 'exec-offer';

export type ActionId =
	| 'pane-containers'
	| 'pane-images'
	| 'pane-volumes'
	| 'pane-disk'
	| 'pane-next'
	| 'pane-prev'
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'top'
	| 'bottom'
	| 'filter-start'
	| 'filter-keep'
	| 'filter-clear'
	| 'filter-backspace'
	| 'open-details'
	| 'back'
	| 'help'
	| 'help-close'
	| 'quit'
	| 'toggle-dangling'
	| 'toggle-unused'
	| 'toggle-all'
	| 'cycle-sort'
	| ActionKeyId
	| ViewActionId;

/** Keys of the logs, history and exec views (source/ui/views/view-actions.ts). */
export type ViewActionId =
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
	| 'prompt-backspace'
	| 'prompt-cancel'
	| 'history-whole'
	| 'history-back'
	| 'offer-start'
	| 'offer-cancel';

/** The action and cleanup keys (source/ui/actions/) and the keys of their dialogs. */
export type ActionKeyId =
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
	| 'dialog-up'
	| 'dialog-down'
	| 'dialog-page-up'
	| 'dialog-page-down'
	| 'dialog-cancel'
	| 'dialog-submit'
	| 'dialog-backspace'
	| 'switcher-open'
	| 'switcher-go'
	| 'switcher-close'
	| 'switcher-name'
	| 'switcher-forget'
	| 'switcher-name-save'
	| 'switcher-name-cancel'
	| 'switcher-name-backspace';

export type Binding = {
	/** Canonical key names (see keyName): a printable character as itself, or up, pageup, shift-tab, ctrl-c, ... */
	keys: string[];
	description: string;
	contexts: KeyContext[];
	/** Only in these panes (all panes when absent). */
	panes?: PaneId[];
	action: ActionId;
	/** Short text for the footer; bindings without it are only in the help overlay. */
	footer?: string;
	/** How the footer writes the key when not the first key's label (e.g. "1-4"). */
	footerKey?: string;
};

const views: KeyContext[] = ['list', 'details'];

export const keymap: readonly Binding[] = [
	{keys: ['1'], description: 'Containers pane', contexts: views, action: 'pane-containers'},
	{keys: ['2'], description: 'Images pane', contexts: views, action: 'pane-images'},
	{keys: ['3'], description: 'Volumes pane', contexts: views, action: 'pane-volumes'},
	{
		keys: ['4'],
		description: 'Disk usage pane (docker system df)',
		contexts: views,
		action: 'pane-disk',
		footer: 'panes',
		footerKey: '1-4',
	},
	{keys: ['tab'], description: 'next pane', contexts: views, action: 'pane-next'},
	{keys: ['shift-tab'], description: 'previous pane', contexts: views, action: 'pane-prev'},
	{
		keys: ['up', 'k'],
		description: 'move up',
		contexts: ['list', 'details', 'help', 'logs', 'history', 'switcher'],
		action: 'up',
	},
	{
		keys: ['down', 'j'],
		description: 'move down',
		contexts: ['list', 'details', 'help', 'logs', 'history', 'switcher'],
		action: 'down',
		footer: 'move',
		footerKey: '↑↓',
	},
	{
		keys: ['pageup'],
		description: 'page up',
		contexts: ['list', 'details', 'help', 'logs', 'history', 'switcher'],
		action: 'page-up',
	},
	{
		keys: ['pagedown'],
		description: 'page down',
		contexts: ['list', 'details', 'help', 'logs', 'history', 'switcher'],
		action: 'page-down',
	},
	{
		keys: ['g', 'home'],
		description: 'go to the top',
		contexts: ['list', 'details', 'help', 'logs', 'history', 'switcher'],
		action: 'top',
	},
	{
		keys: ['G', 'end'],
		description: 'go to the bottom',
		contexts: ['list', 'details', 'help', 'logs', 'history', 'switcher'],
		action: 'bottom',
	},
	{
		keys: ['/'],
		description: 'filter this list (names, images, tags, IDs; plain text, any case)',
		contexts: ['list'],
		panes: ['containers', 'images', 'volumes', 'disk'],
		action: 'filter-start',
		footer: 'filter',
	},
	{
		keys: ['enter'],
		description: 'keep the filter and go back to the list',
		contexts: ['filter'],
		action: 'filter-keep',
		footer: 'keep',
	},
	{
		keys: ['escape'],
		description: 'clear the filter',
		contexts: ['filter', 'list'],
		action: 'filter-clear',
		footer: 'clear',
	},
	{keys: ['backspace'], description: 'delete the last character', contexts: ['filter'], action: 'filter-backspace'},
	{
		keys: ['enter'],
		description: 'details of the selected item',
		contexts: ['list'],
		action: 'open-details',
		footer: 'details',
	},
	{keys: ['escape', 'q'], description: 'back to the list', contexts: ['details'], action: 'back', footer: 'back'},
	{
		keys: ['D'],
		description: 'dangling images only (untagged, as docker images -f dangling=true)',
		contexts: ['list'],
		panes: ['images'],
		action: 'toggle-dangling',
		footer: 'dangling',
	},
	{
		keys: ['D'],
		description: 'unused volumes only (no container mounts them)',
		contexts: ['list'],
		panes: ['volumes'],
		action: 'toggle-unused',
		footer: 'unused',
	},
	{
		keys: ['a'],
		description: 'all containers / running only',
		contexts: ['list'],
		panes: ['containers'],
		action: 'toggle-all',
		footer: 'all',
	},
	{
		keys: ['S'],
		description: 'cycle the sort column',
		contexts: ['list'],
		panes: ['containers', 'images', 'volumes'],
		action: 'cycle-sort',
		footer: 'sort',
	},
	{
		keys: ['space'],
		description: 'mark or unmark the row (the action keys act on every marked row)',
		contexts: ['list'],
		panes: ['containers', 'images', 'volumes'],
		action: 'mark',
	},
	{
		keys: ['s'],
		description: 'start or stop the container (at once)',
		contexts: ['list'],
		panes: ['containers'],
		action: 'container-start-stop',
	},
	{
		keys: ['r'],
		description: 'restart the container (at once)',
		contexts: ['list'],
		panes: ['containers'],
		action: 'container-restart',
	},
	{
		keys: ['p'],
		description: 'pause or unpause the container (at once)',
		contexts: ['list'],
		panes: ['containers'],
		action: 'container-pause',
	},
	{
		keys: ['K'],
		description: 'kill the container (asks first)',
		contexts: ['list'],
		panes: ['containers'],
		action: 'container-kill',
	},
	{
		keys: ['d'],
		description: 'remove the container (asks first; v in the dialog also removes its anonymous volumes)',
		contexts: ['list'],
		panes: ['containers'],
		action: 'container-remove',
		footer: 'remove',
	},
	{
		keys: ['d'],
		description:
			'remove the image: untag or delete, with the bytes freed (asks first; f forces only when you press it)',
		contexts: ['list'],
		panes: ['images'],
		action: 'image-remove',
		footer: 'remove',
	},
	{
		keys: ['P'],
		description:
			'prune images: preview exactly what goes and the bytes reclaimed, then y (dangling; a in the dialog: all unused)',
		contexts: ['list'],
		panes: ['images'],
		action: 'image-prune',
		footer: 'prune',
	},
	{keys: ['t'], description: 'tag the image', contexts: ['list'], panes: ['images'], action: 'image-tag'},
	{
		keys: ['d'],
		description: 'remove the volume (asks first; refused while a container uses it)',
		contexts: ['list'],
		panes: ['volumes'],
		action: 'volume-remove',
		footer: 'remove',
	},
	{
		keys: ['P'],
		description: 'prune unused volumes: preview, then y (API >= 1.42: anonymous only; a in the dialog: all unused)',
		contexts: ['list'],
		panes: ['volumes'],
		action: 'volume-prune',
		footer: 'prune',
	},
	{
		keys: ['P'],
		description:
			'system prune: preview stopped containers, dangling images, build cache (a: all unused images, v: volumes too), then y',
		contexts: ['list'],
		panes: ['disk'],
		action: 'system-prune',
		footer: 'prune',
	},
	{
		keys: ['y'],
		description: 'yes: do what the dialog shows (in a result: close it)',
		contexts: ['dialog'],
		action: 'dialog-confirm',
		footer: 'yes',
	},
	{
		keys: ['a'],
		description: 'prune previews: switch between dangling/anonymous only and all unused',
		contexts: ['dialog'],
		action: 'dialog-all',
	},
	{
		keys: ['v'],
		description: 'system prune: include unused volumes; container remove: also remove anonymous volumes',
		contexts: ['dialog'],
		action: 'dialog-volumes',
	},
	{
		keys: ['f'],
		description: 'force-remove an image a container holds (never done without this key)',
		contexts: ['dialog'],
		action: 'dialog-force',
	},
	{keys: ['up'], description: 'scroll the dialog up', contexts: ['dialog'], action: 'dialog-up'},
	{keys: ['down'], description: 'scroll the dialog down', contexts: ['dialog'], action: 'dialog-down'},
	{keys: ['pageup'], description: 'scroll the dialog a page up', contexts: ['dialog'], action: 'dialog-page-up'},
	{keys: ['pagedown'], description: 'scroll the dialog a page down', contexts: ['dialog'], action: 'dialog-page-down'},
	{
		keys: ['escape', 'n'],
		description: 'cancel (any key not listed for the dialog cancels too)',
		contexts: ['dialog'],
		action: 'dialog-cancel',
		footer: 'cancel (any other key too)',
	},
	{
		keys: ['enter'],
		description: 'tag the image with the text typed',
		contexts: ['dialog-input'],
		action: 'dialog-submit',
		footer: 'tag',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character typed',
		contexts: ['dialog-input'],
		action: 'dialog-backspace',
	},
	{
		keys: ['escape'],
		description: 'cancel the tag',
		contexts: ['dialog-input'],
		action: 'dialog-cancel',
		footer: 'cancel',
	},
	{
		keys: ['l'],
		description: 'logs of the container: the last lines, then live',
		contexts: ['list'],
		panes: ['containers'],
		action: 'open-logs',
		footer: 'logs',
	},
	{
		keys: ['e'],
		description: 'shell in the container (bash, else sh; exit comes back here; a stopped one is offered a start)',
		contexts: ['list'],
		panes: ['containers'],
		action: 'exec-shell',
		footer: 'shell',
	},
	{
		keys: ['h'],
		description: 'history of the image: its layers, like docker history',
		contexts: ['list'],
		panes: ['images'],
		action: 'open-history',
		footer: 'history',
	},
	{
		keys: ['f'],
		description: 'follow the live log on/off',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-follow',
		footer: 'follow',
	},
	{
		keys: ['t'],
		description: 'timestamps on/off',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-timestamps',
		footer: 'time',
	},
	{
		keys: ['w'],
		description: 'wrap long lines on/off',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-wrap',
		footer: 'wrap',
	},
	{
		keys: ['/'],
		description: 'search the log (plain text, any case; matches highlighted)',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-search',
		footer: 'search',
	},
	{
		keys: ['n'],
		description: 'next search match',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-next',
		footer: 'match',
		footerKey: 'n/N',
	},
	{
		keys: ['N'],
		description: 'previous search match',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-previous',
	},
	{
		keys: ['s'],
		description: 'show the log since a time: 10m, 2h, 1h30m or RFC 3339 (empty: the last lines again)',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-since',
		footer: 'since',
	},
	{
		keys: ['escape', 'q'],
		description: 'close the logs (stops the stream)',
		contexts: ['logs'],
		panes: ['containers'],
		action: 'logs-back',
		footer: 'back',
	},
	{
		keys: ['enter'],
		description: 'search for / show since the text typed',
		contexts: ['prompt'],
		panes: ['containers'],
		action: 'prompt-apply',
		footer: 'apply',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character of the search or since',
		contexts: ['prompt'],
		panes: ['containers'],
		action: 'prompt-backspace',
	},
	{
		keys: ['escape'],
		description: 'cancel the search or since',
		contexts: ['prompt'],
		panes: ['containers'],
		action: 'prompt-cancel',
		footer: 'cancel',
	},
	{
		keys: ['enter'],
		description: "the selected layer's CREATED BY whole (again: back to the layers)",
		contexts: ['history'],
		panes: ['images'],
		action: 'history-whole',
		footer: 'whole',
	},
	{
		keys: ['escape', 'q'],
		description: 'back: from a whole layer to the layers, then to the list',
		contexts: ['history'],
		panes: ['images'],
		action: 'history-back',
		footer: 'back',
	},
	{
		keys: ['y'],
		description: 'start the stopped container and open the shell',
		contexts: ['exec-offer'],
		panes: ['containers'],
		action: 'offer-start',
		footer: 'start it',
	},
	{
		keys: ['n', 'escape'],
		description: 'leave the container stopped',
		contexts: ['exec-offer'],
		panes: ['containers'],
		action: 'offer-cancel',
		footer: 'no',
	},
	{
		keys: ['c'],
		description: 'switch host or Docker context (reconnects live)',
		contexts: ['list'],
		action: 'switcher-open',
		footer: 'host',
	},
	{
		keys: ['enter'],
		description: 'connect to the selected host or context',
		contexts: ['switcher'],
		action: 'switcher-go',
		footer: 'connect',
	},
	{
		keys: ['n'],
		description: 'name the --host endpoint and keep it in the settings',
		contexts: ['switcher'],
		action: 'switcher-name',
		footer: 'name & save',
	},
	{
		keys: ['x'],
		description: 'forget the selected saved host (settings only; nothing on any daemon)',
		contexts: ['switcher'],
		action: 'switcher-forget',
		footer: 'forget',
	},
	{
		keys: ['escape', 'c', 'q'],
		description: 'close the switcher',
		contexts: ['switcher'],
		action: 'switcher-close',
		footer: 'close',
	},
	{
		keys: ['enter'],
		description: 'save the host under this name',
		contexts: ['switcher-input'],
		action: 'switcher-name-save',
		footer: 'save',
	},
	{
		keys: ['backspace'],
		description: 'delete the last character',
		contexts: ['switcher-input'],
		action: 'switcher-name-backspace',
	},
	{
		keys: ['escape'],
		description: 'do not save',
		contexts: ['switcher-input'],
		action: 'switcher-name-cancel',
		footer: 'cancel',
	},
	{
		keys: ['?'],
		description: 'help: every key of this pane',
		contexts: [...views, 'logs', 'history'],
		action: 'help',
		footer: 'help',
	},
	{
		keys: ['escape', '?', 'q'],
		description: 'close the help',
		contexts: ['help'],
		action: 'help-close',
		footer: 'close',
	},
	{
		keys: ['q'],
		description: 'quit (from a details view: back first)',
		contexts: ['list'],
		action: 'quit',
		footer: 'quit',
	},
	{
		keys: ['ctrl-c'],
		description: 'quit at once',
		contexts: [
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
		],
		action: 'quit',
	},
];

const applies = (binding: Binding, context: KeyContext, pane: PaneId) =>
	binding.contexts.includes(context) && (!binding.panes || binding.panes.includes(pane));

/** The action for a key in a context, or undefined. */
export function resolveKey(name: string, context: KeyContext, pane: PaneId): ActionId | undefined {
	for (const binding of keymap) {
		if (applies(binding, context, pane) && binding.keys.includes(name)) return binding.action;
	}
	return undefined;
}

/** Every binding that applies in a context and pane, in table order. */
export const bindingsFor = (context: KeyContext, pane: PaneId): Binding[] =>
	keymap.filter((binding) => applies(binding, context, pane));

/** Ink's (input, key) as one canonical name; '' for keys we never bind. */
export function keyName(input: string, key: Key): string {
	if (key.ctrl && input === 'c') return 'ctrl-c';
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
	space: ['Space', 'Space'],
};

/** How a key is written for people. */
export const keyLabel = (name: string, ascii = false): string => labels[name]?.[ascii ? 1 : 0] ?? name;

export const bindingLabel = (binding: Binding, ascii = false): string =>
	binding.keys.map((key) => keyLabel(key, ascii)).join(' ');
