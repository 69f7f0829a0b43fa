// Bundles cli.tsx and everything it imports into dist/cli.js: one file starts faster than hundreds of modules,
// and the installed package needs no node_modules at run time.
import {build} from 'esbuild';
import {readFileSync} from 'node:fs';

// Ink imports react-devtools-core only on its DEV=true path. Bundled, that import would become a static one and
// fail at start-up, so it resolves to an inert module: tsdock never turns Ink's devtools on.
const devtoolsShim = {
	name: 'react-devtools-core-shim',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'tsdock-shim'}));
		build.onLoad({filter: /.*/, namespace: 'tsdock-shim'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};', loader: 'js'}));
	},
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
	entryPoints: ['cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	minify: true,
	sourcemap: false,
	legalComments: 'none',
	jsx: 'automatic',
	plugins: [devtoolsShim],
	define: {'process.env.TSDOCK_VERSION': JSON.stringify(pkg.version)},
	banner: {
		js: [
			'#!/usr/bin/env node',
			// Checked before anything else runs, so an old Node gets a sentence, not a syntax error.
			"if (Number(process.versions.node.split('.')[0]) < 22) { process.stderr.write('tsdock: needs Node.js 22 or newer (this is ' + process.version + ')\\n'); process.exit(1); }",
			// Some bundled CommonJS dependencies call require(): give them one.
			"import {createRequire as __tsdockCreateRequire} from 'node:module';",
			'const require = __tsdockCreateRequire(import.meta.url);',
		].join('\n'),
	},
	logLevel: 'warning',
});
