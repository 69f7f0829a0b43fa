// Which test files are unit tests: the one place that decides what `npm run test:unit` runs.
//
// A test file is a SYSTEM test when it reaches, through its relative imports (followed through every file of
// the repository, `import type` left out), one of the helpers that start or need a system service: a Docker
// daemon, tmux, sshd, Podman, apt, a socket proxy in front of a daemon. A few files start one without such an
// import (they run a program that does): those are listed by hand below, with the reason. Every other test
// file is a UNIT test: no daemon, no root, no tmux.
//
// So a new test that uses the daemon helpers is a system test without anyone listing it, and a unit run cannot
// start one by accident either: scripts/test.mjs sets TSDOCK_TEST_UNIT=1 and the helpers refuse to start
// anything under it (test/helpers/unit-guard.ts), so a wrongly classified file fails loudly instead of hanging.
import {existsSync, globSync, readFileSync} from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** Helpers that start (or install) a system service; reaching one makes a test file a system test. */
export const SYSTEM_HELPERS = [
	'test/helpers/daemon.ts', // dockerd (root)
	'test/helpers/fixture-daemon.ts', // dockerd with the fixtures
	'test/helpers/fixtures.ts', // images built on a daemon
	'test/helpers/compare.ts', // the docker CLI against a daemon
	'test/helpers/events.ts', // a daemon's event stream
	'test/helpers/tui-suite.ts', // dockerd + tmux
	'test/helpers/tmux.ts', // tmux
	'test/helpers/sshd.ts', // sshd (root)
	'test/helpers/podman.ts', // podman (root)
	'test/helpers/tls.ts', // openssl, apt-get
	'test/helpers/proxy.ts', // a recording proxy in front of a daemon socket
	'bench/run.ts', // the benchmark: dockerd + tmux
];

/** System tests with no such import: each one starts a service through a program it runs. */
export const SYSTEM_FILES = {
	'test/bench-smoke.test.ts': 'runs npm run bench -- --quick, which starts dockerd and tmux',
};

/** Unit files that need dist/ (the build); the unit run builds only when one of them is selected. */
export const NEEDS_BUILD = /\bbuiltCli\b|\brunCli\b|\bdist\//;

const importPattern =
	/(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Repository-relative paths of the files `file` imports (relative imports only; type-only imports left out). */
export function localImports(file) {
	const text = readFileSync(path.join(root, file), 'utf8');
	const found = new Set();
	for (const match of text.matchAll(importPattern)) {
		if (match[1]) continue;
		const spec = match[2] ?? match[3];
		const target = path.relative(root, path.resolve(root, path.dirname(file), spec));
		if (existsSync(path.join(root, target))) found.add(target.split(path.sep).join('/'));
	}
	return [...found];
}

/** The first system helper `file` reaches, with the import chain that reaches it; undefined when none. */
export function systemReason(file) {
	if (SYSTEM_FILES[file]) return SYSTEM_FILES[file];
	const seen = new Set([file]);
	const queue = [[file]];
	while (queue.length > 0) {
		const chain = queue.shift();
		for (const next of localImports(chain.at(-1))) {
			if (seen.has(next)) continue;
			seen.add(next);
			if (SYSTEM_HELPERS.includes(next)) return `imports ${[...chain.slice(1), next].join(' → ')}`;
			if (/\.(?:[cm]?[jt]sx?)$/.test(next) && !next.includes('node_modules/')) queue.push([...chain, next]);
		}
	}
	return undefined;
}

export const allTestFiles = () =>
	globSync('test/**/*.test.{ts,tsx}', {cwd: root})
		.map((file) => file.split(path.sep).join('/'))
		.sort();

/** Every test file with its group and, for system tests, why. */
export function classify(files = allTestFiles()) {
	return files.map((file) => {
		const reason = systemReason(file);
		return {file, group: reason ? 'system' : 'unit', reason};
	});
}

// `node scripts/test-groups.mjs` prints the classification.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'scripts', 'test-groups.mjs')) {
	for (const {file, group, reason} of classify())
		console.log(`${group.padEnd(6)} ${file}${reason ? `  (${reason})` : ''}`);
}
