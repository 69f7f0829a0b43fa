/** Run the built tsdock (dist/cli.js) on the project's pinned Node, with an argv array. */
import {execFile} from 'node:child_process';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const builtCli = path.join(projectRoot, 'dist', 'cli.js');
/** The project's pinned Node (the `node` dev dependency). */
export const nodeBinary = path.join(projectRoot, 'node_modules', '.bin', 'node');

export type CliResult = {stdout: string; stderr: string; exitCode: number};

export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
	return new Promise((resolve) => {
		execFile(process.execPath, [builtCli, ...args], {env, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
			const exitCode = error
				? typeof (error as {code?: unknown}).code === 'number'
					? (error as {code: number}).code
					: 1
				: 0;
			resolve({stdout, stderr, exitCode});
		});
	});
}
