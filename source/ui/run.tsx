/**
 * Start the full-screen UI and return the exit code. The terminal is always given back as it was: on q,
 * Ctrl-C, SIGTERM, SIGHUP (SSH drop) and any uncaught error (printed after the terminal is restored), also
 * while an exec shell has the terminal (Ink is unmounted then; the App is rendered again from the store after).
 */
import React from 'react';
import {render, type Instance} from 'ink';
import {
	clientFor,
	createClient,
	errorLine,
	sanitizeField,
	type ConnectOptions,
	type ContainerSummary,
	type EngineClient,
	type Target,
} from '../core/index.ts';
import {HostSwitch} from './host-switch.ts';
import {App} from './app.tsx';
import {EngineSync} from './engine-sync.ts';
import {applySettings, openSettings} from './settings.ts';
import {initialAppState, initialUiState} from './state/types.ts';
import {createStore} from './store.ts';
import {colorWanted, localeIsUtf8, makeTheme} from './theme.ts';
import {ensureStyles} from './color-level.ts';
import {ExecHandoff, restoreTerminal} from './exec-handoff.ts';
import {enginePort} from './engine-port.ts';
import {compactionScheduler, tuneHeapAfterStartup} from './heap-tuning.ts';
import {Suspender} from './suspend.ts';

export type TuiOptions = {
	connect: {host?: string; context?: string; readOnly?: boolean} & ConnectOptions;
	noColor: boolean;
	ascii: boolean;
	tail?: number;
	shell?: string;
	/** A client made (and a container listing started) before the UI code loaded: start-up overlaps them. */
	client?: EngineClient;
	prefetch?: Promise<ContainerSummary[] | undefined>;
};

const signalCodes = {SIGTERM: 143, SIGHUP: 129, SIGINT: 130} as const;

/** How long the first frame may wait for the prefetched containers. */
const FIRST_FRAME_WAIT_MS = 80;
/** Quiet time before a memory-reducing GC (after start-up, after the logs view closes). */
const COMPACT_AFTER_MS = 2500;

/** Resolves when `promise` settles or after `ms`, whichever comes first (never rejects). */
function settledOrAfter(promise: Promise<unknown>, ms: number): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		promise.then(done, done);
	});
}

