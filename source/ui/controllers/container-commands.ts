/** Container keys: s r p run at once with a status line; K and d ask first. All act on the marked rows, else the selected one. */
import {
	containerName,
	errorLine,
	summariseOutcomes,
	type ContainerOperation,
	type ContainerSummary,
} from '../../core/index.ts';
import type {DialogState} from '../state/dialog.ts';
import {clearMarks, type DialogHost} from './dialog-host.ts';
import {runInDialog} from './run-in-dialog.ts';

type Of<K extends DialogState['kind']> = Extract<DialogState, {kind: K}>;

const what: Record<ContainerOperation, string> = {
	'start-stop': 'start/stop',
	restart: 'restart',
	'pause-unpause': 'pause/unpause',
	kill: 'kill',
	remove: 'remove',
	'remove-with-volumes': 'remove',
};

/** s, r, p: no confirmation; busy until the Engine answers for every container. */
export function runContainerOperation(
	host: DialogHost,
	action: ContainerOperation,
	containers: ContainerSummary[],
): void {
	host.status(`${what[action]}: ${containers.map(containerName).join(', ')}…`);
	host
		.work(what[action], () => host.port.applyContainerOperation(action, containers))
		.then(
			(outcomes) =>
				host.status(summariseOutcomes(outcomes), outcomes.every((outcome) => outcome.ok) ? 'info' : 'error'),
			(error: unknown) => host.status(`${what[action]} failed: ${errorLine(error)}`, 'error'),
		)
		.finally(() => clearMarks(host.store, 'containers'));
}

export function openContainerConfirm(
	host: DialogHost,
	operation: 'kill' | 'remove',
	containers: ContainerSummary[],
): void {
	host.open({
		kind: 'container-confirm',
		operation,
		withVolumes: false,
		targets: containers.map((container) => ({
			id: container.Id,
			name: containerName(container),
			state: container.State,
		})),
		phase: 'confirm',
		top: 0,
	});
}

/** y in a kill/remove dialog: the dialog closes and the status line says what happened to each. */
export function runContainerConfirm(host: DialogHost, dialog: Of<'container-confirm'>): void {
	const all = host.store.get().data.containers?.list ?? [];
	const ids = new Set(dialog.targets.map((target) => target.id));
	// Decide on the states shown in the dialog (running → forced remove), not on newer ones.
	const containers = all
		.filter((container) => ids.has(container.Id))
		.map((container) => ({...container, State: dialog.targets.find((target) => target.id === container.Id)!.state}));
	const action: ContainerOperation =
		dialog.operation === 'kill' ? 'kill' : dialog.withVolumes ? 'remove-with-volumes' : 'remove';
	void runInDialog(
		host,
		what[action],
		() => host.port.applyContainerOperation(action, containers),
		() => undefined,
		(outcomes) => ({
			text:
				summariseOutcomes(outcomes) +
				(action === 'remove-with-volumes' && outcomes.some((outcome) => outcome.ok)
					? ', with their anonymous volumes'
					: ''),
			tone: outcomes.every((outcome) => outcome.ok) ? 'info' : 'error',
		}),
	).then(() => clearMarks(host.store, 'containers'));
}
