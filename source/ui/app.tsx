/**
 * The shell: header, the body (the mode's view, or the pane from the registry), status line, footer. Keys go
 * through the mode table (keys/use-keys.ts); the App only lays out and draws.
 */
import React, {useCallback, useEffect, useMemo, useRef} from 'react';
import {Box, useApp, useWindowSize} from 'ink';
import {Footer} from './components/footer.tsx';
import {Header} from './components/header.tsx';
import {HelpOverlay, helpLines} from './components/help-overlay.tsx';
import {StatusLine} from './components/status-line.tsx';
import {TooSmall, isTooSmall} from './components/too-small.tsx';
import {Unreachable} from './components/unreachable.tsx';
import {controllersFor, type ControllerOptions} from './controllers/session.ts';
import {DialogBox} from './dialogs/dialog-box.tsx';
import type {EnginePort} from './engine-port.ts';
import {agoText} from '../core/index.ts';
import {layoutDetails, withTimes} from './format/details.ts';
import {firstChange, useClock} from './hooks/use-clock.ts';
import {useDetails} from './hooks/use-details.ts';
import {usePaneView} from './hooks/use-pane-view.ts';
import {useStore} from './hooks/use-store.ts';
import type {Screen} from './keys/modes.ts';
import {useKeys} from './keys/use-keys.ts';
import {layoutFor} from './layout.ts';
import {ListPane} from './panes/list-pane.tsx';
import {helpOrigin, modeOf} from './state/mode.ts';
import type {Store} from './store.ts';
import type {Theme} from './theme.ts';
import {DetailsView} from './views/details-view.tsx';
import {HistoryView, useHistory, wholeLines} from './views/history-view.tsx';
import {detailsVersion, loadDetails} from './views/load-details.ts';
import {LogsView} from './views/logs-view.tsx';
import {SwitcherView} from './views/switcher-view.tsx';

export type AppProps = {
	store: Store;
	theme: Theme;
	/** The daemon, through its one port (a fake in the UI's unit tests). */
	port: EnginePort;
	/** The host switcher, the shell hand-off and the view settings (absent: defaults; `c` does nothing). */
	options?: ControllerOptions;
	/** Fixed size (tests); the terminal's size otherwise. */
	width?: number;
	height?: number;
};

const detailsTitles = {container: 'Container', image: 'Image', volume: 'Volume'};

