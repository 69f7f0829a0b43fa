/**
 * A recording unix-socket proxy in front of a real daemon: every byte is passed through untouched, and the
 * HTTP requests flowing client → daemon are parsed as they go (request line, headers, bodies by
 * Content-Length or chunked encoding, so every request on a keep-alive connection is seen). After an
 * upgrade (exec/attach hijack) the rest of the connection is raw and is not parsed.
 *
 * With `docker29: true` it answers like Docker Engine 29 in front of an older real daemon: `/_ping` says
 * API-Version 1.52; a request versioned below 1.44 gets Docker 29's 400 ("client version 1.40 is too old…") and
 * one above 1.52 its "too new" 400, both from the proxy (recorded with that status); a request at 1.44 – 1.52
 * goes to the real daemon rewritten to the daemon's own version; an unversioned one goes as it is (so the real
 * daemon answers it at its own version, where Docker 29 would answer at 1.52: the fields tsdock reads are the
 * same at both). Nothing else is changed: the answers are the real daemon's.
 */
import net from 'node:net';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {refuseInUnitRun} from './unit-guard.ts';

export type SeenRequest = {
	method: string;
	path: string;
	connection: number;
	at: number;
	/** Docker 29 mode: the status the proxy answered with itself (a refused version, or 200 for /_ping). */
	answered?: number;
	/** Docker 29 mode: the path as it went to the real daemon, when rewritten. */
	sentAs?: string;
};

export type ProxyOptions = {
	/** Answer like Docker Engine 29 (API 1.44 – 1.52) in front of the real daemon (see above). */
	docker29?: boolean;
};

/** What the Docker 29 mode does with one request: pass it on (perhaps rewritten), or answer it itself. */
type Decision = {target?: string; reply?: {status: number; text: string}};

/** Docker Engine 29's API range (moby daemon/server/middleware/version.go gives the messages). */
export const DOCKER29 = {min: '1.44', max: '1.52', server: 'Docker/29.0.0 (linux)'};

export type RecordingProxy = {
	socketPath: string;
	/** unix:///…/proxy.sock */
	host: string;
	/** Every request seen so far, in order. */
	requests: SeenRequest[];
	/** How many client connections were accepted. */
	connections(): number;
	/** Each client connection: when it opened and, once the client side is gone, when it closed. */
	connectionLog: Array<{id: number; openedAt: number; closedAt?: number}>;
	/** Bytes a connection sent that could not be parsed as HTTP (should stay empty). */
	garbage: string[];
	/** Docker 29 mode: the real daemon's own API version, which forwarded requests are rewritten to. */
	daemonApi?: string;
	close(): Promise<void>;
};

const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses a client → server HTTP/1.1 byte stream incrementally; calls onRequest for each request line. */
export class RequestParser {
	private buffer: Buffer = Buffer.alloc(0);
	private bodyLeft = 0;
	private chunked = false;
	/** In a chunked body: waiting for a size line (-1), or the bytes of a chunk plus its CRLF. */
	private chunkLeft = -1;
	private trailers = false;
	private raw = false;
	/** Forwarding: the request being read is answered by the proxy, so its body is not passed on. */
	private dropping = false;
	/**
	 * `forward` (optional) makes the parser the pipe: every byte it is pushed goes on through `forward`, except
	 * what `onRequest` decides otherwise for a request (a rewritten target, or a request answered in its place).
	 */
	constructor(
		/** Forwarding: a Decision (object) returned here is acted on; anything else passes the request on as it is. */
		private readonly onRequest: (method: string, target: string, headers: Record<string, string>) => unknown,
		private readonly onGarbage: (text: string) => void,
		private readonly forward?: (bytes: Buffer) => void,
		private readonly reply?: (text: string) => void,
	) {}

	private pass(bytes: Buffer): void {
		if (this.forward && !this.dropping && bytes.length > 0) this.forward(bytes);
	}

