/**
 * Typed errors raised by the core. Every one carries a one-line, human message;
 * callers never need to show a stack trace to a user.
 */
export type ErrorKind =
	| 'unreachable'
	| 'permission'
	| 'not-found'
	| 'conflict'
	| 'api-too-old'
	| 'timeout'
	| 'tls'
	| 'bad-request'
	| 'engine'
	| 'config'
	| 'read-only';

export class TsdockError extends Error {
	readonly kind: ErrorKind;
	readonly statusCode?: number;

	constructor(kind: ErrorKind, message: string, options?: {statusCode?: number; cause?: unknown}) {
		super(message, options?.cause === undefined ? undefined : {cause: options.cause});
		this.name = 'TsdockError';
		this.kind = kind;
		this.statusCode = options?.statusCode;
	}
}

export const isTsdockError = (error: unknown): error is TsdockError => error instanceof TsdockError;

/** The one line a user sees for any error, ours or not. */
export function errorLine(error: unknown): string {
	if (error instanceof TsdockError) return error.message;
	if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
	return String(error);
}

export function permissionHint(where: string): string {
	return (
		`permission denied on ${where}: add your user to the "docker" group ` +
		'(sudo usermod -aG docker $USER, then log in again), run with sudo, ' +
		'or point DOCKER_HOST / --host at a daemon you may use'
	);
}

/** Turn a socket-level error into a typed error that names the endpoint. */
export function connectionError(error: NodeJS.ErrnoException, where: string): TsdockError {
	const code = error.code ?? '';
	if (code === 'EACCES' || code === 'EPERM')
		return new TsdockError('permission', permissionHint(where), {cause: error});
	if (code === 'ENOENT')
		return new TsdockError(
			'unreachable',
			`cannot connect to the Docker daemon at ${where}: no such socket (is the daemon running?)`,
			{cause: error},
		);
	if (code === 'ECONNREFUSED')
		return new TsdockError(
			'unreachable',
			`cannot connect to the Docker daemon at ${where}: connection refused (is the daemon running?)`,
			{cause: error},
		);
	if (
		code.startsWith('ERR_TLS') ||
		code.includes('CERT') ||
		code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
		code === 'SELF_SIGNED_CERT_IN_CHAIN'
	) {
		return new TsdockError('tls', `TLS error talking to ${where}: ${error.message}`, {cause: error});
	}
	if (code === 'ETIMEDOUT') return new TsdockError('timeout', `timed out connecting to ${where}`, {cause: error});
	return new TsdockError('unreachable', `cannot connect to the Docker daemon at ${where}: ${error.message}`, {
		cause: error,
	});
}

/** Map an Engine API error response to a typed error. */
export function engineError(statusCode: number, message: string): TsdockError {
	const text = message || `Engine API answered ${statusCode}`;
	if (statusCode === 404) return new TsdockError('not-found', text, {statusCode});
	if (statusCode === 409) return new TsdockError('conflict', text, {statusCode});
	if (statusCode === 400) return new TsdockError('bad-request', text, {statusCode});
	return new TsdockError('engine', text, {statusCode});
}