export function App({store, theme, port, options, width: fixedWidth, height: fixedHeight}: AppProps) {
	const {exit, suspendTerminal} = useApp();
	const windowSize = useWindowSize();
	const width = fixedWidth ?? windowSize.columns;
	const height = fixedHeight ?? windowSize.rows;
	const controllers = controllersFor(port, store, options);
	controllers.bindExit(exit);
	const ui = useStore(store, (s) => s.ui);
	const connection = useStore(store, (s) => s.connection);
	const engine = useStore(store, (s) => s.engine);
	const status = useStore(store, (s) => s.status);
	const images = useStore(store, (s) => s.data.images);
	const partial = useStore(store, (s) => s.data.containers?.partial === true);
	const version = useStore(store, (s) => detailsVersion(s, s.ui.details));
	const layout = layoutFor(width, height, ui.pane, ui.toggles, partial);
	const view = usePaneView(store, ui.pane, layout.rowsHeight);
	const load = useCallback(
		(target: Parameters<typeof loadDetails>[2]) => loadDetails(port, store.get(), target),
		[port, store],
	);
	const details = useDetails(load, ui.details, version);
	const history = useHistory(port, ui.history?.id, images);
	// The time the views' relative texts are worked out for: read again on each tick of the clock and whenever
	// what they show changes (the list panes read it in usePaneView).
	const tick = useStore(store, (s) => s.now);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- the tick and the views' data are when to read the time
	const viewNow = useMemo(() => Date.now() / 1000, [tick, details.lines, history.entries]);
	const timedDetails = useMemo(
		() => (details.lines ? withTimes(details.lines, viewNow) : undefined),
		[details.lines, viewNow],
	);
	const detailLines = useMemo(
		() => (timedDetails ? layoutDetails(timedDetails.lines, layout.innerWidth) : undefined),
		[timedDetails, layout.innerWidth],
	);
	const mode = modeOf(ui);
	const origin = helpOrigin(ui);
	const helpOpen = ui.help !== undefined;
	const help = useMemo(
		() => (helpOpen ? helpLines(ui.pane, origin, theme.ascii, layout.innerWidth) : []),
		[helpOpen, ui.pane, origin, theme.ascii, layout.innerWidth],
	);
	const entry = ui.history ? history.entries?.[ui.history.index] : undefined;

	// The mode table reads what the last render laid out.
	const screen = useRef<Screen | undefined>(undefined);
	screen.current = {
		view,
		layout,
		detailLines: detailLines?.length ?? 0,
		helpLines: help.length,
		historyCount: history.entries?.length ?? 0,
		historyWholeLines: entry ? wholeLines(entry, layout.innerWidth).length : 0,
	};
	useKeys({
		store,
		dialogs: controllers.dialogs,
		views: controllers.views,
		switcher: controllers.switcher,
		exit,
		suspend: options?.suspend && (() => options.suspend?.request()),
		screen: () => screen.current!,
	});
	// Relative times on screen ("Up 4 seconds") are worked out again when the first of them changes its text:
	// only the rows shown count, and only while the list is the body.
	const listShown =
		!ui.switcher &&
		!ui.dialog &&
		!ui.help &&
		connection.state !== 'disconnected' &&
		!ui.logs &&
		!ui.history &&
		!ui.details &&
		!isTooSmall(width, height);
	const visibleRows = view.rows.slice(view.top, view.top + layout.rowsHeight);
	const bodyOnly = !ui.switcher && !ui.dialog && !ui.help && connection.state !== 'disconnected';
	const historyChange = useMemo(
		() => firstChange((history.entries ?? []).map((entry) => agoText(entry.Created, viewNow))),
		[history.entries, viewNow],
	);
	useClock(
		store,
		listShown
			? firstChange(visibleRows)
			: bodyOnly && ui.history && !ui.logs
				? historyChange
				: bodyOnly && ui.details && !ui.logs && !ui.history
					? timedDetails?.changesAt
					: undefined,
	);
	// Ctrl-Z lets Ink give the terminal back and take it again; Ink (and every view) stays mounted meanwhile.
	const suspender = options?.suspend;
	useEffect(() => {
		suspender?.bind(suspendTerminal);
		return () => suspender?.bind(undefined);
	}, [suspender, suspendTerminal]);
	// A closed connection takes its log stream with it.
	useEffect(() => () => controllers.views.dispose(), [controllers]);

	if (isTooSmall(width, height)) return <TooSmall width={width} height={height} />;

	const bodyProps = {width: layout.innerWidth, height: layout.bodyHeight, theme};
	const session = controllers.views.session();
	let body: React.ReactNode;
	if (ui.switcher) {
		body = <SwitcherView state={ui.switcher} {...bodyProps} />;
	} else if (ui.dialog) {
		body = <DialogBox dialog={ui.dialog} {...bodyProps} />;
	} else if (ui.help) {
		body = <HelpOverlay pane={ui.pane} from={origin} top={ui.help.top} {...bodyProps} />;
	} else if (connection.state === 'disconnected') {
		body = (
			<Unreachable where={port.where} reason={connection.reason} retryInMs={connection.retryInMs} {...bodyProps} />
		);
	} else if (ui.logs && session) {
		body = <LogsView session={session} name={ui.logs.name} prompt={ui.prompt} {...bodyProps} />;
	} else if (ui.history) {
		body = <HistoryView state={ui.history} data={history} now={viewNow} {...bodyProps} />;
	} else if (ui.details) {
		const title = `${detailsTitles[ui.details.kind]} ${ui.details.label}`;
		body = <DetailsView title={title} lines={detailLines} error={details.error} top={ui.details.top} {...bodyProps} />;
	} else {
		// Lists kept from before a lost connection are shown, marked stale, until the daemon is back.
		body = (
			<ListPane
				view={view}
				toggles={ui.toggles}
				partial={partial}
				filtering={ui.filtering}
				width={layout.innerWidth}
				rowsHeight={layout.rowsHeight}
				theme={theme}
				stale={connection.state === 'reconnecting'}
			/>
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header
				where={port.where}
				engine={engine}
				connection={connection}
				readOnly={port.readOnly}
				pane={ui.pane}
				width={width}
				theme={theme}
			/>
			<Box
				borderStyle={theme.border}
				borderColor={theme.tone(mode === 'list' ? 'muted' : 'accent')}
				width={width}
				height={layout.bodyHeight + 2}
				flexDirection="column"
				overflow="hidden"
			>
				{body}
			</Box>
			<StatusLine status={status} width={width} theme={theme} />
			<Footer mode={mode} pane={ui.pane} width={width} theme={theme} />
		</Box>
	);
}
