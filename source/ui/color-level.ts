/**
 * Ink styles text with chalk, and chalk turns every style off (even bold and reverse video) when a CI
 * variable exists at all, CI=false included. The UI decides about colour itself (theme.tone honours
 * NO_COLOR and --no-color); here we only make sure a real terminal gets styles: reverse video marks the
 * selected row even without colour.
 */
import chalk from 'chalk';

export function ensureStyles(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): void {
	if (!stream.isTTY || env.TERM === 'dumb') return;
	if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return;
	if (chalk.level > 0) return;
	chalk.level = env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : /256/.test(env.TERM ?? '') ? 2 : 1;
}
