import {ago, humanSize, imageHistory, sanitizeField, shortId, type EngineClient} from '../core/index.ts';
import {ellipsize, textTable} from './text-table.ts';

export async function historyCommand(
	client: EngineClient,
	image: string,
	options: {json: boolean; noTrunc: boolean},
): Promise<string> {
	const entries = await imageHistory(client, image);
	if (options.json) {
		const json = entries.map((entry) => ({
			id: entry.Id,
			created: new Date(entry.Created * 1000).toISOString(),
			createdBy: entry.CreatedBy,
			size: entry.Size,
			comment: entry.Comment,
			tags: entry.Tags ?? [],
		}));
		return `${JSON.stringify(json, null, 2)}\n`;
	}
	const rows = entries.map((entry) => [
		entry.Id === '<missing>' ? '<missing>' : options.noTrunc ? entry.Id : shortId(entry.Id),
		ago(entry.Created),
		options.noTrunc ? sanitizeField(entry.CreatedBy) : ellipsize(sanitizeField(entry.CreatedBy), 45),
		humanSize(entry.Size),
		sanitizeField(entry.Comment),
	]);
	return textTable(['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], rows);
}
