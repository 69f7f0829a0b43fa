/** UI state transitions as a pure reducer: testable without rendering. */
import {paneIds, type PaneId} from '../keymap.ts';
import {sortOrders, type DetailsTarget, type PaneState, type Toggles, type UiState} from './types.ts';

export type UiAction =
	| {type: 'pane'; pane: PaneId}
	| {type: 'pane-step'; step: 1 | -1}
	| {type: 'select'; id: string | undefined; index: number; top: number}
	| {type: 'filter-start'}
	| {type: 'filter-set'; text: string}
	| {type: 'filter-keep'}
	| {type: 'filter-clear'}
	| {type: 'details-open'; target: DetailsTarget}
	| {type: 'details-close'}
	| {type: 'details-scroll'; top: number}
	| {type: 'help-open'}
	| {type: 'help-close'}
	| {type: 'help-scroll'; top: number}
	| {type: 'toggle'; name: keyof Toggles}
	| {type: 'cycle-sort'};

const updatePane = (state: UiState, change: Partial<PaneState>): UiState => ({
	...state,
	panes: {...state.panes, [state.pane]: {...state.panes[state.pane], ...change}},
});

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'pane':
			if (state.pane === action.pane && !state.details && !state.filtering) return state;
			return {...state, pane: action.pane, details: undefined, filtering: false};
		case 'pane-step': {
			const next = (paneIds.indexOf(state.pane) + action.step + paneIds.length) % paneIds.length;
			return {...state, pane: paneIds[next]!, details: undefined, filtering: false};
		}
		case 'select': {
			const current = state.panes[state.pane];
			if (current.selectedId === action.id && current.index === action.index && current.top === action.top)
				return state;
			return updatePane(state, {selectedId: action.id, index: action.index, top: action.top});
		}
		case 'filter-start':
			return {...state, filtering: true};
		case 'filter-set':
			return updatePane(state, {filter: action.text});
		case 'filter-keep':
			return {...state, filtering: false};
		case 'filter-clear':
			if (!state.filtering && state.panes[state.pane].filter === '') return state;
			return {...updatePane(state, {filter: ''}), filtering: false};
		case 'details-open':
			return {...state, details: {...action.target, top: 0}, filtering: false};
		case 'details-close':
			return state.details ? {...state, details: undefined} : state;
		case 'details-scroll':
			return state.details && state.details.top !== action.top
				? {...state, details: {...state.details, top: action.top}}
				: state;
		case 'help-open':
			return {...state, help: {top: 0}};
		case 'help-close':
			return state.help ? {...state, help: undefined} : state;
		case 'help-scroll':
			return state.help && state.help.top !== action.top ? {...state, help: {top: action.top}} : state;
		case 'toggle': {
			const toggles = {...state.toggles, [action.name]: !state.toggles[action.name]};
			// A different list: start at its top.
			const pane =
				action.name === 'danglingImages' ? 'images' : action.name === 'unusedVolumes' ? 'volumes' : 'containers';
			return {
				...state,
				toggles,
				panes: {...state.panes, [pane]: {...state.panes[pane], index: 0, top: 0, selectedId: undefined}},
			};
		}
		case 'cycle-sort': {
			const order = sortOrders[state.pane];
			const next = order[(order.indexOf(state.panes[state.pane].sort) + 1) % order.length]!;
			return updatePane(state, {sort: next});
		}
	}
}
