/**
 * Relative times as the docker CLI words them, and when such a text next changes. Pure functions: the caller
 * passes the time (Unix seconds), so a screen can redraw exactly when a text changes and never in between.
 */
import {humanDuration} from './units.ts';
import type {ContainerInspect} from './types.ts';

const HOUR = 3600;

/**
 * How many seconds after `elapsed` seconds humanDuration's text first differs (go-units HumanDuration's steps:
 * whole seconds under a minute, whole minutes under an hour, then hours rounded to the nearest, which days,
 * weeks and months count, and whole years).
 */
export function durationChangeIn(elapsed: number): number {
	const text = humanDuration(elapsed);
	let next: number;
	if (elapsed < 60) next = Math.max(1, Math.floor(elapsed) + 1);
	else if (elapsed < HOUR) next = (Math.floor(elapsed / 60) + 1) * 60;
	else {
		// Rounded hours step at every half hour; days, weeks, months at multiples of 24, 168, 720 of them.
		const hours = Math.trunc(elapsed / HOUR + 0.5);
		const step = hours < 48 ? 1 : hours < 24 * 14 ? 24 : hours < 24 * 60 ? 168 : hours < 24 * 365 * 2 ? 720 : 0;
		next =
			step === 0
				? (Math.floor(Math.trunc(elapsed / HOUR) / (24 * 365)) + 1) * 24 * 365 * HOUR
				: ((Math.floor(hours / step) + 1) * step - 0.5) * HOUR;
		// Where a range ends before its step does (47 hours → 2 days, 13 days → 2 weeks, …) the text changes there.
		const ends = [48, 24 * 14, 24 * 60, 24 * 365 * 2].find((end) => hours < end);
		if (ends !== undefined) next = Math.min(next, (ends - 0.5) * HOUR);
	}
	// Every candidate is a step of one of the units, so the text changes there; a guard against rounding anyway.
	while (humanDuration(next) === text) next += 1;
	return next - elapsed;
}

/** A relative text and the Unix time (seconds) it next changes at; `changesAt` is undefined for a fixed text. */
export type TimedText = {text: string; changesAt?: number};

/** "5 seconds ago" for a Unix time (seconds), at `now`, and when that text changes. */
export function agoText(unixSeconds: number, now: number): TimedText {
	const elapsed = Math.max(0, now - unixSeconds);
	return {text: `${humanDuration(elapsed)} ago`, changesAt: now + durationChangeIn(elapsed)};
}

/** What the list's STATUS needs beyond the list itself: when the container last started and finished (Unix s). */
export type ContainerTimes = {startedAt?: number; finishedAt?: number};

const unixTime = (iso: string | undefined): number | undefined => {
	if (!iso || iso.startsWith('0001-')) return undefined;
	const time = Date.parse(iso);
	return Number.isNaN(time) ? undefined : time / 1000;
};

/** State.StartedAt and State.FinishedAt of an inspect answer (Go's zero time: not set). */
export function containerTimes(inspect: Pick<ContainerInspect, 'State'>): ContainerTimes {
	return {startedAt: unixTime(inspect.State?.StartedAt), finishedAt: unixTime(inspect.State?.FinishedAt)};
}

/** The daemon's STATUS texts that hold a duration: "Up X[ (Paused|healthy|…)]", "Exited|Restarting (N) X ago". */
const upStatus = /^Up (.+?)( \([^()]*\))?$/;
const agoStatus = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/;

/** Whether a list STATUS has a duration in it (and so needs the container's times to stay true). */
export const statusIsRelative = (status: string): boolean => upStatus.test(status) || agoStatus.test(status);

/**
 * A container's STATUS as `docker ps` shows it, at `now`: the daemon computes it when asked ("Up 4 seconds"),
 * so the list's text is true only then. With the container's times the duration is worked out again from
 * State.StartedAt ("Up X", "Up X (Paused)", "Up X (healthy)") or State.FinishedAt ("Exited (0) X ago",
 * "Restarting (1) X ago"), keeping the rest of the daemon's words. Other texts ("Created", "Dead", "Removal In
 * Progress"), or without the times, the daemon's text stays as it is.
 */
export function containerStatusText(status: string, times: ContainerTimes | undefined, now: number): TimedText {
	const up = upStatus.exec(status);
	if (up && times?.startedAt !== undefined) {
		const elapsed = Math.max(0, now - times.startedAt);
		return {text: `Up ${humanDuration(elapsed)}${up[2] ?? ''}`, changesAt: now + durationChangeIn(elapsed)};
	}
	const ago = agoStatus.exec(status);
	if (ago && times?.finishedAt !== undefined) {
		const elapsed = Math.max(0, now - times.finishedAt);
		return {text: `${ago[1]} (${ago[2]}) ${humanDuration(elapsed)} ago`, changesAt: now + durationChangeIn(elapsed)};
	}
	return {text: status};
}
