// Some tests run a child as "nobody" (permission denied on the daemon socket, for real) from this checkout's
// dist/ and source/. That needs every folder above the checkout to be searchable by others; a clone made in
// a `mktemp -d` folder (mode 0700) is not. As root, add the search bit (o+x: enter, not list) where it is
// missing and say so; as anyone else, do nothing (those tests need root anyway).
import {chmodSync, statSync} from 'node:fs';
import path from 'node:path';

if (process.getuid?.() === 0) {
	for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
		const mode = statSync(dir).mode & 0o7777;
		if ((mode & 0o001) === 0) {
			chmodSync(dir, mode | 0o001);
			console.error(
				`tests run some children as nobody: made ${dir} searchable by others (mode ${mode.toString(8)} → ${(mode | 0o001).toString(8)})`,
			);
		}
		if (dir === path.dirname(dir)) break;
	}
}
