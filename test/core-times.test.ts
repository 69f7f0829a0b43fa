// Relative times as docker words them (go-units HumanDuration, the daemon's container STATUS), and when each
// text next changes: the clock of the TUI redraws exactly then and never in between.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	agoText,
	containerStatusText,
	containerTimes,
	durationChangeIn,
	humanDuration,
	statusIsRelative,
} from '../source/core/index.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;

test('humanDuration words a duration as go-units HumanDuration does', () => {
	const table: Array<[seconds: number, text: string]> = [
		[-5, 'Less than a second'],
		[0, 'Less than a second'],
		[0.999, 'Less than a second'],
		[1, '1 second'],
		[1.9, '1 second'],
		[2, '2 seconds'],
		[59.99, '59 seconds'],
		[60, 'About a minute'],
		[119, 'About a minute'],
		[120, '2 minutes'],
		[59 * 60 + 59, '59 minutes'],
		[HOUR, 'About an hour'],
		[1.49 * HOUR, 'About an hour'],
		[1.5 * HOUR, '2 hours'],
		[47.49 * HOUR, '47 hours'],
		[47.5 * HOUR, '2 days'],
		[13 * DAY, '13 days'],
		[13.98 * DAY, '2 weeks'],
		[8 * 7 * DAY, '8 weeks'],
		[60 * DAY, '2 months'],
		[364 * DAY, '12 months'],
		[729.99 * DAY, '1 years'], // go-units: hours round up into the years branch, which truncates
		[730 * DAY, '2 years'],
		[3.5 * 365 * DAY, '3 years'],
	];
	for (const [seconds, text] of table) assert.equal(humanDuration(seconds), text, `${seconds} s`);
});

test('durationChangeIn: the text holds until exactly then, and differs from then on', () => {
	const starts = [0, 0.4, 1, 30.5, 59.2, 60, 119, 1800, 3599, HOUR, 5399, 47.4 * HOUR, 47.6 * HOUR, 5 * DAY];
	starts.push(13.9 * DAY, 20 * DAY, 59 * DAY, 200 * DAY, 729.9 * DAY, 730 * DAY, 3.2 * 365 * DAY);
	for (let i = 0; i < 2000; i++) starts.push(((i * 7919) % 1000) * 3.3 * DAY + (i % 97) * 61.7);
	for (const start of starts) {
		const wait = durationChangeIn(start);
		const text = humanDuration(start);
		assert.ok(wait > 0, `${start}: ${wait}`);
		for (let k = 1; k < 8; k++) assert.equal(humanDuration(start + (wait * k) / 8 - 0.001), text, `${start} +${k}/8`);
		assert.notEqual(humanDuration(start + wait), text, `${start}: changes after ${wait} s`);
	}
	// The steps: a second under a minute, a minute under an hour, then at the half hours.
	assert.equal(durationChangeIn(10.25), 0.75);
	assert.equal(durationChangeIn(61), 59);
	assert.equal(durationChangeIn(2 * HOUR), 0.5 * HOUR);
	assert.equal(durationChangeIn(3 * DAY), DAY - 0.5 * HOUR);
});

test('agoText: "N ago" at a time, and when it next changes', () => {
	assert.deepEqual(agoText(1000, 1004.5), {text: '4 seconds ago', changesAt: 1005});
	assert.deepEqual(agoText(1000, 1000 + 3 * HOUR), {text: '3 hours ago', changesAt: 1000 + 3.5 * HOUR});
	// A clock a little behind the daemon's: never negative.
	assert.deepEqual(agoText(1000, 999), {text: 'Less than a second ago', changesAt: 1000});
});

test("containerStatusText keeps the daemon's words and works the duration out again from the container's times", () => {
	const times = {startedAt: 1000, finishedAt: 500};
	const at = (status: string, now: number) => containerStatusText(status, times, now);
	assert.deepEqual(at('Up 4 seconds', 1012.5), {text: 'Up 12 seconds', changesAt: 1013});
	assert.equal(at('Up Less than a second', 1000 + 130).text, 'Up 2 minutes');
	assert.equal(at('Up 2 seconds (Paused)', 1000 + 60).text, 'Up About a minute (Paused)');
	assert.equal(at('Up 3 minutes (healthy)', 1000 + 2 * HOUR).text, 'Up 2 hours (healthy)');
	assert.equal(at('Up 3 seconds (health: starting)', 1000 + 5).text, 'Up 5 seconds (health: starting)');
	assert.equal(at('Up 9 seconds (unhealthy)', 1000 + 9).text, 'Up 9 seconds (unhealthy)');
	assert.deepEqual(at('Exited (0) 3 seconds ago', 500 + 45), {text: 'Exited (0) 45 seconds ago', changesAt: 546});
	assert.equal(at('Exited (137) About a minute ago', 500 + 3 * DAY).text, 'Exited (137) 3 days ago');
	assert.equal(at('Restarting (1) Less than a second ago', 500 + 7).text, 'Restarting (1) 7 seconds ago');
	// Texts without a duration, or without the times: the daemon's text, which does not change by itself.
	for (const fixed of ['Created', 'Dead', 'Removal In Progress', '']) assert.deepEqual(at(fixed, 5000), {text: fixed});
	assert.deepEqual(containerStatusText('Up 4 seconds', undefined, 5000), {text: 'Up 4 seconds'});
	assert.deepEqual(containerStatusText('Exited (0) 3 seconds ago', {startedAt: 1}, 5000), {
		text: 'Exited (0) 3 seconds ago',
	});
	assert.ok(statusIsRelative('Up 2 hours (healthy)') && statusIsRelative('Exited (2) 5 weeks ago'));
	assert.ok(!statusIsRelative('Created') && !statusIsRelative('Dead'));
});

test('containerTimes reads State.StartedAt and FinishedAt (nanoseconds; Go zero time: not set)', () => {
	const state = (StartedAt: string, FinishedAt: string) => ({State: {StartedAt, FinishedAt}}) as never;
	assert.deepEqual(containerTimes(state('2026-12-02T18:18:36.123456789Z', '0001-01-01T00:00:00Z')), {
		startedAt: Date.UTC(2026, 11, 2, 18, 18, 36, 123) / 1000,
		finishedAt: undefined,
	});
	assert.deepEqual(containerTimes(state('0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z')), {
		startedAt: undefined,
		finishedAt: undefined,
	});
});
