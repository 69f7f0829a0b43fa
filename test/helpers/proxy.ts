/**
 * A recording unix-socket proxy in front of a real daemon: every byte is passed through untouched, and the
 * HTTP requests flowing client → daemon are parsed as they go (request line, headers, bodies by
 * Content-Length or chunked encoding, so every request on a keep-alive connection is seen). After an
 * upgrade (exec/attach hijack) the rest of the connection is raw and is not parsed.
 */
import net from 'node:net';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {refuseInUnitRun} from './unit-guard.ts';

export type SeenRequest = {method: string; path: string; connection: number; at: number};

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
	constructor(
		private readonly onRequest: (method: string, target: string, headers: Record<string, string>) => void,
		private readonly onGarbage: (text: string) => void,
	) {}

	push(data: Buffer): void {
		if (this.raw) return;
		this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
		for (;;) {
			if (this.raw) {
				this.buffer = Buffer.alloc(0);
				return;
			}
			if (this.bodyLeft > 0) {
				const take = Math.min(this.bodyLeft, this.buffer.length);
				this.bodyLeft -= take;
				this.buffer = this.buffer.subarray(take);
				if (this.bodyLeft > 0) return;
				continue;
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
			this.buffer = this.buffer.subarray(end + HEADER_END.length);
			const [requestLine = '', ...headerLines] = head.split('\r\n');
			const match = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
			if (!match) {
				this.fail(requestLine.slice(0, 200));
				return;
			}
			const headers: Record<string, string> = {};
			for (const line of headerLines) {
				const colon = line.indexOf(':');
				if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
			}
			this.onRequest(match[1]!, match[2]!, headers);
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

	/** Consume what we can of a chunked body; false when more bytes are needed. */
	private stepChunked(): boolean {
		if (this.trailers) {
			const end = this.buffer.indexOf('\r\n');
			if (end < 0) return false;
			this.buffer = this.buffer.subarray(end + 2);
			if (end === 0) {
				this.chunked = false;
				this.trailers = false;
			}
			return true;
		}
		if (this.chunkLeft < 0) {
			const end = this.buffer.indexOf('\r\n');
			if (end < 0) return false;
			const size = Number.parseInt(this.buffer.subarray(0, end).toString('latin1').split(';')[0]!, 16);
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
		this.buffer = this.buffer.subarray(take);
		if (this.chunkLeft > 0) return false;
		this.chunkLeft = -1;
		return true;
	}

	private fail(text: string): void {
		this.onGarbage(text);
		this.raw = true;
		this.buffer = Buffer.alloc(0);
	}
}

/** Start a proxy on a fresh socket that forwards to `targetSocket`. */
export async function startProxy(targetSocket: string): Promise<RecordingProxy> {
	refuseInUnitRun('a proxy in front of a daemon');
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
		const parser = new RequestParser(
			(method, target) => requests.push({method, path: target, connection: id, at: Date.now()}),
			(text) => garbage.push(text),
		);
		client.on('data', (chunk: Buffer) => parser.push(chunk));
		client.pipe(upstream);
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
		close: async () => {
			for (const socket of open) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
