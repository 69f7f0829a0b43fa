/** The UI part of the state: panes, cursor, filter, details, help, dialog, switcher and views. Pure. */
import {paneIds, paneOfToggle, paneSpec} from '../panes/registry.ts';
import type {DialogChange, PaneChange, ViewChange} from './changes.ts';
import {moveIndex, scrollTop, windowTop} from './cursor.ts';
import {moveSwitcher} from './switcher.ts';
import type {PaneState, UiState} from './types.ts';

export type UiChange = PaneChange | DialogChange | ViewChange;

const updatePane = (state: UiState, change: Partial<PaneState>, pane = state.pane): UiState => ({
	...state,
	panes: {...state.panes, [pane]: {...state.panes[pane], ...change}},
});

export function uiReducer(state: UiState, change: UiChange): UiState {
	switch (change.type) {
		case 'pane':
			if (state.pane === change.pane && !state.details && !state.filtering) return state;
			return {...state, pane: change.pane, details: undefined, filtering: false};
		case 'pane-step': {
			const next = (paneIds.indexOf(state.pane) + change.step + paneIds.length) % paneIds.length;
			return {...state, pane: paneIds[next]!, details: undefined, filtering: false};
		}
		case 'select': {
			const current = state.panes[state.pane];
			if (current.selectedId === change.id && current.index === change.index && current.top === change.top)
				return state;
			return updatePane(state, {selectedId: change.id, index: change.index, top: change.top});
		}
		case 'filter-start':
			return state.filtering ? state : {...state, filtering: true};
		case 'filter-set':
			return state.panes[state.pane].filter === change.text ? state : updatePane(state, {filter: change.text});
		case 'filter-keep':
			return state.filtering ? {...state, filtering: false} : state;
		case 'filter-clear':
			if (!state.filtering && state.panes[state.pane].filter === '') return state;
			return {...updatePane(state, {filter: ''}), filtering: false};
		case 'details-open':
			return {...state, details: {...change.target, top: 0}, filtering: false};
		case 'details-close':
			return state.details ? {...state, details: undefined} : state;
		case 'details-scroll': {
			if (!state.details) return state;
			const top = scrollTop(state.details.top, change.move, change.lines, change.height);
			return top === state.details.top ? state : {...state, details: {...state.details, top}};
		}
		case 'help-open':
			return {...state, help: {top: 0}};
		case 'help-close':
			return state.help ? {...state, help: undefined} : state;
		case 'help-scroll': {
			if (!state.help) return state;
			const top = scrollTop(state.help.top, change.move, change.lines, change.height);
			return top === state.help.top ? state : {...state, help: {top}};
		}
		case 'toggle': {
			const toggles = {...state.toggles, [change.name]: !state.toggles[change.name]};
			// A different list: start at its top.
			const pane = paneOfToggle(change.name)?.id;
			const next = {...state, toggles};
			return pane ? updatePane(next, {index: 0, top: 0, selectedId: undefined}, pane) : next;
		}
		case 'cycle-sort': {
			const order = paneSpec(state.pane).sorts;
			const next = order[(order.indexOf(state.panes[state.pane].sort) + 1) % order.length]!;
			return updatePane(state, {sort: next});
		}
		case 'mark': {
			const marked = state.panes[change.pane].marked ?? [];
			const next = marked.includes(change.id) ? marked.filter((other) => other !== change.id) : [...marked, change.id];
			return updatePane(state, {marked: next.length > 0 ? next : undefined}, change.pane);
		}
		case 'marks-clear':
			return state.panes[change.pane].marked ? updatePane(state, {marked: undefined}, change.pane) : state;
		case 'dialog':
			return state.dialog === change.dialog ? state : {...state, dialog: change.dialog};
		case 'dialog-scroll': {
			if (!state.dialog) return state;
			const top = Math.max(0, Math.min(change.max, state.dialog.top + change.step));
			return top === state.dialog.top ? state : {...state, dialog: {...state.dialog, top}};
		}
		case 'dialog-text':
			// The tag prompt takes text only while it waits for it (not while the tag is being set).
			if (state.dialog?.kind !== 'tag' || state.dialog.phase !== 'confirm') return state;
			return {...state, dialog: {...state.dialog, text: change.text, error: undefined}};
		case 'switcher':
			return state.switcher === change.switcher ? state : {...state, switcher: change.switcher};
		case 'switcher-move':
			return state.switcher ? {...state, switcher: moveSwitcher(state.switcher, change.move, change.height)} : state;
		case 'switcher-naming':
			return state.switcher ? {...state, switcher: {...state.switcher, naming: change.naming, note: undefined}} : state;
		case 'switcher-note':
			return state.switcher ? {...state, switcher: {...state.switcher, note: change.note}} : state;
		case 'logs-open':
			return {...state, logs: change.target, prompt: undefined};
		case 'logs-close':
			return state.logs ? {...state, logs: undefined, prompt: undefined} : state;
		case 'prompt':
			return state.prompt === change.prompt ? state : {...state, prompt: change.prompt};
		case 'history-open':
			return {...state, history: {id: change.id, label: change.label, index: 0, top: 0, whole: false, wholeTop: 0}};
		case 'history-move': {
			const view = state.history;
			if (!view || change.count <= 0) return state;
			const index = moveIndex(view.index, change.move, change.count, change.height);
			const top = windowTop(view.top, index, change.count, change.height);
			return index === view.index && top === view.top ? state : {...state, history: {...view, index, top}};
		}
		case 'history-scroll-whole': {
			const view = state.history;
			if (!view) return state;
			const wholeTop = scrollTop(view.wholeTop, change.move, change.lines, change.height);
			return wholeTop === view.wholeTop ? state : {...state, history: {...view, wholeTop}};
		}
		case 'history-whole':
			return state.history ? {...state, history: {...state.history, whole: !state.history.whole, wholeTop: 0}} : state;
		case 'history-back':
			if (!state.history) return state;
			return {...state, history: state.history.whole ? {...state.history, whole: false} : undefined};
		case 'exec-offer':
			return state.execOffer === change.offer ? state : {...state, execOffer: change.offer};
	}
}
