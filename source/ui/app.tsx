/** The shell: header, the focused pane (or a details view, or the help overlay), status line, footer; keys to actions. */
import React, {useCallback, useMemo, useRef} from 'react';
import {Box, useApp, useWindowSize} from 'ink';
import type {ActionId, PaneId} from './keymap.ts';
import {Footer} from './components/footer.tsx';
import {Header} from './components/header.tsx';
import {HelpOverlay, helpLines} from './components/help-overlay.tsx';
import {StatusLine} from './components/status-line.tsx';
import {TooSmall, isTooSmall} from './components/too-small.tsx';
import {Unreachable} from './components/unreachable.tsx';
import type {Actions} from './actions/controller.ts';
import {DialogBox} from './dialogs/dialog-box.tsx';
import type {HostSwitch} from './host-switch.ts';
import {useSwitcherActions} from './hooks/use-switcher-actions.ts';
import {SwitcherView} from './views/switcher-view.tsx';
import {layoutDetails} from './format/details.ts';
import {useDetails} from './hooks/use-details.ts';
import {contextOf, useKeyActions} from './hooks/use-key-actions.ts';
import {usePaneView} from './hooks/use-pane-view.ts';
import {useStore} from './hooks/use-store.ts';
import {layoutFor} from './layout.ts';
import {ContainersPane} from './panes/containers-pane.tsx';
import {DiskPane} from './panes/disk-pane.tsx';
import {ImagesPane} from './panes/images-pane.tsx';
import {VolumesPane} from './panes/volumes-pane.tsx';
import {moveIndex, scrollTop, windowTop, type Move} from './state/cursor.ts';
import type {Store} from './store.ts';
import type {Theme} from './theme.ts';
import {DetailsView} from './views/details-view.tsx';
import {HistoryView} from './views/history-view.tsx';
import {LogsView} from './views/logs-view.tsx';
import {useViewActions} from './views/view-actions.ts';
import type {ViewServices} from './views/view-services.ts';
import {viewContext} from './state/view-types.ts';
import {detailsVersion, type LoadDetails} from './views/load-details.ts';

export type AppProps = {
	store: Store;
	theme: Theme;
	loadDetails: LoadDetails;
	/** Where we are connected (endpoint or context), as the client describes it. */
	where: string;
	readOnly: boolean;
	/** Logs, image history and exec shells (absent: those keys do nothing). */
	services?: ViewServices;
	/** The action and cleanup keys with their dialogs (absent: those keys do nothing). */
	actions?: Actions;
	/** The host/context switcher (`c`); absent: the key does nothing. */
	hosts?: HostSwitch;
	/** Fixed size (tests); the terminal's size otherwise. */
	width?: number;
	height?: number;
};

const moves: Partial<Record<ActionId, Move>> = {
	up: 'up',
	down: 'down',
	'page-up': 'page-up',
	'page-down': 'page-down',
	top: 'top',
	bottom: 'bottom',
};
const paneActions: Partial<Record<ActionId, PaneId>> = {
	'pane-containers': 'containers',
	'pane-images': 'images',
	'pane-volumes': 'volumes',
	'pane-disk': 'disk',
};
const detailsTitles = {container: 'Container', image: 'Image', volume: 'Volume'};

