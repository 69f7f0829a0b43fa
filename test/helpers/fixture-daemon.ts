/**
 * The set-up most core test files share: one throwaway daemon with the standard fixtures and a core client
 * for it, started before the file's tests and stopped after. Each test file runs in its own process, so these
 * are per file; import them (live bindings) and call `setUpFixtureDaemon()` once at the top of the file.
 */
import {after, before} from 'node:test';
import {createClient, type EngineClient} from '../../source/core/index.ts';
import {startDaemon, type TestDaemon} from './daemon.ts';
import {createFixtures, type Fixtures} from './fixtures.ts';

export let daemon: TestDaemon;
export let client: EngineClient;
export let fixtures: Fixtures;

/** Register the before/after hooks; `setup` runs after the fixtures exist (extra containers, images…). */
export function setUpFixtureDaemon(setup?: () => Promise<unknown>): void {
	before(async () => {
		daemon = await startDaemon();
		fixtures = await createFixtures(daemon);
		client = createClient({host: daemon.host});
		await setup?.();
	});
	after(async () => {
		client?.close();
		await daemon?.stop();
	});
}
