import {useEffect, useRef, useState} from 'react';
import {errorLine, isTsdockError, sanitizeField} from '../../core/index.ts';
import type {DetailLine} from '../format/details.ts';
import type {DetailsTarget} from '../state/types.ts';

/** Reads a details view's lines (views/load-details.ts through the port; a fake in tests). */
export type LoadDetails = (target: DetailsTarget) => Promise<DetailLine[]>;

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
				setResult((previous) =>
					previous.lines && JSON.stringify(previous.lines) === JSON.stringify(lines) ? previous : {lines},
				);
			},
			(error: unknown) => {
				if (!live) return;
				// A 404 for something that was listed: another client removed it while the view was open.
				const gone = isTsdockError(error) && error.kind === 'not-found';
				setResult((previous) => {
					const text = gone
						? `${target.kind} ${sanitizeField(target.label)} no longer exists: it was removed${previous.lines ? ' (below: what it was)' : ''}`
						: errorLine(error);
					return previous.error === text ? previous : {lines: previous.lines, error: text};
				});
			},
		);
		return () => {
			live = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the target (a new object each render); `load` and `version` are listed
	}, [key, version, load]);
	return target ? result : {};
}
