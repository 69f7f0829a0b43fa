/**
 * Node's own modules through require, for the ones on the start-up path. An ES import of a built-in builds
 * its module namespace, which reads every export; node:http's lazy exports (WebSocket, …) then load undici,
 * http2, zlib and worker_threads: 20 ms of start-up on Node 24 where require takes 2.4 ms. Modules needed
 * only for some endpoints (tls, child_process for ssh) are loaded on first use: 3–4 ms each otherwise; so is vm
 * (the UI's idle heap compaction, 0.6 ms as an ES import).
 */
import {createRequire} from 'node:module';
import type * as Http from 'node:http';
import type * as Tls from 'node:tls';
import type * as ChildProcesses from 'node:child_process';
import type * as Vm from 'node:vm';

const load = createRequire(import.meta.url);

export const nodeHttp = (): typeof Http => load('node:http') as typeof Http;
export const nodeTls = (): typeof Tls => load('node:tls') as typeof Tls;
export const nodeChildProcess = (): typeof ChildProcesses => load('node:child_process') as typeof ChildProcesses;
export const nodeVm = (): typeof Vm => load('node:vm') as typeof Vm;
