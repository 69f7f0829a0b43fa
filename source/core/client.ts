import type * as Http from 'node:http';
import type {Duplex} from 'node:stream';
import {nodeHttp} from './builtin.ts';
import {connectorFor, type Connector} from './transport.ts';
import {describeEndpoint, type Endpoint} from './endpoint.ts';
import {TsdockError, connectionError, engineError} from './errors.ts';

/** node:http through require (./builtin.ts says why). */
const http = nodeHttp();

/**
 * The oldest and newest Engine API versions tsdock speaks. The newest is the newest whose answers tsdock's fields
 * were checked against (README: "Engine API versions"): Docker 29 speaks 1.44 to 1.52, Debian's 20.10 and
 * Podman 4 at most 1.41. API 1.53 drops the legacy /system/df fields the Disk pane reads.
 */
export const MIN_API_VERSION = '1.40';
export const MAX_API_VERSION = '1.52';

export type Query = Record<string, string | number | boolean | undefined | Record<string, string[]>>;

export type RequestOptions = {
	query?: Query;
	body?: unknown;
	/** Milliseconds until the whole answer must have arrived (streams: until the headers have). */
	timeoutMs?: number;
	signal?: AbortSignal;
	headers?: Record<string, string>;
	/** Send at this API version without waiting for the /_ping negotiation. Requests only. */
	apiVersion?: string;
	/**
	 * Send on the unversioned path without waiting for the /_ping negotiation: the daemon answers at its own API
	 * version, whatever that is. For a first request that should not pay the extra round trip: no fixed version
	 * suits every daemon (Debian's 20.10 speaks at most 1.41, Docker 29 at least 1.44), so the answer must be read
	 * tolerantly. Requests only.
	 */
	unversioned?: boolean;
};

export type PingInfo = {apiVersion: string; osType?: string; experimental: boolean; podman: boolean};

export const compareVersions = (a: string, b: string): number => {
	const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
	const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
	return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
};

export function encodeQuery(query: Query | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		if (typeof value === 'object') {
			if (Object.keys(value).length > 0) params.set(key, JSON.stringify(value));
		} else {
			params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
		}
	}
	const text = params.toString();
	return text === '' ? '' : `?${text}`;
}

/** A thin typed Engine API client over node:http: no dependencies, any transport. */
export class EngineClient {
	readonly endpoint: Endpoint;
	readonly where: string;
	apiVersion?: string;
	ping?: PingInfo;
	/** Every request's method and path (unversioned), when recording is on: used by --read-only tests. */
	onRequest?: (method: string, path: string) => void;
	private readonly connect: Connector;
	private readonly agent: Http.Agent;
	private negotiating?: Promise<PingInfo>;
	readonly defaultTimeoutMs: number;
	/** When set, every request that is not GET/HEAD is refused before it leaves the process. */
	readonly readOnly: boolean;

	constructor(endpoint: Endpoint, options: {timeoutMs?: number; connector?: Connector; readOnly?: boolean} = {}) {
		this.endpoint = endpoint;
		this.readOnly = options.readOnly ?? false;
		this.where = describeEndpoint(endpoint);
		this.connect = options.connector ?? connectorFor(endpoint);
		this.defaultTimeoutMs = options.timeoutMs ?? 30_000;
		this.agent = new http.Agent({keepAlive: true, maxFreeSockets: 4});
		const connect = this.connect;
		(this.agent as unknown as {createConnection: () => Duplex}).createConnection = () => connect();
	}

	/** Ask the daemon which API it speaks and settle on min(ours, its). */
	async negotiate(force = false): Promise<PingInfo> {
		if (this.ping && !force) return this.ping;
		if (!this.negotiating || force) {
			this.negotiating = this.rawPing().finally(() => {
				this.negotiating = undefined;
			});
		}
		return this.negotiating;
	}

