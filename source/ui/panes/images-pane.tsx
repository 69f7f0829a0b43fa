import React from 'react';
import {danglingHelp} from '../../core/index.ts';
import type {Toggles} from '../state/types.ts';
import {ListPane, type ListPaneProps} from './list-pane.tsx';

export const imagesNotes = (toggles: Toggles): string[] =>
	toggles.danglingImages ? [`dangling only, as docker images -f dangling=true (D: all) · ${danglingHelp}`] : [];

type Props = Omit<ListPaneProps, 'title' | 'notes' | 'emptyText'> & {toggles: Toggles};

export function ImagesPane({toggles, ...props}: Props) {
	return (
		<ListPane
			{...props}
			title={toggles.danglingImages ? 'Images: dangling' : 'Images'}
			notes={imagesNotes(toggles)}
			emptyText={toggles.danglingImages ? 'no dangling images' : 'no images'}
		/>
	);
}
