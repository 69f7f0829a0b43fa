/**
 * Keeps the store in step with the daemon: lists once the event stream is up, then re-lists only the kind
 * an event touched, batched over ~100 ms. No polling; an unchanged listing changes nothing (the reducer
 * sees it is the same). `system df` is slow on big hosts, so it is read only while a pane that needs it (the
 * registry's `needs`) is shown, or when one is first shown. Everything it learns is dispatched.
 */
import {errorLine, statusIsRelative, type ContainerSummary, type EngineEvent} from '../core/index.ts';
import type {EnginePort} from './engine-port.ts';
import {paneSpec} from './panes/registry.ts';
import type {ResourceKind} from './state/types.ts';
import type {Store} from './store.ts';

export const BATCH_MS = 100;

/** Container events that change nothing a list shows. */
const quietContainerActions =
	/^(exec_create|exec_start|exec_die|exec_detach|attach|detach|resize|top|archive-path|extract-to-dir|export|copy|commit)/;

/** Which listings an event makes stale. */
export function kindsForEvent(event: EngineEvent): ResourceKind[] {
	const action = event.Action ?? event.status ?? '';
	switch (event.Type) {
		case 'container':
			return quietContainerActions.test(action) ? [] : ['containers', 'df'];
		case 'image':
			return ['images', 'df'];
		case 'volume':
			return action === 'mount' || action === 'unmount' ? [] : ['volumes', 'df'];
		case 'builder':
			return ['df'];
		default:
			return [];
	}
}

/** Container events after which its start or finish time may differ from the one read (or it is gone). */
const timeActions = /^(start|restart|die|pause|unpause|destroy)$/;

/** How many inspects for containers' times run at once. */
export const TIMES_CONCURRENCY = 4;

export class EngineSync {
	private readonly port: EnginePort;
	private readonly store: Store;
	private controller?: AbortController;
	private unsubscribe?: () => void;
	private readonly pending = new Set<ResourceKind>();
	private readonly running = new Set<ResourceKind>();
	private timer?: NodeJS.Timeout;
	/** Listings that failed while the event stream stayed up (a slow or frozen daemon): read again later. */
	private readonly retries = new Map<ResourceKind, {timer?: NodeJS.Timeout; delay: number}>();
	private dfStale = true;
	private everConnected = false;
	private everListed = false;
	private connected = false;
	/** Containers whose times are being read, and which to read next (IDs). */
	private readonly timesReading = new Set<string>();
	private readonly timesQueue: string[] = [];
	/** Bumped per container when its times go stale: a read started before then is thrown away. */
	private readonly timesGeneration = new Map<string, number>();
	/** Resolves when the event stream ends (after stop()). */
	done: Promise<void> = Promise.resolve();

	/** The running containers, listed before the UI loaded (see cli.tsx): drawn as soon as they arrive. */
	private readonly prefetch?: Promise<ContainerSummary[] | undefined>;

	constructor(port: EnginePort, store: Store, prefetch?: Promise<ContainerSummary[] | undefined>) {
		this.port = port;
		this.store = store;
		this.prefetch = prefetch;
	}

	/** Whether the pane on screen shows disk usage (only then is `system df` read). */
	private dfShown(): boolean {
		return paneSpec(this.store.get().ui.pane).needs.includes('df');
	}