	push(data: Buffer): void {
		if (this.raw) {
			this.pass(data);
			return;
		}
		this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
		for (;;) {
			if (this.raw) {
				this.pass(this.buffer);
				this.buffer = Buffer.alloc(0);
				return;
			}
			if (this.bodyLeft > 0) {
				const take = Math.min(this.bodyLeft, this.buffer.length);
				this.bodyLeft -= take;
				this.pass(this.buffer.subarray(0, take));
				this.buffer = this.buffer.subarray(take);
				if (this.bodyLeft > 0) return;
				continue;
			}
			if (this.dropping && !this.chunked) {
				// The body of a request answered in its place is over: its answer goes out now.
				this.dropping = false;
				this.flushReply();
			}
			if (this.chunked) {
				if (!this.stepChunked()) return;
				continue;
			}
			const end = this.buffer.indexOf(HEADER_END);
			if (end < 0) {
				if (this.buffer.length > 1024 * 1024) this.fail('a request head over 1 MB');
				return;
			}
			const head = this.buffer.subarray(0, end).toString('latin1');
			const rawHead = this.buffer.subarray(0, end + HEADER_END.length);
			this.buffer = this.buffer.subarray(end + HEADER_END.length);
			const [requestLine = '', ...headerLines] = head.split('\r\n');
			const match = /^([A-Z]+) (\S+) (HTTP\/1\.[01])$/.exec(requestLine);
			if (!match) {
				this.pass(rawHead);
				this.fail(requestLine.slice(0, 200));
				return;
			}
			const headers: Record<string, string> = {};
			for (const line of headerLines) {
				const colon = line.indexOf(':');
				if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
			}
			const result = this.onRequest(match[1]!, match[2]!, headers);
			const decision = typeof result === 'object' && result !== null ? (result as Decision) : undefined;
			if (decision?.reply) {
				this.dropping = true;
				this.pending = decision.reply.text;
			} else if (decision?.target) {
				const line = `${match[1]} ${decision.target} ${match[3]}`;
				this.pass(Buffer.concat([Buffer.from(line, 'latin1'), rawHead.subarray(requestLine.length)]));
			} else {
				this.pass(rawHead);
			}
			if (/upgrade/i.test(headers.connection ?? '') || headers.upgrade !== undefined) {
				this.raw = true;
				continue;
			}
			if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
				this.chunked = true;
				this.chunkLeft = -1;
				this.trailers = false;
			} else {
				this.bodyLeft = Number(headers['content-length'] ?? 0) || 0;
			}
		}
	}

	/** The answer for a request answered in its place, sent once its body has been read. */
	private pending?: string;

	private flushReply(): void {
		if (this.pending !== undefined) this.reply?.(this.pending);
		this.pending = undefined;
	}

	/** Consume what we can of a chunked body; false when more bytes are needed. */
	private stepChunked(): boolean {
		if (this.trailers) {
			const end = this.buffer.indexOf('\r\n');
			if (end < 0) return false;
			this.pass(this.buffer.subarray(0, end + 2));
			this.buffer = this.buffer.subarray(end + 2);
			if (end === 0) {
				this.chunked = false;
				this.trailers = false;
				if (this.dropping) {
					this.dropping = false;
					this.flushReply();
				}
			}
			return true;
		}
		if (this.chunkLeft < 0) {
			const end = this.buffer.indexOf('\r\n');
			if (end < 0) return false;
			const size = Number.parseInt(this.buffer.subarray(0, end).toString('latin1').split(';')[0]!, 16);
			this.pass(this.buffer.subarray(0, end + 2));
			this.buffer = this.buffer.subarray(end + 2);
			if (Number.isNaN(size)) {
				this.fail('a bad chunk size');
				return false;
			}
			if (size === 0) this.trailers = true;
			else this.chunkLeft = size + 2;
			return true;
		}
		const take = Math.min(this.chunkLeft, this.buffer.length);
		this.chunkLeft -= take;
		this.pass(this.buffer.subarray(0, take));
		this.buffer = this.buffer.subarray(take);
		if (this.chunkLeft > 0) return false;
		this.chunkLeft = -1;
		return true;
	}

	private fail(text: string): void {
		this.onGarbage(text);
		this.raw = true;
		this.pass(this.buffer);
		this.buffer = Buffer.alloc(0);
	}
}

const compareVersions = (a: string, b: string): number => {
	const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
	const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
	return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
};

/** An HTTP/1.1 answer as Docker 29 writes it (its headers on every answer). */
function answer(status: number, body: string, json: boolean, head = false): string {
	const reason: Record<number, string> = {200: 'OK', 400: 'Bad Request'};
	return [
		`HTTP/1.1 ${status} ${reason[status] ?? ''}`,
		`Api-Version: ${DOCKER29.max}`,
		'Docker-Experimental: false',
		'Ostype: linux',
		`Server: ${DOCKER29.server}`,
		`Content-Type: ${json ? 'application/json' : 'text/plain; charset=utf-8'}`,
		`Content-Length: ${Buffer.byteLength(body)}`,
		`Date: ${new Date().toUTCString()}`,
		'',
		head ? '' : body,
	].join('\r\n');
}

