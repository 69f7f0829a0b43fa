/**
 * The only writer of the state: every change on screen is a Change applied here. A change that alters
 * nothing returns the same state object, so the store tells no one and nothing is drawn (the quiet idle
 * screen depends on it). Pure.
 */
import type {Change, EngineChange} from './changes.ts';
import type {AppState, EngineData} from './types.ts';
import {uiReducer, type UiChange} from './ui-reducer.ts';

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

const withData = (state: AppState, data: EngineData): AppState => (data === state.data ? state : {...state, data});

function engineReducer(state: AppState, change: EngineChange): AppState {
	const data = state.data;
	switch (change.type) {
		case 'prefetched':
			// The first paint: only when no full listing came first.
			return data.containers
				? state
				: withData(state, {...data, containers: {list: change.list, all: true, partial: true}});
		case 'listed-containers':
			if (data.containers && !data.containers.partial && sameJson(data.containers.list, change.list)) return state;
			return withData(state, {...data, containers: {list: change.list, all: true}});
		case 'listed-images':
			if (data.images && data.images.dangling === change.dangling && sameJson(data.images.list, change.list))
				return state;
			return withData(state, {...data, images: {list: change.list, dangling: change.dangling}});
		case 'listed-volumes':
			if (data.volumes && data.volumes.unused === change.unused && sameJson(data.volumes.list, change.list))
				return state;
			return withData(state, {...data, volumes: {list: change.list, unused: change.unused}});
		case 'listed-df':
			if (data.df && sameJson(data.df.raw, change.df.raw)) return state;
			return withData(state, {...data, df: change.df});
		case 'container-times': {
			const times = {...data.times};
			let changed = false;
			for (const [id, entry] of Object.entries(change.times)) {
				if (entry === undefined) {
					if (!(id in times)) continue;
					delete times[id];
				} else if (sameJson(times[id], entry)) continue;
				else times[id] = entry;
				changed = true;
			}
			return changed ? withData(state, {...data, times}) : state;
		}
		case 'container-times-reset':
			return data.times === undefined ? state : withData(state, {...data, times: undefined});
		case 'now':
			return change.now === state.now ? state : {...state, now: change.now};
		case 'list-failed': {
			if (data.errors[change.kind] === change.error) return state;
			const what = change.kind === 'df' ? 'disk usage' : change.kind;
			return {
				...state,
				data: {...data, errors: {...data.errors, [change.kind]: change.error}},
				status: {text: `could not list ${what}: ${change.error}`, tone: 'error'},
			};
		}
		case 'list-ok': {
			if (data.errors[change.kind] === undefined) return state;
			const errors = {...data.errors};
			delete errors[change.kind];
			return withData(state, {...data, errors});
		}
		case 'connection':
			return sameJson(state.connection, change.connection) ? state : {...state, connection: change.connection};
		case 'engine':
			return sameJson(state.engine, change.engine) ? state : {...state, engine: change.engine};
		case 'status':
			return state.status === change.status ? state : {...state, status: change.status};
		case 'host-switched':
			return {
				...state,
				data: {errors: {}},
				connection: {state: 'connecting'},
				engine: undefined,
				ui: {
					...state.ui,
					details: undefined,
					dialog: undefined,
					logs: undefined,
					history: undefined,
					prompt: undefined,
					execOffer: undefined,
					switcher: undefined,
				},
				status: change.status,
			};
	}
}

const engineChanges = new Set<Change['type']>([
	'prefetched',
	'listed-containers',
	'listed-images',
	'listed-volumes',
	'listed-df',
	'container-times',
	'container-times-reset',
	'now',
	'list-failed',
	'list-ok',
	'connection',
	'engine',
	'status',
	'host-switched',
]);

const isEngineChange = (change: Change): change is EngineChange => engineChanges.has(change.type);

export function reduce(state: AppState, change: Change): AppState {
	if (isEngineChange(change)) return engineReducer(state, change);
	const ui = uiReducer(state.ui, change as UiChange);
	return ui === state.ui ? state : {...state, ui};
}
