// ESLint (flat config): @eslint/js and typescript-eslint recommended, the two classic React hooks rules, Node
// globals. `npm run lint` runs this and `prettier --check .`.
//
// typescript-eslint's type-aware presets (recommendedTypeChecked) are left out: measured on this 2-core machine
// they took eslint from about 14 s to about 40 s (26 s of CPU against 9 s: a TypeScript program is built for the
// files), which with prettier --check (about 15 s) nears the one-minute budget, and they add about 800 findings,
// mostly no-floating-promises on node:test's test() calls. `npm run typecheck` already runs tsc.
//
// eslint-plugin-react-hooks 7's recommended preset also turns on the React Compiler rules; tsdock is not compiled
// with the React Compiler, so only rules-of-hooks and exhaustive-deps are on.
import js from '@eslint/js';
import {defineConfig, globalIgnores} from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A disable comment must name its rules and say why after ` -- `; `eslint-disable` without `-next-line` or `-line`
// (which holds until the end of the file or an `eslint-enable`) is not allowed at all.
const disableComments = {
	meta: {
		type: 'suggestion',
		docs: {description: 'Require every eslint-disable comment to be a line disable that names its rules and says why'},
		schema: [],
		messages: {
			blanket:
				'Use eslint-disable-next-line or eslint-disable-line for the one line that needs it, not a file or block disable.',
			noRules: 'Name the rule(s) this comment disables.',
			noReason: 'Say why after " -- ", e.g. `// eslint-disable-next-line some-rule -- the reason`.',
		},
	},
	create(context) {
		return {
			Program() {
				for (const comment of context.sourceCode.getAllComments()) {
					const match = /^\s*eslint-disable(-next-line|-line)?(?=\s|$)(.*)$/s.exec(comment.value);
					if (!match) continue;
					const [, kind, rest] = match;
					const [rules, ...reason] = rest.split(/\s--\s/);
					if (!kind) context.report({loc: comment.loc, messageId: 'blanket'});
					else if (rules.trim() === '') context.report({loc: comment.loc, messageId: 'noRules'});
					else if (reason.join(' -- ').trim() === '') context.report({loc: comment.loc, messageId: 'noReason'});
				}
			},
		};
	},
};

export default defineConfig(
	globalIgnores(['node_modules/', 'dist/', 'coverage/', 'docs/', '.tsdock-test/']),
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'module',
			globals: globals.node,
		},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		plugins: {local: {rules: {'disable-comments': disableComments}}},
		rules: {
			'local/disable-comments': 'error',
			// `const {secret: _secret, ...rest} = value` is how a field is left out of a copy.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true},
			],
		},
	},
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
		},
	},
);
