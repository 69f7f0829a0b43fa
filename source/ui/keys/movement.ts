/** The one mapping from movement commands to cursor moves, for every list and view. */
import type {Move} from '../state/cursor.ts';
import type {CommandId, MoveCommand} from './keymap.ts';

const moves: Record<MoveCommand, Move> = {
	up: 'up',
	down: 'down',
	'page-up': 'page-up',
	'page-down': 'page-down',
	top: 'top',
	bottom: 'bottom',
};

/** The move a command makes, or undefined when it is not a movement. */
export const moveOf = (command: CommandId): Move | undefined =>
	Object.hasOwn(moves, command) ? moves[command as MoveCommand] : undefined;
