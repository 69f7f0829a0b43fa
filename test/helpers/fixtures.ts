/**
 * Fixture images and containers on a test daemon. Images are built FROM scratch with Debian's busybox-static
 * (no registry needed), with the classic builder. Dangling images come from rebuilding a tag.
 */
import {copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {TestDaemon} from './daemon.ts';

export const busyboxPath =
	['/bin/busybox', '/usr/bin/busybox'].find((candidate) => existsSync(candidate)) ?? '/bin/busybox';

let contextDir: string | undefined;

/** A build context holding a static busybox. */
export function busyboxContext(): string {
	if (contextDir) return contextDir;
	contextDir = mkdtempSync(path.join(tmpdir(), 'tsd-ctx-'));
	copyFileSync(busyboxPath, path.join(contextDir, 'busybox'));
	writeFileSync(path.join(contextDir, '.dockerignore'), 'Dockerfile*\n');
	process.once('exit', () => rmSync(contextDir!, {recursive: true, force: true}));
	return contextDir;
}

/** Build an image from Dockerfile text; returns its full ID. */
export async function build(daemon: TestDaemon, tag: string | undefined, dockerfile: string): Promise<string> {
	const args = ['build', '-q', '-f', '-'];
	if (tag) args.push('-t', tag);
	args.push(busyboxContext());
	const result = await daemon.docker(args, {input: dockerfile});
	return result.stdout.trim().split('\n').pop()!.trim();
}

export const BASE_DOCKERFILE = [
	'FROM scratch',
	'COPY busybox /bin/busybox',
	'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
	'CMD ["/bin/sh"]',
].join('\n');

/** The base image every fixture builds on: a working /bin/sh. */
export async function buildBase(daemon: TestDaemon, tag = 'tsd-base:1'): Promise<string> {
	return build(daemon, tag, BASE_DOCKERFILE);
}

export type Fixtures = {
	baseId: string;
	/** app:1 rebuilt with another label: the old one is dangling and shares every layer with the new one. */
	appOldId: string;
	appNewId: string;
	/** data:1 rebuilt with other bytes: the old one is dangling and holds ~100 kB of its own. */
	dataOldId: string;
	dataNewId: string;
	/** used:1 rebuilt while a stopped container uses the old one: dangling but in use, so prune keeps it. */
	usedOldId: string;
	/** A tagged image no container uses (prune -a removes it). */
	unusedTaggedId: string;
	loggerName: string;
	stoppedName: string;
	holderName: string;
	volumeUsed: string;
	volumeUnused: string;
};

/** The standard fixture set: dangling images (one in use), running loggers, stopped containers, volumes. */
export async function createFixtures(daemon: TestDaemon): Promise<Fixtures> {
	const baseId = await buildBase(daemon);
	const appOldId = await build(daemon, 'tsd-app:1', 'FROM tsd-base:1\nLABEL version=1\n');
	const appNewId = await build(daemon, 'tsd-app:1', 'FROM tsd-base:1\nLABEL version=2\n');
	const dataOldId = await build(
		daemon,
		'tsd-data:1',
		'FROM tsd-base:1\nRUN head -c 100000 /dev/urandom > /blob\nLABEL gen=1\n',
	);
	const dataNewId = await build(
		daemon,
		'tsd-data:1',
		'FROM tsd-base:1\nRUN head -c 50000 /dev/urandom > /blob\nLABEL gen=2\n',
	);
	const usedOldId = await build(daemon, 'tsd-used:1', 'FROM tsd-base:1\nRUN echo one > /version\n');
	await daemon.docker(['create', '--name', 'tsd-holder', 'tsd-used:1', 'true']);
	await build(daemon, 'tsd-used:1', 'FROM tsd-base:1\nRUN echo two > /version\n');
	const unusedTaggedId = await build(daemon, 'tsd-unused:1', 'FROM tsd-base:1\nRUN echo unused > /u\n');

	await daemon.docker(['volume', 'create', 'tsd-vol-used']);
	await daemon.docker(['volume', 'create', 'tsd-vol-unused']);
	await daemon.docker([
		'run',
		'--rm',
		'-v',
		'tsd-vol-unused:/v',
		'tsd-base:1',
		'sh',
		'-c',
		'head -c 20000 /dev/urandom > /v/data',
	]);
	await daemon.docker([
		'run',
		'-d',
		'--name',
		'tsd-logger',
		'--network',
		'none',
		'-v',
		'tsd-vol-used:/data',
		'tsd-base:1',
		'sh',
		'-c',
		'i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.2; done',
	]);
	await daemon.docker(
		['run', '--name', 'tsd-stopped', '--network', 'none', 'tsd-base:1', 'sh', '-c', 'echo bye; exit 3'],
		{allowFail: true},
	);
	return {
		baseId,
		appOldId,
		appNewId,
		dataOldId,
		dataNewId,
		usedOldId,
		unusedTaggedId,
		loggerName: 'tsd-logger',
		stoppedName: 'tsd-stopped',
		holderName: 'tsd-holder',
		volumeUsed: 'tsd-vol-used',
		volumeUnused: 'tsd-vol-unused',
	};
}
