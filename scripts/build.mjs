// Bundles cli.tsx and everything it imports into dist/ (the entry dist/cli.js plus chunks loaded on demand):
// a few files start faster than hundreds of modules, and the installed package needs no node_modules at run time.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {bundleOptions} from './build-options.mjs';

// Old chunks must not pile up next to new ones.
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

await build(bundleOptions());
