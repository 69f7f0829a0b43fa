// The esbuild options of tsdock's bundle, shared by scripts/build.mjs and bench/startup-profile.ts (which profiles
// the same bundle, unminified).
import {readFileSync} from 'node:fs';

// Ink imports react-devtools-core only on its DEV=true path. Bundled, that import would become a static one and
// fail at start-up, so it resolves to an inert module: tsdock never turns Ink's devtools on.
const devtoolsShim = {
	name: 'react-devtools-core-shim',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'tsdock-shim'}));
		build.onLoad({filter: /.*/, namespace: 'tsdock-shim'}, () => ({
			contents: 'export default {initialize() {}, connectToDevTools() {}};',
			loader: 'js',
		}));
	},
};

// Every `string-width` import goes through the faster stand-in (which itself imports the real file by path).
const stringWidthShim = {
	name: 'string-width-fast-path',
	setup(build) {
		build.onResolve({filter: /^string-width$/}, (args) =>
			args.pluginData === 'real' ? undefined : {path: new URL('./shims/string-width.mjs', import.meta.url).pathname},
		);
		build.onResolve({filter: /^string-width\?real$/}, (args) =>
			build.resolve('string-width', {
				kind: args.kind,
				resolveDir: new URL('..', import.meta.url).pathname,
				pluginData: 'real',
			}),
		);
	},
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The bundle's options; `minify: false` keeps module names in the output (for profiles). */
export function bundleOptions({outdir = 'dist', minify = true} = {}) {
	return {
		absWorkingDir: new URL('..', import.meta.url).pathname,
		entryPoints: ['cli.tsx'],
		outdir,
		entryNames: 'cli',
		// The UI (React, Ink, Yoga) is its own chunk, loaded only when the UI opens: `tsdock ps` never compiles it.
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node22',
		minify,
		sourcemap: false,
		legalComments: 'none',
		jsx: 'automatic',
		plugins: [devtoolsShim, stringWidthShim],
		// React's production build: the development one does extra checks on every render.
		// `fetch` as undefined: Yoga's Emscripten loader only probes for it (it never fetches, the wasm is inline), and
		// touching the global makes Node load its whole fetch implementation at start-up.
		define: {
			'process.env.TSDOCK_VERSION': JSON.stringify(pkg.version),
			'process.env.NODE_ENV': '"production"',
			fetch: 'undefined',
		},
		banner: {
			js: [
				'#!/usr/bin/env node',
				// Checked before anything else runs, so an old Node gets a sentence, not a syntax error.
				"if (Number(process.versions.node.split('.')[0]) < 22) { process.stderr.write('tsdock: needs Node.js 22 or newer (this is ' + process.version + ')\\n'); process.exit(1); }",
				// Some bundled CommonJS dependencies call require(): give them one.
				"import {createRequire as __tsdockCreateRequire, enableCompileCache as __tsdockCompileCache} from 'node:module';",
				'const require = __tsdockCreateRequire(import.meta.url);',
				// V8's code cache on disk (Node >= 22.1): later starts skip compiling the chunks they load.
				'__tsdockCompileCache?.();',
			].join('\n'),
		},
		logLevel: 'warning',
	};
}
