/**
 * The write keys and their dialogs: guards first (read-only, connection, busy) so a refused key sends
 * nothing, then the dialog flow of each (preview → y → result). The key modes call in here (keys/modes.ts).
 */
import {imageReference, isDangling, shortId, type ContainerOperation} from '../../core/index.ts';
import type {EnginePort} from '../engine-port.ts';
import {dialogBodyHeight} from '../format/dialog-lines.ts';
import {dialogText} from '../format/dialog-text.ts';
import {bindingOf, keyLabel, type CommandId} from '../keys/keymap.ts';
import type {DialogState} from '../state/dialog.ts';
import type {Store} from '../store.ts';
import {openContainerConfirm, runContainerOperation, runContainerConfirm} from './container-commands.ts';
import {createDialogHost, targetIds} from './dialog-host.ts';
import {openPrune, runPrune, switchPruneScope} from './prune-dialogs.ts';
import {openImageRemove, openTag, openVolumeRemove, runImageRemove, runTag, runVolumeRemove} from './remove-dialogs.ts';

export type Dialogs = {
	/** A write key in the list: refused with a status line, or the dialog (or the direct change) starts. */
	start(command: CommandId, selectedId: string | undefined): void;
	/** A key of the open dialog; `height` is the rows the dialog may use. */
	key(command: CommandId, height: number): void;
	/** What is running now, if anything. */
	busy(): string | undefined;
};

/** Why a write key is refused right now, or undefined. Pure. */
export function refusal(
	command: CommandId,
	state: {readOnly: boolean; connection: string; busy?: string},
): string | undefined {
	const binding = bindingOf(command);
	if (binding?.kind !== 'write') return undefined;
	const key = `${keyLabel(binding.keys[0] ?? '?')} (${binding.label ?? command})`;
	if (state.readOnly) return `read-only mode: ${key} refused`;
	if (state.connection !== 'connected') return `not connected to the Engine (${state.connection}): ${key} refused`;
	if (state.busy) return `busy: ${state.busy} is still running; ${key} refused`;
	return undefined;
}

const direct: Partial<Record<CommandId, ContainerOperation>> = {
	'container-start-stop': 'start-stop',
	'container-restart': 'restart',
	'container-pause': 'pause-unpause',
};

