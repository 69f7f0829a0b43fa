import type {EngineClient} from './client.ts';
import {
	killContainer,
	pauseContainer,
	removeContainer,
	restartContainer,
	startContainer,
	stopContainer,
	unpauseContainer,
} from './containers.ts';
import {errorLine} from './errors.ts';
import type {ContainerSummary} from './types.ts';

/** Container actions the UI offers, each applicable to one or many (marked) containers. */
export type ContainerOperation = 'start-stop' | 'restart' | 'pause-unpause' | 'kill' | 'remove' | 'remove-with-volumes';

export type OperationOutcome = {id: string; name: string; did: string; ok: boolean; error?: string};

const nameOf = (container: ContainerSummary) =>
	(container.Names?.[0] ?? '').replace(/^\//, '') || container.Id.slice(0, 12);

/** What an action will do to this container in its current state (for the status line and confirm dialogs). */
export function describeAction(action: ContainerOperation, container: ContainerSummary): string {
	switch (action) {
		case 'start-stop':
			return container.State === 'running' || container.State === 'restarting'
				? 'stop'
				: container.State === 'paused'
					? 'stop (paused)'
					: 'start';
		case 'restart':
			return 'restart';
		case 'pause-unpause':
			return container.State === 'paused' ? 'unpause' : 'pause';
		case 'kill':
			return 'kill';
		case 'remove':
			return container.State === 'running' || container.State === 'paused' || container.State === 'restarting'
				? 'force-remove (running)'
				: 'remove';
		case 'remove-with-volumes':
			return 'remove with its anonymous volumes';
	}
}

async function applyOne(
	client: EngineClient,
	action: ContainerOperation,
	container: ContainerSummary,
): Promise<string> {
	const id = container.Id;
	const running = container.State === 'running' || container.State === 'restarting' || container.State === 'paused';
	switch (action) {
		case 'start-stop':
			if (running) {
				await stopContainer(client, id);
				return 'stopped';
			}
			await startContainer(client, id);
			return 'started';
		case 'restart':
			await restartContainer(client, id);
			return 'restarted';
		case 'pause-unpause':
			if (container.State === 'paused') {
				await unpauseContainer(client, id);
				return 'unpaused';
			}
			await pauseContainer(client, id);
			return 'paused';
		case 'kill':
			await killContainer(client, id);
			return 'killed';
		case 'remove':
		case 'remove-with-volumes':
			await removeContainer(client, id, {force: running, volumes: action === 'remove-with-volumes'});
			return 'removed';
	}
}

/** Apply an action to each container in turn; one failure does not stop the others. */
export async function applyContainerOperation(
	client: EngineClient,
	action: ContainerOperation,
	containers: ContainerSummary[],
): Promise<OperationOutcome[]> {
	const outcomes: OperationOutcome[] = [];
	for (const container of containers) {
		try {
			const did = await applyOne(client, action, container);
			outcomes.push({id: container.Id, name: nameOf(container), did, ok: true});
		} catch (error) {
			outcomes.push({
				id: container.Id,
				name: nameOf(container),
				did: describeAction(action, container),
				ok: false,
				error: errorLine(error),
			});
		}
	}
	return outcomes;
}

/** "restarted web, db" / "2 of 3 stopped; db: not running" — one line for the status area. */
export function summariseOutcomes(outcomes: OperationOutcome[]): string {
	const ok = outcomes.filter((outcome) => outcome.ok);
	const failed = outcomes.filter((outcome) => !outcome.ok);
	if (failed.length === 0) return `${ok[0]?.did ?? 'done'} ${ok.map((outcome) => outcome.name).join(', ')}`;
	const head = ok.length > 0 ? `${ok.length} of ${outcomes.length} ${ok[0]!.did}; ` : '';
	return `${head}${failed.map((outcome) => `${outcome.name}: ${outcome.error}`).join('; ')}`;
}
