/**
 * Small helpers for the core-* tests that check the core's answers against the docker CLI on the same daemon.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import type {TestDaemon} from './daemon.ts';

/** Non-empty lines of CLI output. */
export const lines = (text: string): string[] =>
	text
		.split('\n')
		.map((line) => line.replace(/\r$/, ''))
		.filter((line) => line !== '');

/** The set of non-empty lines a docker command prints (IDs, names). */
export async function cliSet(daemon: TestDaemon, args: string[]): Promise<Set<string>> {
	return new Set(lines((await daemon.docker(args)).stdout));
}

/** `docker images -a -q --no-trunc` as a set. */
export const allImageIds = (daemon: TestDaemon) => cliSet(daemon, ['images', '-a', '-q', '--no-trunc']);

/** One JSON document per line (`--format '{{json .}}'`). */
export const jsonLines = <T = Record<string, string>>(text: string): T[] =>
	lines(text).map((line) => JSON.parse(line) as T);

export const sorted = <T>(values: Iterable<T>): T[] => [...values].sort();

/** Wait until `check` returns a value that is not undefined/false, or fail after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
	timeoutMs = 10_000,
	stepMs = 50,
): Promise<T> {
	const start = Date.now();
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== null && value !== false) return value;
		if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(stepMs);
	}
}

/** `docker inspect -f '{{.State.Status}}'`. */
export const cliState = async (daemon: TestDaemon, ref: string) =>
	(await daemon.docker(['inspect', '-f', '{{.State.Status}}', ref])).stdout.trim();
