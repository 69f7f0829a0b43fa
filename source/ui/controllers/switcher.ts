/** The host/context switcher's keys: open it, connect (the App exits Ink; run.tsx reconnects), name, forget. */
import {sanitizeField} from '../../core/index.ts';
import type {HostSwitch} from '../host-switch.ts';
import {nameProblem, openSwitcher} from '../state/switcher.ts';
import type {Store} from '../store.ts';

export type Switcher = {
	open(): void;
	close(): void;
	go(): void;
	startNaming(): void;
	saveName(): void;
	forget(): void;
};

export function createSwitcher(store: Store, hosts: HostSwitch | undefined, exit: () => void): Switcher {
	const current = () => store.get().ui.switcher;
	const set = (switcher: ReturnType<typeof current>) => store.dispatch({type: 'switcher', switcher});
	const note = (text: string) => store.dispatch({type: 'switcher-note', note: text});
	return {
		open() {
			if (hosts) set(openSwitcher(hosts.targets()));
		},
		close: () => set(undefined),
		go() {
			const switcher = current();
			const target = switcher?.targets[switcher.index];
			if (!hosts || !target) return;
			set(undefined);
			if (target.current) {
				store.dispatch({type: 'status', status: {text: `already on ${sanitizeField(target.name)}`, tone: 'info'}});
				return;
			}
			hosts.request(target);
			exit();
		},
		startNaming() {
			const switcher = current();
			if (!switcher) return;
			if (!switcher.targets.some((candidate) => candidate.source === 'flag')) {
				note('only an endpoint given with --host can be named and saved');
				return;
			}
			store.dispatch({type: 'switcher-naming', naming: ''});
		},
		saveName() {
			const switcher = current();
			if (!hosts || !switcher) return;
			const name = (switcher.naming ?? '').trim();
			const problem = nameProblem(name, switcher.targets) ?? hosts.saveFlagHost(name);
			if (problem) return note(problem);
			set({...openSwitcher(hosts.targets()), index: switcher.index, note: `saved as "${name}"`});
		},
		forget() {
			const switcher = current();
			const target = switcher?.targets[switcher.index];
			if (!hosts || !switcher) return;
			if (!target || target.source !== 'saved') {
				note('only a saved host can be forgotten (contexts belong to docker context)');
				return;
			}
			const problem = hosts.forget(target);
			set({
				...openSwitcher(hosts.targets()),
				index: Math.max(0, switcher.index - 1),
				note: problem ?? `forgot "${target.name}"`,
			});
		},
	};
}
