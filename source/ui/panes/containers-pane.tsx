import React from 'react';
import type {Toggles} from '../state/types.ts';
import {ListPane, type ListPaneProps} from './list-pane.tsx';

export const containersNotes = (toggles: Toggles): string[] => (toggles.allContainers ? [] : ['running containers only (a: show all)']);

type Props = Omit<ListPaneProps, 'title' | 'notes' | 'emptyText'> & {toggles: Toggles};

export function ContainersPane({toggles, ...props}: Props) {
	return <ListPane {...props} title="Containers" notes={containersNotes(toggles)} emptyText={toggles.allContainers ? 'no containers' : 'no running containers (a: show all)'} />;
}
