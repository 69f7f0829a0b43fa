/** What a dialog says, as plain lines: a title, the body, and the keys it takes. Pure; daemon text sanitised. */
import type {DialogState} from '../state/dialog.ts';
import type {DialogText} from './dialog-lines.ts';
import {imagePruneText, systemPruneText, volumePruneText} from './prune-text.ts';
import {containerConfirmText, imageRemoveText, tagText, volumeRemoveText} from './remove-text.ts';

export function dialogText(dialog: DialogState): DialogText {
	switch (dialog.kind) {
		case 'image-prune':
			return imagePruneText(dialog);
		case 'volume-prune':
			return volumePruneText(dialog);
		case 'system-prune':
			return systemPruneText(dialog);
		case 'image-remove':
			return imageRemoveText(dialog);
		case 'volume-remove':
			return volumeRemoveText(dialog);
		case 'container-confirm':
			return containerConfirmText(dialog);
		case 'tag':
			return tagText(dialog);
	}
}
