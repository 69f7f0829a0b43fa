/** The host/context switcher's state (in the store, like the rest of the UI) and its pure transitions. */
import type {Target} from '../../core/index.ts';
import {moveIndex, windowTop, type Move} from './cursor.ts';

export type SwitcherState = {
	targets: Target[];
	index: number;
	top: number;
	/** The name being typed for the --host endpoint; undefined while not naming. */
	naming?: string;
	/** A message inside the switcher (e.g. a name that is taken). */
	note?: string;
};

/** Open with the current target selected. */
export function openSwitcher(targets: Target[]): SwitcherState {
	const current = targets.findIndex((target) => target.current);
	return {targets, index: Math.max(0, current), top: 0};
}

export function moveSwitcher(state: SwitcherState, move: Move, height: number): SwitcherState {
	if (state.targets.length === 0) return state;
	const index = moveIndex(state.index, move, state.targets.length, height);
	return {...state, index, top: windowTop(state.top, index, state.targets.length, height), note: undefined};
}

/** Why a name cannot be saved, or undefined when it can. */
export function nameProblem(name: string, targets: Target[]): string | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return 'a name cannot be empty';
	if (trimmed.length > 64) return 'keep the name under 64 characters';
	if (targets.some((target) => target.name === trimmed && target.source !== 'flag'))
		return `"${trimmed}" is already a context or saved host`;
	return undefined;
}
