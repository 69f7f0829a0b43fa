/**
 * The action and cleanup keys: guards first (read-only, connection, busy) so a refused key sends nothing,
 * then the dialog flow of each action. The App hands every action of the key map it does not know to run().
 */
import {imageReference, isDangling, shortId, type ContainerAction} from '../../core/index.ts';
import {dialogBodyHeight} from '../format/dialog-lines.ts';
import {dialogText} from '../format/dialog-text.ts';
import {keyLabel, keymap, type ActionId} from '../keymap.ts';
import type {DialogState} from '../state/dialog.ts';
import type {Store} from '../store.ts';
import {openContainerConfirm, runContainerAction, runContainerConfirm} from './container-actions.ts';
import {createContext, targetIds, toggleMark, type ActionContext} from './context.ts';
import type {ActionOps} from './ops.ts';
import {openPrune, runPrune, switchPruneScope} from './prune-actions.ts';
import {openImageRemove, openTag, openVolumeRemove, runImageRemove, runTag, runVolumeRemove} from './remove-actions.ts';

export type Actions = {
	/**
	 * Run a key map action if it is one of ours (or any key while a dialog is open); false when it is not.
	 * `selectedId` is the selected row's ID, `height` the rows the dialog may use.
	 */
	run(action: ActionId, at: {selectedId?: string; height: number}): boolean;
	/** Text typed into a dialog's input box; false when no input box is open. */
	type(text: string): boolean;
	/** What is running now, if anything. */
	busy(): string | undefined;
};

/** Keys that change something on the daemon, and what they are called in a refusal. */
export const mutatingKeys: Partial<Record<ActionId, string>> = {
	'container-start-stop': 'start/stop',
	'container-restart': 'restart',
	'container-pause': 'pause/unpause',
	'container-kill': 'kill',
	'container-remove': 'remove',
	'image-remove': 'remove',
	'image-prune': 'prune',
	'image-tag': 'tag',
	'volume-remove': 'remove',
	'volume-prune': 'prune',
	'system-prune': 'prune',
};

const keyOf = (action: ActionId) => keyLabel(keymap.find((binding) => binding.action === action)?.keys[0] ?? '?');

/** Why a mutating key is refused right now, or undefined. Pure. */
export function refusal(
	action: ActionId,
	state: {readOnly: boolean; connection: string; busy?: string},
): string | undefined {
	const what = mutatingKeys[action];
	if (what === undefined) return undefined;
	const key = `${keyOf(action)} (${what})`;
	if (state.readOnly) return `read-only mode: ${key} refused`;
	if (state.connection !== 'connected') return `not connected to the Engine (${state.connection}): ${key} refused`;
	if (state.busy) return `busy: ${state.busy} is still running; ${key} refused`;
	return undefined;
}

const containerActions: Partial<Record<ActionId, ContainerAction>> = {
	'container-start-stop': 'start-stop',
	'container-restart': 'restart',
	'container-pause': 'pause-unpause',
};