export function createDialogs(store: Store, port: EnginePort): Dialogs {
	const host = createDialogHost(store, port);

	const start = (command: CommandId, selectedId: string | undefined) => {
		const state = store.get();
		const refused = refusal(command, {readOnly: port.readOnly, connection: state.connection.state, busy: host.busy()});
		if (refused) return host.status(refused, 'error');
		const nothing = () => host.status('nothing selected', 'error');
		switch (command) {
			case 'image-prune':
				return openPrune(host, {kind: 'image-prune', scope: 'dangling', phase: 'loading', top: 0});
			case 'volume-prune':
				return openPrune(host, {kind: 'volume-prune', all: false, phase: 'loading', top: 0});
			case 'system-prune':
				return openPrune(host, {kind: 'system-prune', allImages: false, volumes: false, phase: 'loading', top: 0});
			case 'container-start-stop':
			case 'container-restart':
			case 'container-pause':
			case 'container-kill':
			case 'container-remove': {
				const list = state.data.containers?.list ?? [];
				const ids = targetIds(
					store,
					'containers',
					list.map((container) => container.Id),
					selectedId,
				);
				const containers = ids.map((id) => list.find((container) => container.Id === id)!);
				if (containers.length === 0) return nothing();
				const action = direct[command];
				if (action) return runContainerOperation(host, action, containers);
				return openContainerConfirm(host, command === 'container-kill' ? 'kill' : 'remove', containers);
			}
			case 'image-remove':
			case 'image-tag': {
				const list = state.data.images?.list ?? [];
				// t tags the selected image; d acts on the marked ones, else the selected one.
				const ids =
					command === 'image-tag'
						? selectedId === undefined
							? []
							: [selectedId]
						: targetIds(
								store,
								'images',
								list.map((image) => image.Id),
								selectedId,
							);
				const targets = ids
					.flatMap((id) => list.filter((image) => image.Id === id))
					.map((image) => ({
						id: image.Id,
						label: isDangling(image) ? `<none> ${shortId(image.Id)}` : imageReference(image),
						tag: isDangling(image) ? undefined : imageReference(image),
					}));
				if (targets.length === 0) return nothing();
				return command === 'image-tag' ? openTag(host, targets[0]!) : openImageRemove(host, targets);
			}
			case 'volume-remove': {
				const list = state.data.volumes?.list ?? [];
				const names = targetIds(
					store,
					'volumes',
					list.map((volume) => volume.Name),
					selectedId,
				);
				if (names.length === 0) return nothing();
				return openVolumeRemove(host, names);
			}
		}
	};

	const close = () => {
		const remembered = host.remembered();
		host.close();
		if (remembered) host.status(remembered.text, remembered.tone);
	};

	const cancel = (dialog: DialogState) => {
		if (dialog.phase === 'running') {
			return host.status(`busy: ${host.busy() ?? 'the action'} is still running; wait for the result`, 'error');
		}
		if (dialog.phase === 'done' || dialog.phase === 'error') return close();
		host.close();
		host.status(dialog.kind === 'tag' ? 'tag cancelled' : 'cancelled: nothing was changed');
	};

	const scroll = (dialog: DialogState, step: number, height: number) => {
		const room = dialogBodyHeight(height);
		store.dispatch({type: 'dialog-scroll', step, max: Math.max(0, dialogText(dialog).lines.length - room + 1)});
	};

	const key = (command: CommandId, height: number) => {
		const dialog = store.get().ui.dialog;
		if (!dialog) return;
		const page = Math.max(1, dialogBodyHeight(height) - 2);
		if (command === 'up') return scroll(dialog, -1, height);
		if (command === 'down') return scroll(dialog, 1, height);
		if (command === 'page-up') return scroll(dialog, -page, height);
		if (command === 'page-down') return scroll(dialog, page, height);
		if (dialog.phase === 'running') return cancel(dialog);
		if (dialog.kind === 'tag') {
			if (command === 'dialog-submit') return runTag(host, dialog);
			return cancel(dialog);
		}
		if (
			dialog.phase === 'done' &&
			dialog.kind === 'image-remove' &&
			command === 'dialog-force' &&
			!dialog.forced &&
			dialog.result?.some((removal) => removal.conflict)
		) {
			return runImageRemove(host, dialog, true);
		}
		if (dialog.phase !== 'confirm' && dialog.phase !== 'loading') return close();
		const prune = dialog.kind === 'image-prune' || dialog.kind === 'volume-prune' || dialog.kind === 'system-prune';
		if (
			prune &&
			(command === 'dialog-all' || command === 'dialog-volumes') &&
			switchPruneScope(host, dialog, command === 'dialog-all' ? 'all' : 'volumes')
		)
			return;
		if (dialog.phase === 'loading') {
			if (command === 'dialog-confirm') return host.status('the preview is not ready yet: nothing to confirm', 'error');
			return cancel(dialog);
		}
		if (command === 'dialog-confirm') {
			if (prune) return runPrune(host, dialog);
			if (dialog.kind === 'image-remove') return runImageRemove(host, dialog, false);
			if (dialog.kind === 'volume-remove') return runVolumeRemove(host, dialog);
			if (dialog.kind === 'container-confirm') return runContainerConfirm(host, dialog);
		}
		if (command === 'dialog-force' && dialog.kind === 'image-remove' && dialog.plans?.some((plan) => plan.needsForce)) {
			return runImageRemove(host, dialog, true);
		}
		if (command === 'dialog-volumes' && dialog.kind === 'container-confirm' && dialog.operation === 'remove') {
			return host.patch(host.generation(), (current) =>
				current.kind === 'container-confirm' ? {...current, withVolumes: !current.withVolumes} : current,
			);
		}
		return cancel(dialog);
	};

	return {
		start,
		key,
		busy: () => host.busy(),
	};
}
