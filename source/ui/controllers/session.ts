/**
 * The controllers of one connection: the dialogs, the views and the switcher, made once per engine port and
 * kept across re-mounts of the App (it is unmounted while a shell has the terminal, and a change still running
 * then keeps its busy flag).
 */
import type {EnginePort} from '../engine-port.ts';
import {ExecHandoff} from '../exec-handoff.ts';
import type {HostSwitch} from '../host-switch.ts';
import type {Store} from '../store.ts';
import type {Suspender} from '../suspend.ts';
import {createDialogs, type Dialogs} from './dialogs.ts';
import {createSwitcher, type Switcher} from './switcher.ts';
import {createViews, type ViewSettings, type Views} from './views.ts';

export type Controllers = {
	dialogs: Dialogs;
	views: Views;
	switcher: Switcher;
	/** How to leave Ink (for the shell hand-off and the switcher): the App mounted now gives it. */
	bindExit(exit: () => void): void;
};

export type ControllerOptions = {
	hosts?: HostSwitch;
	handoff?: ExecHandoff;
	settings?: ViewSettings;
	/** Ctrl-Z (run.tsx's; absent: Ctrl-Z is refused). */
	suspend?: Suspender;
};

const made = new WeakMap<EnginePort, Controllers>();

export function controllersFor(port: EnginePort, store: Store, options: ControllerOptions = {}): Controllers {
	const known = made.get(port);
	if (known) return known;
	let exit = () => {};
	const leave = () => exit();
	const controllers: Controllers = {
		dialogs: createDialogs(store, port),
		views: createViews(store, port, {
			handoff: options.handoff ?? new ExecHandoff(),
			exit: leave,
			settings: options.settings ?? {},
		}),
		switcher: createSwitcher(store, options.hosts, leave),
		bindExit(next) {
			exit = next;
		},
	};
	made.set(port, controllers);
	return controllers;
}
