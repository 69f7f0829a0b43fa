import {readFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import {TsdockError} from './errors.ts';
import {DEFAULT_HOST, currentContextName, defaultContextHost, dockerConfigDir, findContext} from './contexts.ts';

export type TlsMaterial = {ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean};

export type Endpoint = {
	/** The URL as the user would write it, for headers and messages. */
	url: string;
	kind: 'unix' | 'tcp' | 'ssh';
	socketPath?: string;
	host?: string;
	port?: number;
	tls?: TlsMaterial;
	ssh?: {user?: string; host: string; port?: number};
	/** Where the choice came from, e.g. "--host", "DOCKER_HOST", "context prod". */
	source: string;
	contextName?: string;
};

export type EndpointOptions = {
	host?: string;
	context?: string;
	tlsVerify?: boolean;
	tlsCaCert?: string;
	tlsCert?: string;
	tlsKey?: string;
	env?: NodeJS.ProcessEnv;
};

function readPem(file: string, what: string): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		throw new TsdockError(
			'tls',
			`cannot read TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
		);
	}
}

function tlsFromDir(dir: string, verify: boolean, files?: {ca?: string; cert?: string; key?: string}): TlsMaterial {
	const caFile = files?.ca ?? path.join(dir, 'ca.pem');
	const certFile = files?.cert ?? path.join(dir, 'cert.pem');
	const keyFile = files?.key ?? path.join(dir, 'key.pem');
	const material: TlsMaterial = {verify};
	if (verify || existsSync(caFile)) material.ca = readPem(caFile, 'CA certificate');
	if (existsSync(certFile) || files?.cert) material.cert = readPem(certFile, 'certificate');
	if (existsSync(keyFile) || files?.key) material.key = readPem(keyFile, 'key');
	return material;
}

/** Parse a Docker host URL (unix://, tcp://, http(s)://, ssh://, or a bare path). */
export function parseHost(raw: string, source: string, tls?: TlsMaterial): Endpoint {
	const value = raw.trim();
	if (value === '') throw new TsdockError('config', `empty Docker host from ${source}`);
	if (value.startsWith('/')) return {url: `unix://${value}`, kind: 'unix', socketPath: value, source};
	const match = /^([a-z]+):\/\/(.*)$/i.exec(value);
	if (!match)
		throw new TsdockError(
			'config',
			`invalid Docker host "${value}" from ${source}: expected unix://, tcp:// or ssh://`,
		);
	const scheme = match[1]!.toLowerCase();
	const rest = match[2]!;
	if (scheme === 'unix') {
		if (!rest.startsWith('/'))
			throw new TsdockError('config', `invalid unix socket "${value}" from ${source}: the path must be absolute`);
		return {url: value, kind: 'unix', socketPath: rest, source};
	}
	if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
		const url = new URL(`http://${rest}`);
		const useTls = scheme === 'https' || tls !== undefined;
		const port = url.port === '' ? (useTls ? 2376 : 2375) : Number(url.port);
		const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
		if (host === '') throw new TsdockError('config', `invalid Docker host "${value}" from ${source}: no host name`);
		return {url: value, kind: 'tcp', host, port, tls: useTls ? (tls ?? {verify: false}) : undefined, source};
	}
	if (scheme === 'ssh') {
		const url = new URL(`ssh://${rest}`);
		if (url.hostname === '') throw new TsdockError('config', `invalid ssh host "${value}" from ${source}`);
		return {
			url: value,
			kind: 'ssh',
			ssh: {
				user: url.username === '' ? undefined : decodeURIComponent(url.username),
				host: url.hostname,
				port: url.port === '' ? undefined : Number(url.port),
			},
			source,
		};
	}
	throw new TsdockError(
		'config',
		`unsupported Docker host scheme "${scheme}://" from ${source}: use unix://, tcp:// or ssh://`,
	);
}

/** TLS from flags or DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH, as the docker CLI reads them. */
function tlsFromEnvAndFlags(options: EndpointOptions, env: NodeJS.ProcessEnv): TlsMaterial | undefined {
	const envVerify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '';
	const verify = options.tlsVerify === true || envVerify;
	const wantTls =
		verify ||
		(env.DOCKER_TLS !== undefined && env.DOCKER_TLS !== '') ||
		options.tlsCaCert !== undefined ||
		options.tlsCert !== undefined;
	if (!wantTls) return undefined;
	const dir = env.DOCKER_CERT_PATH && env.DOCKER_CERT_PATH !== '' ? env.DOCKER_CERT_PATH : dockerConfigDir(env);
	return tlsFromDir(dir, verify, {ca: options.tlsCaCert, cert: options.tlsCert, key: options.tlsKey});
}

/**
 * Resolve which daemon to talk to, the way the docker CLI does:
 * --host > --context > DOCKER_HOST > DOCKER_CONTEXT > currentContext in config.json > the default socket.
 */
export function resolveEndpoint(options: EndpointOptions = {}): Endpoint {
	const env = options.env ?? process.env;
	if (options.host && options.context)
		throw new TsdockError('config', 'conflicting options: either specify --host or --context, not both');
	const tls = tlsFromEnvAndFlags(options, env);
	if (options.host) return parseHost(options.host, '--host', tls);
	let contextName = options.context;
	let source = '--context';
	if (!contextName && env.DOCKER_HOST && env.DOCKER_HOST !== '') return parseHost(env.DOCKER_HOST, 'DOCKER_HOST', tls);
	if (!contextName && env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== '') {
		contextName = env.DOCKER_CONTEXT;
		source = 'DOCKER_CONTEXT';
	}
	if (!contextName) {
		const current = currentContextName(env);
		if (current) {
			contextName = current;
			source = 'config.json currentContext';
		}
	}
	if (contextName && contextName !== 'default') {
		const context = findContext(contextName, env);
		if (!context)
			throw new TsdockError(
				'config',
				`context "${contextName}" (from ${source}) does not exist: see \`tsdock contexts\``,
			);
		const contextTls = context.tlsDir ? tlsFromDir(context.tlsDir, !context.skipTlsVerify) : undefined;
		const endpoint = parseHost(context.host, `context ${context.name}`, contextTls);
		return {...endpoint, contextName: context.name};
	}
	const defaultHost = contextName === 'default' ? defaultContextHost(env) : DEFAULT_HOST;
	const endpoint = parseHost(defaultHost, defaultHost === DEFAULT_HOST ? 'default' : 'DOCKER_HOST', tls);
	return contextName === 'default' ? {...endpoint, contextName: 'default'} : endpoint;
}

/** How the endpoint is named in the header and in error messages. */
export function describeEndpoint(endpoint: Endpoint): string {
	return endpoint.contextName ? `${endpoint.contextName} (${endpoint.url})` : endpoint.url;
}
