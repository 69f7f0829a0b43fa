/** Keys of the host/context switcher: open it, move, connect (the App exits Ink; run.tsx reconnects), name, forget. */
import {useCallback} from 'react';
import {sanitizeField} from '../../core/index.ts';
import type {HostSwitch} from '../host-switch.ts';
import type {ActionId} from '../keymap.ts';
import {moveSwitcher, nameProblem, openSwitcher} from '../state/switcher.ts';
import type {Move} from '../state/cursor.ts';
import type {Store} from '../store.ts';

const moves: Partial<Record<ActionId, Move>> = {
	up: 'up',
	down: 'down',
	'page-up': 'page-up',
	'page-down': 'page-down',
	top: 'top',
	bottom: 'bottom',
};

export function useSwitcherActions(
	store: Store,
	hosts: HostSwitch | undefined,
	exit: () => void,
	height: () => number,
) {
	const update = (
		change: (
			switcher: NonNullable<ReturnType<Store['get']>['ui']['switcher']>,
		) => ReturnType<Store['get']>['ui']['switcher'],
	) =>
		store.update((state) =>
			state.ui.switcher ? {...state, ui: {...state.ui, switcher: change(state.ui.switcher)}} : state,
		);

	const run = useCallback(
		(action: ActionId): boolean => {
			if (!hosts) return false;
			const ui = store.get().ui;
			if (action === 'switcher-open') {
				store.update((state) => ({...state, ui: {...state.ui, switcher: openSwitcher(hosts.targets())}}));
				return true;
			}
			const switcher = ui.switcher;
			if (!switcher) return false;
			const move = moves[action];
			if (move) {
				update((current) => moveSwitcher(current, move, Math.max(1, height() - 3)));
				return true;
			}
			const target = switcher.targets[switcher.index];
			switch (action) {
				case 'switcher-close':
					store.update((state) => ({...state, ui: {...state.ui, switcher: undefined}}));
					return true;
				case 'switcher-go':
					if (!target) return true;
					if (target.current) {
						store.update((state) => ({
							...state,
							ui: {...state.ui, switcher: undefined},
							status: {text: `already on ${sanitizeField(target.name)}`, tone: 'info'},
						}));
						return true;
					}
					hosts.request(target);
					store.update((state) => ({...state, ui: {...state.ui, switcher: undefined}}));
					exit();
					return true;
				case 'switcher-name':
					if (!switcher.targets.some((candidate) => candidate.source === 'flag')) {
						update((current) => ({...current, note: 'only an endpoint given with --host can be named and saved'}));
						return true;
					}
					update((current) => ({...current, naming: '', note: undefined}));
					return true;
				case 'switcher-name-backspace':
					update((current) => ({...current, naming: [...(current.naming ?? '')].slice(0, -1).join('')}));
					return true;
				case 'switcher-name-cancel':
					update((current) => ({...current, naming: undefined}));
					return true;
				case 'switcher-name-save': {
					const name = (switcher.naming ?? '').trim();
					const problem = nameProblem(name, switcher.targets) ?? hosts.saveFlagHost(name);
					if (problem) {
						update((current) => ({...current, note: problem}));
						return true;
					}
					update((current) => ({...openSwitcher(hosts.targets()), index: current.index, note: `saved as "${name}"`}));
					return true;
				}
				case 'switcher-forget': {
					if (!target || target.source !== 'saved') {
						update((current) => ({
							...current,
							note: 'only a saved host can be forgotten (contexts belong to docker context)',
						}));
						return true;
					}
					const problem = hosts.forget(target);
					update((current) => ({
						...openSwitcher(hosts.targets()),
						index: Math.max(0, current.index - 1),
						note: problem ?? `forgot "${target.name}"`,
					}));
					return true;
				}
			}
			return false;
		},
		[store, hosts, exit],
	);

	const type = useCallback(
		(text: string): boolean => {
			const switcher = store.get().ui.switcher;
			if (!switcher || switcher.naming === undefined) return false;
			update((current) => ({...current, naming: (current.naming ?? '') + text}));
			return true;
		},
		[store],
	);
	return {run, type};
}