/** Docker 29's decision for one request (see the top of this file). */
function docker29(method: string, target: string, daemonApi: string): Decision | undefined {
	const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(target);
	const rest = versioned ? versioned[2]! : target;
	if (versioned) {
		const version = versioned[1]!;
		const refuse = (message: string) => ({
			reply: {status: 400, text: answer(400, `${JSON.stringify({message})}\n`, true, method === 'HEAD')},
		});
		if (compareVersions(version, DOCKER29.min) < 0)
			return refuse(
				`client version ${version} is too old. Minimum supported API version is ${DOCKER29.min}, please upgrade your client to a newer version`,
			);
		if (compareVersions(version, DOCKER29.max) > 0)
			return refuse(`client version ${version} is too new. Maximum supported API version is ${DOCKER29.max}`);
	}
	if (/^\/_ping(?:\?|$)/.test(rest)) return {reply: {status: 200, text: answer(200, 'OK', false, method === 'HEAD')}};
	return versioned ? {target: `/v${daemonApi}${rest}`} : undefined;
}

/** The API version the daemon behind `socketPath` speaks (its /_ping header). */
function daemonApiVersion(socketPath: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(socketPath);
		let text = '';
		socket.on('data', (chunk: Buffer) => {
			text += chunk.toString('latin1');
			const match = /\r\napi-version: *([\d.]+)/i.exec(text);
			if (match) {
				socket.destroy();
				resolve(match[1]!);
			}
		});
		socket.on('error', reject);
		socket.on('end', () => reject(new Error(`no Api-Version from ${socketPath}: ${text.slice(0, 200)}`)));
		socket.write('GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n');
	});
}

/** Start a proxy on a fresh socket that forwards to `targetSocket`. */
export async function startProxy(targetSocket: string, options: ProxyOptions = {}): Promise<RecordingProxy> {
	refuseInUnitRun('a proxy in front of a daemon');
	const daemonApi = options.docker29 ? await daemonApiVersion(targetSocket) : undefined;
	const dir = mkdtempSync(path.join(tmpdir(), 'tsd-proxy-'));
	const socketPath = path.join(dir, 'proxy.sock');
	const requests: SeenRequest[] = [];
	const garbage: string[] = [];
	const open = new Set<net.Socket>();
	const connectionLog: RecordingProxy['connectionLog'] = [];
	let count = 0;
	const server = net.createServer((client) => {
		const id = ++count;
		const entry: RecordingProxy['connectionLog'][number] = {id, openedAt: Date.now()};
		connectionLog.push(entry);
		client.once('close', () => (entry.closedAt ??= Date.now()));
		const upstream = net.connect(targetSocket);
		open.add(client);
		open.add(upstream);
		const record = (method: string, target: string) => {
			const seen: SeenRequest = {method, path: target, connection: id, at: Date.now()};
			requests.push(seen);
			if (daemonApi === undefined) return;
			const decision = docker29(method, target, daemonApi);
			if (decision?.reply) seen.answered = decision.reply.status;
			if (decision?.target) seen.sentAs = decision.target;
			return decision;
		};
		const parser = daemonApi
			? new RequestParser(
					record,
					(text) => garbage.push(text),
					(bytes) => upstream.write(bytes),
					(text) => client.write(text),
				)
			: new RequestParser(record, (text) => garbage.push(text));
		client.on('data', (chunk: Buffer) => parser.push(chunk));
		if (!daemonApi) client.pipe(upstream);
		else client.on('end', () => upstream.end());
		upstream.pipe(client);
		const done = () => {
			client.destroy();
			upstream.destroy();
			open.delete(client);
			open.delete(upstream);
		};
		client.on('error', done);
		upstream.on('error', done);
		client.on('close', done);
		upstream.on('close', done);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => resolve());
	});
	return {
		socketPath,
		host: `unix://${socketPath}`,
		requests,
		garbage,
		connectionLog,
		connections: () => count,
		daemonApi,
		close: async () => {
			for (const socket of open) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
