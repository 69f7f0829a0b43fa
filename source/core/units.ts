/** Number formats shared by the CLI output and the TUI. Pure functions. */

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.4g`: four significant digits, no trailing zeros. */
function goG4(value: number): string {
	return String(Number(value.toPrecision(4)));
}

/** Sizes exactly as the docker CLI prints them (go-units HumanSize: decimal, 4 significant digits). */
export function humanSize(bytes: number): string {
	let size = bytes;
	let unit = 0;
	while (size >= 1000 && unit < decimalUnits.length - 1) {
		size /= 1000;
		unit++;
	}
	return `${goG4(size)}${decimalUnits[unit]}`;
}

/** "1.985MB (50%)" as in the RECLAIMABLE column of `docker system df`. */
export function reclaimableText(reclaimable: number, total: number, withPercent = true): string {
	if (withPercent && total > 0) return `${humanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)`;
	return humanSize(reclaimable);
}

/** go-units HumanDuration, as used for "Created 2 hours ago". */
export function humanDuration(totalSeconds: number): string {
	const seconds = Math.trunc(totalSeconds);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${Math.trunc(seconds)} seconds`;
	const minutes = Math.trunc(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(totalSeconds / 3600 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
	return `${Math.trunc(Math.trunc(totalSeconds / 3600) / 24 / 365)} years`;
}

/** "3 hours ago" from a Unix time in seconds. */
export function ago(unixSeconds: number, now = Date.now() / 1000): string {
	return `${humanDuration(Math.max(0, now - unixSeconds))} ago`;
}

/** Parse a `since` value: a duration like 10m / 2h / 1h30m / 45s, or an RFC 3339 time, to Unix seconds. */
export function parseSince(text: string, now = Date.now()): number | undefined {
	const value = text.trim();
	if (value === '') return undefined;
	const duration = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
	if (duration && value !== '') {
		const [, d = '0', h = '0', m = '0', s = '0'] = duration;
		const seconds = Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
		return Math.floor(now / 1000) - seconds;
	}
	if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
		const time = Date.parse(value);
		if (!Number.isNaN(time)) return Math.floor(time / 1000);
	}
	if (/^\d+$/.test(value)) return Number(value);
	return undefined;
}
