import React from 'react';
import {Text} from 'ink';

export const MIN_WIDTH = 40;
export const MIN_HEIGHT = 10;

export const isTooSmall = (width: number, height: number) => width < MIN_WIDTH || height < MIN_HEIGHT;

/** What a terminal too small to draw in shows instead of the UI (q still quits). */
export function TooSmall({width, height}: {width: number; height: number}) {
	return (
		<Text wrap="truncate">
			{`terminal too small (${width}x${height}; tsdock needs ${MIN_WIDTH}x${MIN_HEIGHT}) · q quits`.slice(
				0,
				Math.max(1, width),
			)}
		</Text>
	);
}
