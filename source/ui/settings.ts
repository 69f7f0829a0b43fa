/**
 * Settings kept between runs with `conf` (XDG config dir, or $TSDOCK_CONFIG_DIR): the last pane, each pane's
 * sort column and the list toggles. A file tsdock cannot read is reported and left untouched: nothing is
 * written to it for the rest of the session.
 */
import Conf from 'conf';
import os from 'node:os';
import path from 'node:path';
import {paneIds, paneSpec, type PaneId} from './panes/registry.ts';
import type {SortKey, Toggles, UiState} from './state/types.ts';
import type {Store} from './store.ts';
import type {SavedHost} from '../core/index.ts';

export type Settings = {pane: PaneId; sort: Record<PaneId, SortKey>; toggles: Toggles} & ViewSettingValues;

/** Set by hand in the file, never written by tsdock: log lines first shown, the logs view's buffer, the exec shell. */
export type ViewSettingValues = {logTail?: number; logBuffer?: number; shell?: string; hosts?: SavedHost[]};

const wholeNumber = (value: unknown, max: number): number | undefined =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;

export type SettingsHandle = {
	/** What was read (only valid values). */
	values: Partial<Settings>;
	/** Why the file could not be used, for the status line. */
	problem?: string;
	/** Write the settings whenever they change in the store; returns the unsubscribe. */
	follow(store: Store): () => void;
	/** Keep the named hosts (the switcher's `n`/`x`); returns why it failed, or undefined. */
	saveHosts(hosts: SavedHost[]): string | undefined;
};

export function configDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.TSDOCK_CONFIG_DIR || undefined;
}

/** Only the valid parts of what the file holds. */
export function readSettings(raw: unknown): Partial<Settings> {
	const values: Partial<Settings> = {};
	if (typeof raw !== 'object' || raw === null) return values;
	const record = raw as Record<string, unknown>;
	if (typeof record.pane === 'string' && (paneIds as readonly string[]).includes(record.pane))
		values.pane = record.pane as PaneId;
	if (typeof record.sort === 'object' && record.sort !== null) {
		const sort = {} as Record<PaneId, SortKey>;
		for (const pane of paneIds) {
			const value = (record.sort as Record<string, unknown>)[pane];
			sort[pane] =
				typeof value === 'string' && (paneSpec(pane).sorts as readonly string[]).includes(value)
					? (value as SortKey)
					: paneSpec(pane).sorts[0]!;
		}
		values.sort = sort;
	}
	if (typeof record.toggles === 'object' && record.toggles !== null) {
		const toggles = record.toggles as Record<string, unknown>;
		values.toggles = {
			danglingImages: toggles.danglingImages === true,
			unusedVolumes: toggles.unusedVolumes === true,
			allContainers: toggles.allContainers !== false,
		};
	}
	values.logTail = wholeNumber(record.logTail, 1_000_000);
	values.logBuffer = wholeNumber(record.logBuffer, 1_000_000);
	if (typeof record.shell === 'string' && record.shell.trim() !== '') values.shell = record.shell;
	if (Array.isArray(record.hosts)) {
		values.hosts = record.hosts
			.filter(
				(item): item is SavedHost =>
					typeof item === 'object' &&
					item !== null &&
					typeof (item as SavedHost).name === 'string' &&
					typeof (item as SavedHost).host === 'string',
			)
			.map(({name, host}) => ({name, host}));
	}
	for (const key of ['logTail', 'logBuffer', 'shell', 'hosts'] as const)
		if (values[key] === undefined) delete values[key];
	return values;
}

export function settingsOf(ui: UiState): Settings {
	const sort = {} as Record<PaneId, SortKey>;
	for (const pane of paneIds) sort[pane] = ui.panes[pane].sort;
	return {pane: ui.pane, sort, toggles: ui.toggles};
}

export function applySettings(ui: UiState, values: Partial<Settings>): UiState {
	const panes = {...ui.panes};
	for (const pane of paneIds) {
		const sort = values.sort?.[pane];
		if (sort) panes[pane] = {...panes[pane], sort};
	}
	return {...ui, pane: values.pane ?? ui.pane, panes, toggles: values.toggles ?? ui.toggles};
}

export function openSettings(env: NodeJS.ProcessEnv = process.env): SettingsHandle {
	const cwd = configDir(env);
	let conf: Conf<Record<string, unknown>> | undefined;
	let problem: string | undefined;
	let values: Partial<Settings> = {};
	try {
		conf = new Conf<Record<string, unknown>>({
			projectName: 'tsdock',
			projectSuffix: '',
			cwd,
			clearInvalidConfig: false,
		});
		values = readSettings(conf.store);
	} catch (error) {
		conf = undefined;
		const file = path.join(
			cwd ?? path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'tsdock'),
			'config.json',
		);
		const reason =
			error instanceof SyntaxError
				? 'is not valid JSON'
				: `cannot be read (${(error as Error).message.split('\n')[0]})`;
		problem = `settings file ${file} ${reason}: using defaults, and leaving the file as it is`;
	}
	return {
		values,
		problem,
		saveHosts(hosts) {
			if (!conf) return problem ?? 'the settings file cannot be written';
			try {
				conf.set('hosts', hosts);
				values.hosts = hosts;
				return undefined;
			} catch (error) {
				return `could not save settings: ${(error as Error).message.split('\n')[0]}`;
			}
		},
		follow(store) {
			if (!conf) return () => {};
			let last = JSON.stringify(settingsOf(store.get().ui));
			let lastUi = store.get().ui;
			return store.subscribe(() => {
				const ui = store.get().ui;
				if (ui === lastUi) return;
				lastUi = ui;
				const settings = settingsOf(ui);
				const text = JSON.stringify(settings);
				if (text === last) return;
				last = text;
				try {
					conf!.set(settings);
				} catch (error) {
					store.dispatch({
						type: 'status',
						status: {text: `could not save settings: ${(error as Error).message.split('\n')[0]}`, tone: 'error'},
					});
				}
			});
		},
	};
}
