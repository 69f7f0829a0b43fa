import {useEffect, useRef, useState} from 'react';
import {errorLine} from '../../core/index.ts';
import type {DetailLine} from '../format/details.ts';
import type {DetailsTarget} from '../state/types.ts';
import type {LoadDetails} from '../views/load-details.ts';

export type DetailsResult = {lines?: DetailLine[]; error?: string};

/** Load a details view; re-load when `version` changes, keeping the old lines on screen meanwhile. */
export function useDetails(load: LoadDetails, target: DetailsTarget | undefined, version: string): DetailsResult {
	const [result, setResult] = useState<DetailsResult>({});
	const shown = useRef<string>('');
	const key = target ? `${target.kind}:${target.id}` : '';
	useEffect(() => {
		if (!target) return;
		let live = true;
		if (shown.current !== key) setResult({});
		shown.current = key;
		load(target).then(
			(lines) => {
				if (!live) return;
				setResult((previous) => (previous.lines && JSON.stringify(previous.lines) === JSON.stringify(lines) ? previous : {lines}));
			},
			(error: unknown) => {
				if (!live) return;
				const text = errorLine(error);
				setResult((previous) => (previous.error === text ? previous : {lines: previous.lines, error: text}));
			},
		);
		return () => {
			live = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [key, version, load]);
	return target ? result : {};
}