	start(): void {
		this.controller = new AbortController();
		// The first paint need not wait for the event stream; the listing made when it connects follows anyway.
		void this.prefetch?.then((list) => {
			if (list) {
				this.dispatch({type: 'prefetched', list});
				this.readTimes(list);
			}
		});
		let seen = this.store.get().ui;
		this.unsubscribe = this.store.subscribe(() => {
			const ui = this.store.get().ui;
			if (ui === seen) return;
			const before = seen;
			seen = ui;
			if (!this.connected) return;
			if (ui.toggles.danglingImages !== before.toggles.danglingImages) this.mark('images', 0);
			if (ui.toggles.unusedVolumes !== before.toggles.unusedVolumes) this.mark('volumes', 0);
			if (ui.pane !== before.pane && this.dfShown() && this.dfStale) this.mark('df', 0);
		});
		this.done = this.port.watchEvents(
			{
				onConnected: () => {
					// Events missed while the stream was down may have started or stopped containers.
					if (this.everConnected) this.forgetTimes();
					this.everConnected = true;
					this.connected = true;
					this.dispatch({type: 'connection', connection: {state: 'connected'}});
					void this.loadVersion();
					this.dfStale = true;
					// What the pane on screen shows first; the others a moment later, so they do not compete with it.
					const shown = paneSpec(this.store.get().ui.pane).needs;
					for (const kind of ['containers', 'images', 'volumes'] as const) {
						if (shown.includes(kind) || this.everListed) this.mark(kind, 0);
						else setTimeout(() => !this.controller?.signal.aborted && this.mark(kind, 0), BATCH_MS * 2).unref();
					}
					this.everListed = true;
					if (this.dfShown() || this.store.get().data.df) this.mark('df', 0);
				},
				onDisconnected: (error, retryInMs) => {
					this.connected = false;
					const reason = errorLine(error);
					const connection = this.everConnected
						? ({state: 'reconnecting', reason, retryInMs} as const)
						: ({state: 'disconnected', reason, retryInMs} as const);
					this.dispatch({type: 'connection', connection});
				},
				onEvent: (event) => {
					const action = event.Action ?? event.status ?? '';
					const id = event.Actor?.ID ?? event.id;
					if (event.Type === 'container' && id && timeActions.test(action)) this.forgetTimes(id);
					for (const kind of kindsForEvent(event)) {
						if (kind === 'df') {
							this.dfStale = true;
							if (!this.dfShown()) continue;
						}
						this.mark(kind);
					}
				},
			},
			this.controller.signal,
		);
	}

	stop(): Promise<void> {
		this.controller?.abort();
		this.unsubscribe?.();
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.pending.clear();
		for (const retry of this.retries.values()) clearTimeout(retry.timer);
		this.retries.clear();
		this.timesQueue.length = 0;
		return this.done;
	}

	/** Re-list a kind after the batch window (0: as soon as possible). */
	mark(kind: ResourceKind, delay = BATCH_MS): void {
		this.pending.add(kind);
		if (this.timer) {
			if (delay > 0) return;
			clearTimeout(this.timer);
		}
		this.timer = setTimeout(() => this.flush(), delay);
	}

	private flush(): void {
		this.timer = undefined;
		for (const kind of [...this.pending]) {
			if (this.running.has(kind)) continue;
			this.pending.delete(kind);
			void this.run(kind);
		}
	}

	private async run(kind: ResourceKind): Promise<void> {
		if (this.controller?.signal.aborted) return;
		this.running.add(kind);
		const signal = this.controller?.signal;
		try {
			await this.fetch(kind, signal);
			this.dispatch({type: 'list-ok', kind});
			clearTimeout(this.retries.get(kind)?.timer);
			this.retries.delete(kind);
		} catch (error) {
			if (signal?.aborted) return;
			this.retryLater(kind);
			this.dispatch({type: 'list-failed', kind, error: errorLine(error)});
		} finally {
			this.running.delete(kind);
			if (this.pending.has(kind) && !signal?.aborted) this.mark(kind);
		}
	}

	/**
	 * A listing that failed (e.g. timed out) while the event stream is up would otherwise stay failed until an
	 * event touches its kind: read it again by itself, waiting 1 s, 2 s, … up to 30 s between tries.
	 */
	private retryLater(kind: ResourceKind): void {
		const previous = this.retries.get(kind);
		clearTimeout(previous?.timer);
		const delay = previous ? Math.min(previous.delay * 2, 30_000) : 1000;
		const timer = setTimeout(() => {
			const retry = this.retries.get(kind);
			if (retry) retry.timer = undefined;
			if (!this.connected || this.controller?.signal.aborted) return;
			// Disk usage is slow on big hosts: only while its pane is shown (it is read when shown anyway).
			if (kind === 'df' && !this.dfShown()) {
				this.dfStale = true;
				return;
			}
			this.mark(kind, 0);
		}, delay);
		timer.unref();
		this.retries.set(kind, {timer, delay});
	}

