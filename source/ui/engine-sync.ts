/**
 * Keeps the store in step with the daemon: lists once the event stream is up, then re-lists only the kind
 * an event touched, batched over ~100 ms. No polling; an unchanged listing does not touch the store.
 * `system df` is slow on big hosts, so it is read only while the Disk pane is shown (or when it is first shown).
 */
import {
	diskUsage,
	engineVersion,
	errorLine,
	listContainers,
	listImages,
	listVolumes,
	watchEvents,
	type ContainerSummary,
	type EngineClient,
	type EngineEvent,
} from '../core/index.ts';
import type {AppState, EngineData, ResourceKind} from './state/types.ts';
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

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export class EngineSync {
	private readonly client: EngineClient;
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
	/** Resolves when watchEvents ends (after stop()). */
	done: Promise<void> = Promise.resolve();

	/** The running containers, listed before the UI loaded (see cli.tsx): drawn as soon as they arrive. */
	private readonly prefetch?: Promise<ContainerSummary[] | undefined>;

	constructor(client: EngineClient, store: Store, prefetch?: Promise<ContainerSummary[] | undefined>) {
		this.client = client;
		this.store = store;
		this.prefetch = prefetch;
	}

	start(): void {
		this.controller = new AbortController();
		// The first paint need not wait for the event stream; the listing made when it connects follows anyway.
		void this.prefetch?.then((list) => {
			if (list && !this.controller?.signal.aborted)
				this.setData((data) => (data.containers ? data : {...data, containers: {list, all: true, partial: true}}));
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
			if (ui.pane === 'disk' && before.pane !== 'disk' && this.dfStale) this.mark('df', 0);
		});
		this.done = watchEvents(
			this.client,
			{
				onConnected: () => {
					this.everConnected = true;
					this.connected = true;
					this.setState((state) =>
						state.connection.state === 'connected' ? state : {...state, connection: {state: 'connected'}},
					);
					void this.loadVersion();
					this.dfStale = true;
					// The pane on screen first; the others a moment later, so they do not compete with it for the daemon.
					const shown = this.store.get().ui.pane;
					for (const kind of ['containers', 'images', 'volumes'] as const) {
						if (kind === shown || this.everListed) this.mark(kind, 0);
						else setTimeout(() => !this.controller?.signal.aborted && this.mark(kind, 0), BATCH_MS * 2).unref();
					}
					this.everListed = true;
					if (this.store.get().ui.pane === 'disk' || this.store.get().data.df) this.mark('df', 0);
				},
				onDisconnected: (error, retryInMs) => {
					this.connected = false;
					const reason = errorLine(error);
					const connection = this.everConnected
						? ({state: 'reconnecting', reason, retryInMs} as const)
						: ({state: 'disconnected', reason, retryInMs} as const);
					this.setState((state) => (sameJson(state.connection, connection) ? state : {...state, connection}));
				},
				onEvent: (event) => {
					for (const kind of kindsForEvent(event)) {
						if (kind === 'df') {
							this.dfStale = true;
							if (this.store.get().ui.pane !== 'disk') continue;
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
			this.clearError(kind);
			clearTimeout(this.retries.get(kind)?.timer);
			this.retries.delete(kind);
		} catch (error) {
			if (signal?.aborted) return;
			this.retryLater(kind);
			const text = errorLine(error);
			this.setState((state) =>
				state.data.errors[kind] === text
					? state
					: {
							...state,
							data: {...state.data, errors: {...state.data.errors, [kind]: text}},
							status: {text: `could not list ${kind === 'df' ? 'disk usage' : kind}: ${text}`, tone: 'error'},
						},
			);
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
			if (kind === 'df' && this.store.get().ui.pane !== 'disk') {
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
				const list = await listContainers(this.client, {all: true, signal});
				this.setData((data) =>
					data.containers && !data.containers.partial && sameJson(data.containers.list, list)
						? data
						: {...data, containers: {list, all: true}},
				);
				return;
			}
			case 'images': {
				const dangling = toggles.danglingImages;
				const list = await listImages(this.client, {
					filters: dangling ? {dangling: true} : undefined,
					sharedSize: this.client.apiAtLeast('1.42'),
					signal,
				});
				this.setData((data) =>
					data.images && data.images.dangling === dangling && sameJson(data.images.list, list)
						? data
						: {...data, images: {list, dangling}},
				);
				return;
			}
			case 'volumes': {
				const unused = toggles.unusedVolumes;
				const list = await listVolumes(this.client, {dangling: unused ? true : undefined, signal});
				this.setData((data) =>
					data.volumes && data.volumes.unused === unused && sameJson(data.volumes.list, list)
						? data
						: {...data, volumes: {list, unused}},
				);
				return;
			}
			case 'df': {
				this.dfStale = false;
				const df = await diskUsage(this.client, signal);
				this.setData((data) => (data.df && sameJson(data.df.raw, df.raw) ? data : {...data, df}));
				return;
			}
		}
	}

	private async loadVersion(): Promise<void> {
		try {
			const found = await engineVersion(this.client);
			// The header shows the API version tsdock speaks (negotiated), not the newest the daemon could.
			const engine = {...found, apiVersion: this.client.apiVersion ?? found.apiVersion};
			this.setState((state) => (sameJson(state.engine, engine) ? state : {...state, engine}));
		} catch {
			// The header just lacks the version; listing errors are reported on their own.
		}
	}

	private clearError(kind: ResourceKind): void {
		this.setState((state) => {
			if (state.data.errors[kind] === undefined) return state;
			const errors = {...state.data.errors};
			delete errors[kind];
			return {...state, data: {...state.data, errors}};
		});
	}

	private setData(updater: (data: EngineData) => EngineData): void {
		this.setState((state) => {
			const data = updater(state.data);
			return data === state.data ? state : {...state, data};
		});
	}

	private setState(updater: (state: AppState) => AppState): void {
		if (this.controller?.signal.aborted) return;
		this.store.update(updater);
	}
}
