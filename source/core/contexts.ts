import {createHash} from 'node:crypto';
import {readFileSync, readdirSync, existsSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {TsdockError} from './errors.ts';

/** The daemon's socket when nothing else is said. */
export const DEFAULT_HOST = 'unix:///var/run/docker.sock';

/** The "default" context's host: DOCKER_HOST when set (as in the docker CLI), else the local socket. */
export const defaultContextHost = (env: NodeJS.ProcessEnv): string =>
	env.DOCKER_HOST && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : DEFAULT_HOST;

/** A Docker CLI context as stored under ~/.docker/contexts. */
export type DockerContext = {
	name: string;
	host: string;
	description?: string;
	skipTlsVerify: boolean;
	/** Directory holding ca.pem / cert.pem / key.pem for this context, when it has TLS material. */
	tlsDir?: string;
	current: boolean;
};

/** $DOCKER_CONFIG or ~/.docker, as the docker CLI resolves it. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.DOCKER_CONFIG && env.DOCKER_CONFIG !== ''
		? env.DOCKER_CONFIG
		: path.join(env.HOME ?? homedir(), '.docker');
}

export const contextDirName = (name: string): string => createHash('sha256').update(name).digest('hex');

/** currentContext from config.json; a corrupt file is an error, a missing one is not. */
export function currentContextName(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const file = path.join(dockerConfigDir(env), 'config.json');
	if (!existsSync(file)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new TsdockError('config', `cannot read ${file}: ${(error as Error).message}`);
	}
	const value = (parsed as {currentContext?: unknown})?.currentContext;
	return typeof value === 'string' && value !== '' ? value : undefined;
}

type MetaFile = {
	Name?: string;
	Metadata?: {Description?: string};
	Endpoints?: {docker?: {Host?: string; SkipTLSVerify?: boolean}};
};

function readMeta(file: string): MetaFile {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as MetaFile;
	} catch (error) {
		throw new TsdockError('config', `cannot read context file ${file}: ${(error as Error).message}`);
	}
}

function contextFrom(meta: MetaFile, configDir: string, current: string | undefined): DockerContext | undefined {
	const name = meta.Name;
	const host = meta.Endpoints?.docker?.Host;
	if (!name || !host) return undefined;
	const tlsDir = path.join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
	return {
		name,
		host,
		description: meta.Metadata?.Description,
		skipTlsVerify: meta.Endpoints?.docker?.SkipTLSVerify === true,
		tlsDir: existsSync(tlsDir) ? tlsDir : undefined,
		current: name === current,
	};
}

/** Look up one context by name ("default" is built in and never stored). */
export function findContext(name: string, env: NodeJS.ProcessEnv = process.env): DockerContext | undefined {
	const configDir = dockerConfigDir(env);
	const file = path.join(configDir, 'contexts', 'meta', contextDirName(name), 'meta.json');
	if (!existsSync(file)) return undefined;
	return contextFrom(readMeta(file), configDir, activeContextName(env));
}

function safeCurrent(env: NodeJS.ProcessEnv): string | undefined {
	try {
		return currentContextName(env);
	} catch {
		return undefined;
	}
}

/**
 * The context the docker CLI would use with no --host/--context flag: "default" when DOCKER_HOST is set, else
 * DOCKER_CONTEXT, else currentContext from config.json, else "default".
 */
export function activeContextName(env: NodeJS.ProcessEnv = process.env): string {
	if (env.DOCKER_HOST && env.DOCKER_HOST !== '') return 'default';
	if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== '') return env.DOCKER_CONTEXT;
	return safeCurrent(env) ?? 'default';
}

/** Natural order as `docker context ls` sorts: digit runs compare as numbers, the rest byte by byte. */
export function naturalLess(a: string, b: string): number {
	const chunks = (text: string) => text.match(/\d+|\D+/g) ?? [];
	const left = chunks(a);
	const right = chunks(b);
	for (let i = 0; i < Math.min(left.length, right.length); i++) {
		const x = left[i]!;
		const y = right[i]!;
		if (x === y) continue;
		const bothNumbers = /^\d/.test(x) && /^\d/.test(y);
		if (bothNumbers && Number(x) !== Number(y)) return Number(x) - Number(y);
		return x < y ? -1 : 1;
	}
	return left.length - right.length;
}

/** Every stored context plus "default", in the order and with the current mark of `docker context ls`. */
export function listContexts(env: NodeJS.ProcessEnv = process.env): DockerContext[] {
	const configDir = dockerConfigDir(env);
	const current = activeContextName(env);
	const metaRoot = path.join(configDir, 'contexts', 'meta');
	const found: DockerContext[] = [];
	if (existsSync(metaRoot)) {
		for (const dir of readdirSync(metaRoot)) {
			const file = path.join(metaRoot, dir, 'meta.json');
			if (!existsSync(file)) continue;
			try {
				const context = contextFrom(readMeta(file), configDir, current);
				if (context) found.push(context);
			} catch {
				// A broken context file must not hide the others.
			}
		}
	}
	const all = [
		{
			name: 'default',
			host: defaultContextHost(env),
			description: 'Current DOCKER_HOST based configuration',
			skipTlsVerify: false,
			current: current === 'default',
		},
		...found.filter((context) => context.name !== 'default'),
	];
	return all.sort((a, b) => naturalLess(a.name, b.name));
}
