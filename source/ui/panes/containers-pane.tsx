import React from 'react';
import type {Toggles} from '../state/types.ts';
import {ListPane, type ListPaneProps} from './list-pane.tsx';

export const containersNotes = (toggles: Toggles, partial = false): string[] => [
	...(toggles.allContainers ? [] : ['running containers only (a: show all)']),
	...(partial && toggles.allContainers ? ['running containers first: listing the others…'] : []),
];

type Props = Omit<ListPaneProps, 'title' | 'notes' | 'emptyText'> & {toggles: Toggles; partial?: boolean};

export function ContainersPane({toggles, partial, ...props}: Props) {
	return (
		<ListPane
			{...props}
			title="Containers"
			notes={containersNotes(toggles, partial)}
			emptyText={toggles.allContainers ? 'no containers' : 'no running containers (a: show all)'}
		/>
	);
}