export function App({
	store,
	theme,
	loadDetails,
	where,
	readOnly,
	services,
	actions,
	hosts,
	width: fixedWidth,
	height: fixedHeight,
}: AppProps) {
	const {exit} = useApp();
	const windowSize = useWindowSize();
	const width = fixedWidth ?? windowSize.columns;
	const height = fixedHeight ?? windowSize.rows;
	const ui = useStore(store, (s) => s.ui);
	const connection = useStore(store, (s) => s.connection);
	const engine = useStore(store, (s) => s.engine);
	const status = useStore(store, (s) => s.status);
	const partial = useStore(store, (s) => s.data.containers?.partial === true);
	const version = useStore(store, (s) => detailsVersion(s, s.ui.details));
	const layout = layoutFor(width, height, ui.pane, ui.toggles);
	const view = usePaneView(store, ui.pane, layout.rowsHeight);
	const details = useDetails(loadDetails, ui.details, version);
	const detailLines = useMemo(
		() => (details.lines ? layoutDetails(details.lines, layout.innerWidth) : undefined),
		[details.lines, layout.innerWidth],
	);
	const context = contextOf(ui);
	const helpFrom = viewContext(ui) ?? (ui.details ? 'details' : 'list');
	const help = useMemo(
		() => (ui.help ? helpLines(ui.pane, helpFrom, theme.ascii, layout.innerWidth) : []),
		[ui.help !== undefined, ui.pane, helpFrom, theme.ascii, layout.innerWidth],
	);
	const views = useViewActions({
		store,
		services,
		readOnly,
		exit,
		selected: () => latest.current.view.rows[latest.current.view.index],
		width: layout.innerWidth,
		height: layout.bodyHeight,
	});

	const switcher = useSwitcherActions(store, hosts, exit, () => latest.current.layout.bodyHeight);

	// The key handler reads the latest render's values.
	const latest = useRef({view, layout, detailLines, help});
	latest.current = {view, layout, detailLines, help};

	const run = useCallback(
		(action: ActionId) => {
			const {view, layout, detailLines, help} = latest.current;
			const state = store.get();
			if (state.status) store.update((s) => ({...s, status: undefined}));
			if (switcher.run(action)) return;
			if (actions?.run(action, {selectedId: view.rows[view.index]?.id, height: layout.bodyHeight})) return;
			if (views.run(action)) return;
			const move = moves[action];
			if (move) {
				if (state.ui.help) {
					store.dispatch({
						type: 'help-scroll',
						top: scrollTop(state.ui.help.top, move, help.length, layout.bodyHeight),
					});
				} else if (state.ui.details) {
					store.dispatch({
						type: 'details-scroll',
						top: scrollTop(state.ui.details.top, move, detailLines?.length ?? 0, layout.bodyHeight - 1),
					});
				} else if (view.rows.length > 0) {
					const index = moveIndex(view.index, move, view.rows.length, layout.rowsHeight);
					const top = windowTop(view.top, index, view.rows.length, layout.rowsHeight);
					store.dispatch({type: 'select', id: view.rows[index]!.id, index, top});
					// Several keys can arrive before the next render: the next one moves on from here.
					latest.current = {...latest.current, view: {...view, index, top}};
				}
				return;
			}
			const pane = paneActions[action];
			if (pane) return store.dispatch({type: 'pane', pane});
			switch (action) {
				case 'pane-next':
					return store.dispatch({type: 'pane-step', step: 1});
				case 'pane-prev':
					return store.dispatch({type: 'pane-step', step: -1});
				case 'filter-start':
					return store.dispatch({type: 'filter-start'});
				case 'filter-keep':
					return store.dispatch({type: 'filter-keep'});
				case 'filter-clear':
					return store.dispatch({type: 'filter-clear'});
				case 'filter-backspace':
					return store.dispatch({
						type: 'filter-set',
						text: [...state.ui.panes[state.ui.pane].filter].slice(0, -1).join(''),
					});
				case 'open-details': {
					const row = view.rows[view.index];
					if (!row) return;
					if (!row.details)
						return store.update((s) => ({
							...s,
							status: {text: 'build cache records have no details view', tone: 'info'},
						}));
					return store.dispatch({type: 'details-open', target: row.details});
				}
				case 'back':
					return store.dispatch({type: 'details-close'});
				case 'help':
					return store.dispatch({type: 'help-open'});
				case 'help-close':
					return store.dispatch({type: 'help-close'});
				case 'toggle-dangling':
					return store.dispatch({type: 'toggle', name: 'danglingImages'});
				case 'toggle-unused':
					return store.dispatch({type: 'toggle', name: 'unusedVolumes'});
				case 'toggle-all':
					return store.dispatch({type: 'toggle', name: 'allContainers'});
				case 'cycle-sort':
					return store.dispatch({type: 'cycle-sort'});
				case 'quit':
					return exit();
			}
		},
		[store, exit],
	);
	const type = useCallback(
		(text: string) => {
			if (switcher.type(text)) return;
			if (actions?.type(text)) return;
			if (views.type(text)) return;
			const ui = store.get().ui;
			store.dispatch({type: 'filter-set', text: ui.panes[ui.pane].filter + text});
		},
		[store],
	);
	useKeyActions(store, run, type);

	if (isTooSmall(width, height)) return <TooSmall width={width} height={height} />;

	// Lists kept from before a lost connection are shown, marked stale, until the daemon is back.
	const paneProps = {
		view,
		filtering: ui.filtering,
		width: layout.innerWidth,
		rowsHeight: layout.rowsHeight,
		theme,
		stale: connection.state === 'reconnecting',
	};
	let body: React.ReactNode;
	if (ui.switcher) {
		body = <SwitcherView state={ui.switcher} width={layout.innerWidth} height={layout.bodyHeight} theme={theme} />;
	} else if (ui.dialog) {
		body = <DialogBox dialog={ui.dialog} width={layout.innerWidth} height={layout.bodyHeight} theme={theme} />;
	} else if (ui.help) {
		body = (
			<HelpOverlay
				pane={ui.pane}
				from={helpFrom}
				top={ui.help.top}
				width={layout.innerWidth}
				height={layout.bodyHeight}
				theme={theme}
			/>
		);
	} else if (connection.state === 'disconnected') {
		body = (
			<Unreachable
				where={where}
				reason={connection.reason}
				retryInMs={connection.retryInMs}
				width={layout.innerWidth}
				height={layout.bodyHeight}
				theme={theme}
			/>
		);
	} else if (ui.logs && views.session) {
		body = (
			<LogsView
				session={views.session}
				name={ui.logs.name}
				prompt={ui.prompt}
				width={layout.innerWidth}
				height={layout.bodyHeight}
				theme={theme}
			/>
		);
	} else if (ui.history) {
		body = (
			<HistoryView
				state={ui.history}
				data={views.history}
				width={layout.innerWidth}
				height={layout.bodyHeight}
				theme={theme}
			/>
		);
	} else if (ui.details) {
		const title = `${detailsTitles[ui.details.kind]} ${ui.details.label}`;
		body = (
			<DetailsView
				title={title}
				lines={detailLines}
				error={details.error}
				top={ui.details.top}
				width={layout.innerWidth}
				height={layout.bodyHeight}
				theme={theme}
			/>
		);
	} else if (ui.pane === 'containers') {
		body = <ContainersPane {...paneProps} toggles={ui.toggles} partial={partial} />;
	} else if (ui.pane === 'images') {
		body = <ImagesPane {...paneProps} toggles={ui.toggles} />;
	} else if (ui.pane === 'volumes') {
		body = <VolumesPane {...paneProps} toggles={ui.toggles} />;
	} else {
		body = <DiskPane {...paneProps} />;
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header
				where={where}
				engine={engine}
				connection={connection}
				readOnly={readOnly}
				pane={ui.pane}
				width={width}
				theme={theme}
			/>
			<Box
				borderStyle={theme.border}
				borderColor={theme.tone(context === 'list' ? 'muted' : 'accent')}
				width={width}
				height={layout.bodyHeight + 2}
				flexDirection="column"
				overflow="hidden"
			>
				{body}
			</Box>
			<StatusLine status={status} width={width} theme={theme} />
			<Footer context={context} pane={ui.pane} width={width} theme={theme} />
		</Box>
	);
}
