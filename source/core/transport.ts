import net from 'node:net';
import type * as Tls from 'node:tls';
import {nodeTls} from './builtin.ts';
import type {Duplex} from 'node:stream';
import {describeEndpoint, type Endpoint, type TlsMaterial} from './endpoint.ts';
import {TsdockError} from './errors.ts';
import {sshConnector} from './ssh.ts';

/**
 * Opens one raw byte stream to the daemon; HTTP is spoken on top of it. A connector that owns resources
 * (ssh:// keeps a shared SSH connection) has `close()`.
 */
export type Connector = (() => Duplex) & {close?: () => Promise<void>};

const CERT_CODES: Record<string, string> = {
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the daemon certificate is not signed by the trusted CA',
	UNABLE_TO_GET_ISSUER_CERT: 'the daemon certificate is not signed by the trusted CA',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the daemon certificate is not signed by the trusted CA',
	SELF_SIGNED_CERT_IN_CHAIN: 'the daemon certificate is not signed by the trusted CA',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'the daemon certificate is self-signed and not trusted',
	CERT_HAS_EXPIRED: 'the daemon certificate has expired',
	CERT_NOT_YET_VALID: 'the daemon certificate is not valid yet',
	ERR_TLS_CERT_ALTNAME_INVALID: 'the daemon certificate is not valid for this host name or IP',
};

/** One clear line for a TLS failure: which side is wrong and what to check. */
export function tlsError(error: NodeJS.ErrnoException, endpoint: Endpoint): TsdockError {
	const where = describeEndpoint(endpoint);
	const code = error.code ?? '';
	const message = error.message ?? '';
	const caHint = endpoint.tls?.ca
		? "check the CA certificate (--tlscacert, DOCKER_CERT_PATH/ca.pem or the context's ca.pem)"
		: 'no CA certificate was given (--tlscacert or DOCKER_CERT_PATH/ca.pem)';
	let reason: string | undefined = CERT_CODES[code];
	if (reason) {
		reason =
			code === 'ERR_TLS_CERT_ALTNAME_INVALID'
				? `${reason} (${message.replace(/^.*?:\s*/, '')})`
				: `${reason}: ${caHint}`;
	} else if (
		/certificate required|handshake failure|alert bad certificate|alert unknown ca|alert certificate unknown/i.test(
			message,
		)
	) {
		reason = endpoint.tls?.cert
			? 'the daemon rejected the client certificate (is it signed by the CA the daemon trusts?)'
			: 'the daemon requires a client certificate: give --tlscert/--tlskey or put cert.pem and key.pem in DOCKER_CERT_PATH';
	} else if (/wrong version number|packet length too long|unknown protocol|http request/i.test(message)) {
		reason = 'the daemon does not speak TLS on this port (use tcp:// without TLS settings, or the TLS port)';
	} else {
		reason = message.split('\n')[0] || code;
	}
	return new TsdockError('tls', `TLS error talking to ${where}: ${reason}`, {cause: error});
}

const looksLikeTls = (error: NodeJS.ErrnoException) => {
	const code = error.code ?? '';
	return (
		code in CERT_CODES ||
		code.startsWith('ERR_SSL') ||
		code.startsWith('ERR_TLS') ||
		code.includes('CERT') ||
		/SSL routines|alert/i.test(error.message ?? '')
	);
};

function tlsConnector(endpoint: Endpoint, material: TlsMaterial): Connector {
	return () => {
		const socket = nodeTls().connect({
			host: endpoint.host!,
			port: endpoint.port!,
			servername: net.isIP(endpoint.host!) ? undefined : endpoint.host,
			ca: material.ca,
			cert: material.cert,
			key: material.key,
			rejectUnauthorized: material.verify,
		});
		// Every listener (http's included) must see the typed, one-line error, so it is replaced where it is emitted.
		const emit = socket.emit;
		socket.emit = function (this: Tls.TLSSocket, event: string | symbol, ...args: unknown[]): boolean {
			if (
				event === 'error' &&
				args[0] instanceof Error &&
				!(args[0] instanceof TsdockError) &&
				looksLikeTls(args[0] as NodeJS.ErrnoException)
			) {
				args[0] = tlsError(args[0] as NodeJS.ErrnoException, endpoint);
			}
			return (emit as (...all: unknown[]) => boolean).call(this, event, ...args);
		} as typeof socket.emit;
		return socket;
	};
}

export function connectorFor(endpoint: Endpoint): Connector {
	switch (endpoint.kind) {
		case 'unix':
			return () => net.connect({path: endpoint.socketPath!});
		case 'tcp':
			// With TLS material there is no fallback to plain TCP: a TLS failure is an error.
			return endpoint.tls
				? tlsConnector(endpoint, endpoint.tls)
				: () => net.connect({host: endpoint.host!, port: endpoint.port!});
		case 'ssh':
			return sshConnector(endpoint);
	}
}
