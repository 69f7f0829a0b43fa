import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from './helpers/cli.ts';
import {withKeys} from '../scripts/readme-keys.ts';
import {keymap} from '../source/ui/keys/keymap.ts';

test('the README key map is the one the UI reads (run npm run readme:keys after changing keys)', () => {
	const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
	assert.equal(readme, withKeys(readme));
	for (const binding of keymap)
		assert.ok(readme.includes(binding.description.replaceAll('|', '\\|')), binding.description);
});
