/**
 * Bulk operations straight over the daemon's unix socket (one keep-alive agent): creating thousands of
 * containers with one `docker create` process each would measure the docker CLI's start-up, not build a load.
 */
import http from 'node:http';

export type Api = {
	request(method: string, path: string, body?: unknown): Promise<{status: number; body: string}>;
	close(): void;
};

export function engineApi(socketPath: string, concurrency = 8): Api {
	const agent = new http.Agent({keepAlive: true, maxSockets: concurrency});
	return {
		request(method, path, body) {
			return new Promise((resolve, reject) => {
				const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
				const request = http.request(
					{
						socketPath,
						agent,
						method,
						path: `/v1.41${path}`,
						headers: payload ? {'content-type': 'application/json', 'content-length': payload.length} : {},
					},
					(response) => {
						const chunks: Buffer[] = [];
						response.on('data', (chunk: Buffer) => chunks.push(chunk));
						response.on('end', () =>
							resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')}),
						);
						response.on('error', reject);
					},
				);
				request.on('error', reject);
				request.end(payload);
			});
		},
		close: () => agent.destroy(),
	};
}

/** Run `task` over `items` with at most `limit` in flight. */
export async function inParallel<T>(
	items: T[],
	limit: number,
	task: (item: T, index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			await task(items[index], index);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
}

export async function createContainer(api: Api, name: string, image: string, cmd: string[]): Promise<string> {
	const response = await api.request('POST', `/containers/create?name=${encodeURIComponent(name)}`, {
		Image: image,
		Cmd: cmd,
		HostConfig: {NetworkMode: 'none'},
	});
	if (response.status !== 201) throw new Error(`create ${name}: ${response.status} ${response.body.trim()}`);
	return JSON.parse(response.body).Id as string;
}

export async function startContainer(api: Api, id: string): Promise<void> {
	const response = await api.request('POST', `/containers/${id}/start`);
	if (response.status !== 204 && response.status !== 304)
		throw new Error(`start ${id}: ${response.status} ${response.body.trim()}`);
}

export async function waitContainer(api: Api, id: string): Promise<void> {
	await api.request('POST', `/containers/${id}/wait`);
}
