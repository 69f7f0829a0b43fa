/**
 * `npm run test:unit` sets TSDOCK_TEST_UNIT=1 (scripts/test.mjs). The helpers that start a system service call
 * this first, so a test file wrongly classified as a unit test (scripts/test-groups.mjs) fails at once, saying
 * what it tried to start, instead of needing root, Docker or tmux.
 */
export function refuseInUnitRun(what: string): void {
	if (process.env.TSDOCK_TEST_UNIT === '1')
		throw new Error(
			`a unit test may not start ${what}: this file belongs in the system tests (see scripts/test-groups.mjs; run it with npm test)`,
		);
}