export async function runTui(options: TuiOptions): Promise<number> {
	const {stdin, stdout, stderr} = process;
	if (!stdout.isTTY || !stdin.isTTY) {
		stderr.write(
			'tsdock: the full-screen UI needs a terminal on stdin and stdout; for scripts use tsdock ps, images, volumes or df (see tsdock --help)\n',
		);
		return 2;
	}
	ensureStyles(stdout);
	const theme = makeTheme({ascii: options.ascii || !localeIsUtf8(), color: colorWanted(options.noColor)});
	const settings = openSettings();
	const store = createStore(initialAppState(applySettings(initialUiState(), settings.values)));
	if (settings.problem) store.dispatch({type: 'status', status: {text: settings.problem, tone: 'error'}});
	const stopSaving = settings.follow(store);
	const handoff = new ExecHandoff();
	// Ctrl-Z and SIGTSTP: back to the shell as a stopped job, refused while a shell in a container has the terminal.
	const suspender = new Suspender({store, owner: () => handoff.owner(), stdin, stdout});
	const hosts = new HostSwitch({
		flagHost: options.connect.host,
		flagContext: options.connect.context,
		saved: settings.values.hosts ?? [],
		save: (list) => settings.saveHosts(list),
	});
	// Everything bound to one daemon: the client, its event stream and listings, the actions and views on it.
	// The `c` switcher replaces the whole session and keeps the UI state.
	const controllerOptions = {
		hosts,
		handoff,
		suspend: suspender,
		settings: {
			tail: options.tail ?? settings.values.logTail,
			logBuffer: settings.values.logBuffer,
			shell: options.shell ?? settings.values.shell,
		},
	};
	const openSession = (client: EngineClient, prefetch?: TuiOptions['prefetch']) => {
		const port = enginePort(client);
		const sync = new EngineSync(port, store, prefetch);
		sync.start();
		return {port, sync};
	};
	let session = openSession(options.client ?? createClient(options.connect), options.prefetch);

	const switchSession = async (target: Target): Promise<typeof session> => {
		let client: EngineClient;
		try {
			client = clientFor(target, {...options.connect});
		} catch (error) {
			const text = `cannot switch to ${sanitizeField(target.name)}: ${errorLine(error)}`;
			store.dispatch({type: 'status', status: {text, tone: 'error'}});
			return session;
		}
		await session.sync.stop();
		session.port.close();
		hosts.current = target;
		store.dispatch({
			type: 'host-switched',
			status: {text: `switched to ${sanitizeField(target.name)} (${sanitizeField(target.host)})`, tone: 'info'},
		});
		return openSession(client);
	};

	let exitCode = 0;
	let fatal: unknown;
	let instance: Instance | undefined;
	let stopping = false;
	const stopSuspending = suspender.listen();
	const finish = (code: number, error?: unknown) => {
		if (error !== undefined && fatal === undefined) fatal = error;
		if (exitCode === 0) exitCode = code;
		stopping = true;
		// Suspended in the background (bg) when the end came: do not take the terminal back.
		stopSuspending();
		if (handoff.running) {
			// A shell has the terminal and Ink is not mounted: give the terminal back and leave now.
			restoreTerminal(stdin, stdout);
			if (fatal !== undefined) stderr.write(`tsdock: ${errorLine(fatal)}\n`);
			process.exit(exitCode);
		}
		instance?.unmount();
		// If a dead terminal keeps something open, do not linger.
		setTimeout(() => process.exit(exitCode), 3000).unref();
	};
	const onSignal = (signal: keyof typeof signalCodes) => () => finish(signalCodes[signal]);
	const signalHandlers = (Object.keys(signalCodes) as Array<keyof typeof signalCodes>).map(
		(signal) => [signal, onSignal(signal)] as const,
	);
	for (const [signal, handler] of signalHandlers) process.on(signal, handler);
	const onFatal = (error: unknown) => finish(1, error);
	process.on('uncaughtException', onFatal);
	process.on('unhandledRejection', onFatal);
	// A dropped SSH session turns writes into EIO/EPIPE: leave quietly instead of crashing.
	const onStreamError = () => finish(129);
	stdout.on('error', onStreamError);

	tuneHeapAfterStartup();
	// Give memory back once start-up is over and each time the logs view (the heap's biggest user) closes.
	const compactSoon = compactionScheduler(COMPACT_AFTER_MS, () => store.get().ui.logs === undefined);
	compactSoon();
	let logsOpen = false;
	const stopWatchingLogs = store.subscribe(() => {
		const open = store.get().ui.logs !== undefined;
		if (logsOpen && !open) compactSoon();
		logsOpen = open;
	});
	// The first frame waits a moment for the containers asked for while the UI code loaded: drawn with them, the
	// list does not cost a second full render. A slow daemon (over ssh, say) is not waited for.
	if (options.prefetch) await settledOrAfter(options.prefetch, FIRST_FRAME_WAIT_MS);
	try {
		for (;;) {
			// A signal during the wait above: nothing is drawn yet, leave without drawing.
			if (stopping) break;
			const {port} = session;
			instance = render(<App store={store} theme={theme} port={port} options={controllerOptions} />, {
				alternateScreen: true,
				exitOnCtrlC: false,
				interactive: true,
				patchConsole: true,
				incrementalRendering: true,
				maxFps: 60,
			});
			await instance.waitUntilExit();
			if (stopping) break;
			// The App exits Ink to quit, to hand the terminal to a shell, or to switch to another daemon.
			const target = hosts.take();
			if (target) {
				session = await switchSession(target);
				continue;
			}
			const shell = handoff.take();
			if (!shell) break;
			suspender.takeRefusal();
			const status = await handoff.handOver(port, shell, {stdin, stdout});
			if (stopping) break;
			// A SIGTSTP meanwhile was refused on a status line no one saw: say it now.
			const refused = suspender.takeRefusal();
			store.dispatch({type: 'status', status: refused ? {text: `${status.text}; ${refused}`, tone: 'error'} : status});
		}
	} catch (error) {
		fatal ??= error;
		exitCode = 1;
	} finally {
		// The signal handlers stay: the settings library (conf → atomically → when-exit) sends every signal it
		// sees to the process again; with no handler of ours left, that echo would kill tsdock by the signal
		// before it exits with its own status (130/129/143).
		process.off('uncaughtException', onFatal);
		process.off('unhandledRejection', onFatal);
		stdout.off('error', onStreamError);
		stopSaving();
		stopWatchingLogs();
		stopSuspending();
		await session.sync.stop();
		session.port.close();
		stdin.pause();
	}
	if (fatal !== undefined) {
		if (process.env.TSDOCK_DEBUG) console.error(fatal);
		stderr.write(`tsdock: ${errorLine(fatal)}\n`);
		return exitCode || 1;
	}
	return exitCode;
}