	private async fetch(kind: ResourceKind, signal?: AbortSignal): Promise<void> {
		const toggles = this.store.get().ui.toggles;
		switch (kind) {
			case 'containers': {
				const list = await this.port.listContainers(signal);
				this.dispatch({type: 'listed-containers', list});
				this.readTimes(list);
				return;
			}
			case 'images': {
				const dangling = toggles.danglingImages;
				this.dispatch({type: 'listed-images', list: await this.port.listImages({dangling}, signal), dangling});
				return;
			}
			case 'volumes': {
				const unused = toggles.unusedVolumes;
				this.dispatch({type: 'listed-volumes', list: await this.port.listVolumes({unused}, signal), unused});
				return;
			}
			case 'df':
				this.dfStale = false;
				this.dispatch({type: 'listed-df', df: await this.port.diskUsage(signal)});
				return;
		}
	}

	/** Forget one container's times (or all): the next listing reads them again. */
	private forgetTimes(id?: string): void {
		// A read under way started before the change: its answer is thrown away.
		const stale = id ? [id].filter((each) => this.timesReading.has(each)) : [...this.timesReading];
		for (const each of stale) this.timesGeneration.set(each, (this.timesGeneration.get(each) ?? 0) + 1);
		if (id) this.dispatch({type: 'container-times', times: {[id]: undefined}});
		else this.dispatch({type: 'container-times-reset'});
	}

	/**
	 * Read the start and finish times of listed containers whose STATUS holds a duration ("Up 4 seconds",
	 * "Exited (0) 2 hours ago") and whose times are not known: one inspect each, a few at a time, once per
	 * container until an event says they changed. Failures leave the daemon's text (a container that went away).
	 */
	private readTimes(list: readonly ContainerSummary[]): void {
		const known = this.store.get().data.times ?? {};
		for (const container of list) {
			const id = container.Id;
			if (id in known || this.timesReading.has(id) || !statusIsRelative(container.Status ?? '')) continue;
			if (this.timesQueue.includes(id)) continue;
			this.timesQueue.push(id);
		}
		while (this.timesReading.size < TIMES_CONCURRENCY && this.timesQueue.length > 0) void this.readOneTime();
	}

	private async readOneTime(): Promise<void> {
		const id = this.timesQueue.shift();
		if (id === undefined || this.controller?.signal.aborted) return;
		this.timesReading.add(id);
		const generation = this.timesGeneration.get(id) ?? 0;
		const current = () => (this.timesGeneration.get(id) ?? 0) === generation;
		try {
			const times = await this.port.containerTimes(id);
			if (current()) this.dispatch({type: 'container-times', times: {[id]: times}});
		} catch {
			// Gone, or the daemon did not answer: the daemon's own text stays until the next listing.
		} finally {
			this.timesReading.delete(id);
			// Started or stopped while being read: read again (a removed one fails quietly).
			if (!current() && !this.controller?.signal.aborted && !this.timesQueue.includes(id)) this.timesQueue.push(id);
			if (this.timesQueue.length > 0) void this.readOneTime();
		}
	}

	private async loadVersion(): Promise<void> {
		try {
			const found = await this.port.engineVersion();
			// The header shows the API version tsdock speaks (negotiated), not the newest the daemon could.
			this.dispatch({type: 'engine', engine: {...found, apiVersion: this.port.apiVersion() ?? found.apiVersion}});
		} catch {
			// The header just lacks the version; listing errors are reported on their own.
		}
	}

	private dispatch(change: Parameters<Store['dispatch']>[0]): void {
		if (this.controller?.signal.aborted) return;
		this.store.dispatch(change);
	}
}
