/** Record the Engine's event stream during a test: what came so far, waiting for one, stopping cleanly. */
import {setTimeout as sleep} from 'node:timers/promises';
import {openEvents, parseEvents, type EngineClient, type EngineEvent} from '../../source/core/index.ts';

export type EventRecorder = {
	seen: EngineEvent[];
	/** The first recorded event that matches, waiting up to `timeoutMs`; undefined if none came. */
	until(match: (event: EngineEvent) => boolean, timeoutMs?: number): Promise<EngineEvent | undefined>;
	stop(): Promise<void>;
};

export async function recordEvents(client: EngineClient): Promise<EventRecorder> {
	const abort = new AbortController();
	const response = await openEvents(client, {signal: abort.signal});
	const seen: EngineEvent[] = [];
	const reading = (async () => {
		try {
			for await (const event of parseEvents(response)) seen.push(event);
		} catch {
			// Aborted.
		}
	})();
	return {
		seen,
		async until(match, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (!seen.some(match) && Date.now() < deadline) await sleep(50);
			return seen.find(match);
		},
		async stop() {
			abort.abort();
			response.destroy();
			await reading;
		},
	};
}