export function createActions(store: Store, ops: ActionOps, options: {readOnly: boolean}): Actions {
	const context = createContext(store, ops);

	const listKey = (action: ActionId, selectedId: string | undefined) => {
		const state = store.get();
		const pane = state.ui.pane;
		if (action === 'mark') {
			if (selectedId !== undefined) toggleMark(store, pane, selectedId);
			return;
		}
		const refused = refusal(action, {
			readOnly: options.readOnly,
			connection: state.connection.state,
			busy: context.busy(),
		});
		if (refused) return context.status(refused, 'error');
		const nothing = () => context.status('nothing selected', 'error');
		if (action === 'image-prune')
			return openPrune(context, {kind: 'image-prune', scope: 'dangling', phase: 'loading', top: 0});
		if (action === 'volume-prune')
			return openPrune(context, {kind: 'volume-prune', all: false, phase: 'loading', top: 0});
		if (action === 'system-prune')
			return openPrune(context, {kind: 'system-prune', allImages: false, volumes: false, phase: 'loading', top: 0});
		if (action.startsWith('container-')) {
			const list = state.data.containers?.list ?? [];
			const ids = targetIds(
				store,
				'containers',
				list.map((container) => container.Id),
				selectedId,
			);
			const containers = ids.map((id) => list.find((container) => container.Id === id)!);
			if (containers.length === 0) return nothing();
			const direct = containerActions[action];
			if (direct) return runContainerAction(context, direct, containers);
			return openContainerConfirm(context, action === 'container-kill' ? 'kill' : 'remove', containers);
		}
		if (action === 'image-remove' || action === 'image-tag') {
			const list = state.data.images?.list ?? [];
			// t tags the selected image; d acts on the marked ones, else the selected one.
			const ids =
				action === 'image-tag'
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
			return action === 'image-tag' ? openTag(context, targets[0]!) : openImageRemove(context, targets);
		}
		if (action === 'volume-remove') {
			const list = state.data.volumes?.list ?? [];
			const names = targetIds(
				store,
				'volumes',
				list.map((volume) => volume.Name),
				selectedId,
			);
			if (names.length === 0) return nothing();
			return openVolumeRemove(context, names);
		}
	};

	const close = () => {
		const remembered = context.remembered();
		context.close();
		if (remembered) context.status(remembered.text, remembered.tone);
	};

	const cancel = (dialog: DialogState) => {
		if (dialog.phase === 'running')
			return context.status(`busy: ${context.busy() ?? 'the action'} is still running; wait for the result`, 'error');
		if (dialog.phase === 'done' || dialog.phase === 'error') return close();
		context.close();
		context.status(dialog.kind === 'tag' ? 'tag cancelled' : 'cancelled: nothing was changed');
	};

	const scroll = (dialog: DialogState, step: number, height: number) => {
		const room = dialogBodyHeight(height);
		const max = Math.max(0, dialogText(dialog).lines.length - room + 1);
		const top = Math.max(0, Math.min(max, dialog.top + step));
		if (top !== dialog.top) context.patch(context.generation(), (current) => ({...current, top}));
	};

	const dialogKey = (action: ActionId, dialog: DialogState, height: number) => {
		const page = Math.max(1, dialogBodyHeight(height) - 2);
		if (action === 'dialog-up') return scroll(dialog, -1, height);
		if (action === 'dialog-down') return scroll(dialog, 1, height);
		if (action === 'dialog-page-up') return scroll(dialog, -page, height);
		if (action === 'dialog-page-down') return scroll(dialog, page, height);
		if (dialog.phase === 'running') return cancel(dialog);
		if (dialog.kind === 'tag') {
			if (action === 'dialog-submit') return runTag(context, dialog);
			if (action === 'dialog-backspace')
				return context.patch(context.generation(), (current) =>
					current.kind === 'tag' ? {...current, text: [...current.text].slice(0, -1).join('')} : current,
				);
			return cancel(dialog);
		}
		if (
			dialog.phase === 'done' &&
			dialog.kind === 'image-remove' &&
			action === 'dialog-force' &&
			!dialog.forced &&
			dialog.result?.some((removal) => removal.conflict)
		) {
			return runImageRemove(context, dialog, true);
		}
		if (dialog.phase !== 'confirm' && dialog.phase !== 'loading') return close();
		const prune = dialog.kind === 'image-prune' || dialog.kind === 'volume-prune' || dialog.kind === 'system-prune';
		if (
			prune &&
			(action === 'dialog-all' || action === 'dialog-volumes') &&
			switchPruneScope(context, dialog, action === 'dialog-all' ? 'all' : 'volumes')
		)
			return;
		if (dialog.phase === 'loading') {
			if (action === 'dialog-confirm')
				return context.status('the preview is not ready yet: nothing to confirm', 'error');
			return cancel(dialog);
		}
		if (action === 'dialog-confirm') {
			if (prune) return runPrune(context, dialog);
			if (dialog.kind === 'image-remove') return runImageRemove(context, dialog, false);
			if (dialog.kind === 'volume-remove') return runVolumeRemove(context, dialog);
			if (dialog.kind === 'container-action') return runContainerConfirm(context, dialog);
		}
		if (action === 'dialog-force' && dialog.kind === 'image-remove' && dialog.plans?.some((plan) => plan.needsForce))
			return runImageRemove(context, dialog, true);
		if (action === 'dialog-volumes' && dialog.kind === 'container-action' && dialog.action === 'remove') {
			return context.patch(context.generation(), (current) =>
				current.kind === 'container-action' ? {...current, withVolumes: !current.withVolumes} : current,
			);
		}
		return cancel(dialog);
	};

	return {
		run(action, at) {
			const dialog = store.get().ui.dialog;
			if (dialog) {
				if (action === 'quit') return false;
				dialogKey(action, dialog, at.height);
				return true;
			}
			if (action !== 'mark' && mutatingKeys[action] === undefined) return false;
			listKey(action, at.selectedId);
			return true;
		},
		type(text) {
			const dialog = store.get().ui.dialog;
			if (dialog?.kind !== 'tag') return false;
			if (dialog.phase === 'confirm')
				context.patch(context.generation(), (current) =>
					current.kind === 'tag' ? {...current, text: current.text + text, error: undefined} : current,
				);
			return true;
		},
		busy: () => context.busy(),
	};
}
