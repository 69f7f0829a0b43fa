/**
 * tsdock's embedded runtime core: the Docker Engine API client and every domain rule. It never imports
 * React or Ink; the TUI, the non-interactive commands and library users all go through here.
 */
import {EngineClient} from './client.ts';
import {resolveEndpoint} from './endpoint.ts';
import type {ConnectOptions} from './hosts.ts';

export * from './errors.ts';
export * from './endpoint.ts';
export * from './contexts.ts';
export * from './client.ts';
export * from './types.ts';
export * from './containers.ts';
export * from './images.ts';
export * from './volumes.ts';
export * from './system.ts';
export * from './logs.ts';
export * from './exec.ts';
export * from './shell.ts';
export * from './log-ring.ts';
export * from './log-resume.ts';
export * from './container-ops.ts';
export * from './prune-plan.ts';
export * from './prune-run.ts';
export * from './hosts.ts';
export {sshConnector, sshControlSockets} from './ssh.ts';
export * from './sanitize.ts';
export * from './units.ts';
export * from './times.ts';
export * from './ports.ts';

/** Resolve the endpoint like the docker CLI and make a client for it (no I/O until the first request). */
export function createClient(options: ConnectOptions = {}): EngineClient {
	return new EngineClient(resolveEndpoint(options), {readOnly: options.readOnly, timeoutMs: options.timeoutMs});
}