	private async rawPing(): Promise<PingInfo> {
		// At most 10 s, and never longer than the client's own timeout.
		const response = await this.send('GET', '/_ping', {timeoutMs: Math.min(10_000, this.defaultTimeoutMs)}, false);
		const body = await readBody(response);
		if ((response.statusCode ?? 500) >= 400) throw engineError(response.statusCode ?? 500, body.toString('utf8'));
		const server = String(response.headers['api-version'] ?? MIN_API_VERSION);
		if (compareVersions(server, MIN_API_VERSION) < 0) {
			throw new TsdockError(
				'api-too-old',
				`the daemon at ${this.where} speaks Engine API ${server}; tsdock needs ${MIN_API_VERSION} or newer (Docker 19.03+)`,
			);
		}
		this.apiVersion = compareVersions(server, MAX_API_VERSION) > 0 ? MAX_API_VERSION : server;
		this.ping = {
			apiVersion: this.apiVersion,
			osType: response.headers['ostype'] as string | undefined,
			experimental: response.headers['docker-experimental'] === 'true',
			podman: response.headers['libpod-api-version'] !== undefined,
		};
		return this.ping;
	}

	/** True when the negotiated API is at least `version`. */
	apiAtLeast(version: string): boolean {
		return this.apiVersion !== undefined && compareVersions(this.apiVersion, version) >= 0;
	}

	private send(
		method: string,
		path: string,
		options: RequestOptions,
		versioned = true,
		streaming = false,
	): Promise<Http.IncomingMessage> {
		if (this.readOnly && method !== 'GET' && method !== 'HEAD') {
			return Promise.reject(new TsdockError('read-only', `read-only mode: refused ${method} ${path}`));
		}
		const version = options.unversioned ? undefined : (options.apiVersion ?? this.apiVersion);
		const fullPath = (versioned && version ? `/v${version}` : '') + path + encodeQuery(options.query);
		this.onRequest?.(method, path);
		return new Promise((resolve, reject) => {
			const headers: Record<string, string> = {Host: 'docker', ...options.headers};
			let payload: Buffer | undefined;
			if (options.body !== undefined) {
				payload = Buffer.from(JSON.stringify(options.body));
				headers['Content-Type'] = 'application/json';
				headers['Content-Length'] = String(payload.length);
			}
			const request = http.request({method, path: fullPath, headers, agent: this.agent});
			const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
			let settled = false;
			let answer: Http.IncomingMessage | undefined;
			const fail = (error: unknown) => {
				if (settled && answer && !streaming) {
					// Headers came but the body is late or cancelled: fail the body read.
					answer.destroy(error as Error);
					return;
				}
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				options.signal?.removeEventListener('abort', onAbort);
				request.destroy();
				reject(error);
			};
			const timer = setTimeout(() => {
				fail(
					new TsdockError(
						'timeout',
						`the daemon at ${this.where} did not answer ${method} ${path} within ${duration(timeoutMs)}`,
					),
				);
			}, timeoutMs);
			const onAbort = () => fail(new TsdockError('timeout', `${method} ${path} was cancelled`));
			// The error listener first: a request destroyed before its socket is assigned (cancelled at once) emits
			// "socket hang up" a tick later, and an 'error' with no listener would crash the process.
			request.on('error', (error: NodeJS.ErrnoException) =>
				fail(error instanceof TsdockError ? error : connectionError(error, this.where)),
			);
			if (options.signal?.aborted) return onAbort();
			options.signal?.addEventListener('abort', onAbort, {once: true});
			request.on('response', (response) => {
				if (settled) return response.destroy();
				if (streaming) {
					settled = true;
					clearTimeout(timer);
					response.on('close', () => options.signal?.removeEventListener('abort', onAbort));
					options.signal?.addEventListener('abort', () => response.destroy(), {once: true});
					resolve(response);
					return;
				}
				// Whole-answer requests keep the timer running until the body is read (see request()).
				settled = true;
				answer = response;
				response.once('end', () => {
					clearTimeout(timer);
					options.signal?.removeEventListener('abort', onAbort);
				});
				response.once('close', () => clearTimeout(timer));
				resolve(response);
			});
			request.end(payload);
		});
	}

