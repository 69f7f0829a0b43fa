import {listContexts, sanitizeField} from '../core/index.ts';
import {textTable} from './text-table.ts';

export function contextsCommand(options: {json: boolean}): string {
	const contexts = listContexts();
	if (options.json)
		return `${JSON.stringify(
			contexts.map(({tlsDir: _tls, ...rest}) => rest),
			null,
			2,
		)}\n`;
	return textTable(
		['NAME', 'DESCRIPTION', 'DOCKER ENDPOINT'],
		contexts.map((context) => [
			sanitizeField(context.name) + (context.current ? ' *' : ''),
			sanitizeField(context.description ?? ''),
			sanitizeField(context.host),
		]),
	);
}
