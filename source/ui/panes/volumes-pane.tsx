import React from 'react';
import type {Toggles} from '../state/types.ts';
import {ListPane, type ListPaneProps} from './list-pane.tsx';

export const volumesNotes = (toggles: Toggles): string[] =>
	toggles.unusedVolumes
		? ['unused only, as docker volume ls -f dangling=true: no container (running or stopped) mounts them (D: all)']
		: [];

type Props = Omit<ListPaneProps, 'title' | 'notes' | 'emptyText'> & {toggles: Toggles};

export function VolumesPane({toggles, ...props}: Props) {
	return (
		<ListPane
			{...props}
			title={toggles.unusedVolumes ? 'Volumes: unused' : 'Volumes'}
			notes={volumesNotes(toggles)}
			emptyText={toggles.unusedVolumes ? 'no unused volumes' : 'no volumes'}
		/>
	);
}