	/** A request whose whole answer is read; JSON is parsed, errors are typed. */
	async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
		if (options.apiVersion === undefined && !options.unversioned) await this.negotiate();
		const response = await this.send(method, path, options);
		const body = await readBody(response);
		const status = response.statusCode ?? 500;
		if (status >= 400) throw engineError(status, messageOf(body));
		if (body.length === 0) return undefined as T;
		const type = String(response.headers['content-type'] ?? '');
		if (type.includes('json')) {
			try {
				return JSON.parse(body.toString('utf8')) as T;
			} catch {
				throw new TsdockError('engine', `the daemon at ${this.where} sent malformed JSON for ${method} ${path}`);
			}
		}
		return body.toString('utf8') as T;
	}

	/** A streaming request (logs, events, stats): resolves once headers arrive; errors are typed. */
	async stream(method: string, path: string, options: RequestOptions = {}): Promise<Http.IncomingMessage> {
		await this.negotiate();
		const response = await this.send(method, path, {timeoutMs: 15_000, ...options}, true, true);
		const status = response.statusCode ?? 500;
		if (status >= 400) {
			const body = await readBody(response);
			throw engineError(status, messageOf(body));
		}
		return response;
	}

	/**
	 * Upgrade a request to a raw bidirectional stream (exec start, attach), the way the docker CLI hijacks:
	 * `Upgrade: tcp`, answered with 101. Returns the socket and anything read past the headers.
	 */
	async hijack(path: string, body: unknown, timeoutMs = 15_000): Promise<{socket: Duplex; head: Buffer}> {
		if (this.readOnly) throw new TsdockError('read-only', `read-only mode: refused POST ${path}`);
		await this.negotiate();
		const payload = Buffer.from(JSON.stringify(body));
		this.onRequest?.('POST', path);
		const connect = this.connect;
		return new Promise((resolve, reject) => {
			const request = http.request({
				method: 'POST',
				path: `/v${this.apiVersion}${path}`,
				headers: {
					Host: 'docker',
					'Content-Type': 'application/json',
					'Content-Length': String(payload.length),
					Connection: 'Upgrade',
					Upgrade: 'tcp',
				},
				createConnection: () => connect() as never,
			});
			const timer = setTimeout(() => {
				request.destroy();
				reject(
					new TsdockError(
						'timeout',
						`the daemon at ${this.where} did not answer POST ${path} within ${duration(timeoutMs)}`,
					),
				);
			}, timeoutMs);
			request.on('upgrade', (_response, socket, head) => {
				clearTimeout(timer);
				resolve({socket, head});
			});
			request.on('response', async (response) => {
				clearTimeout(timer);
				const text = await readBody(response);
				reject(engineError(response.statusCode ?? 500, messageOf(text)));
			});
			request.on('error', (error: NodeJS.ErrnoException) => {
				clearTimeout(timer);
				reject(error instanceof TsdockError ? error : connectionError(error, this.where));
			});
			request.end(payload);
		});
	}

	/** Drop idle keep-alive connections so the process can exit. */
	close(): void {
		this.agent.destroy();
		// Transports with a life of their own (an ssh master connection) end with the client.
		void this.connect.close?.().catch(() => {});
	}
}

const duration = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

function messageOf(body: Buffer): string {
	const text = body.toString('utf8');
	try {
		const parsed = JSON.parse(text) as {message?: string};
		if (typeof parsed.message === 'string') return parsed.message;
	} catch {
		// Not JSON: use the text itself.
	}
	return text.trim();
}

export function readBody(response: Http.IncomingMessage, limit = 256 * 1024 * 1024): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		response.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				response.destroy();
				reject(new TsdockError('engine', 'the daemon sent an answer larger than tsdock will hold'));
				return;
			}
			chunks.push(chunk);
		});
		response.on('end', () => resolve(Buffer.concat(chunks)));
		// A body cut short by our own timeout or cancel arrives as that error; a connection the daemon dropped
		// arrives as Node's bare "aborted". 'aborted' fires before 'error', so it only decides when no error follows.
		const midAnswer = () => new TsdockError('unreachable', 'the connection to the daemon closed mid-answer');
		response.on('error', (error) => reject(error instanceof TsdockError ? error : midAnswer()));
		response.on('aborted', () => setImmediate(() => reject(midAnswer())));
	});
}
