// Build-time stand-in for the `string-width` package that Ink and tsdock measure every cell with. It widens the
// package's own fast path: besides printable ASCII, the few single-column symbols tsdock draws with (box
// drawing, ·, ›, ●, …, arrows, ✓, ▌, ␛, ⏎) are measured as one column each without Intl.Segmenter and the
// large Unicode-property regexes, whose first use costs tens of milliseconds at start-up. Anything else goes to
// the real package unchanged. Colour codes are skipped the way the package skips them.
//
// The real package is required on first use, not imported: esbuild then wraps it to run on that first call, and
// its module body (an Intl.Segmenter and Unicode-property regexes built at load) no longer runs at start-up:
// about 15 ms when nothing on the first screen needs it.
let real;
function realStringWidth(input, options) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require esbuild runs on first call, see above
	real ??= require('string-width?real').default;
	return real(input, options);
}

// Printable ASCII, Latin-1 middle dot, and symbols that are narrow (East Asian Width N or A, ambiguous = narrow).
const simple =
	/^[\u0020-\u007E\u00B7\u2026\u203A\u2190-\u2193\u2500-\u257F\u2580-\u259F\u25CF\u25CB\u2713\u241B\u23CE]*$/;

// Colour and style codes (SGR), which Ink measures styled text with.
// eslint-disable-next-line no-control-regex -- SGR codes start with ESC
const sgr = /\u001B\[[\d;:]*m/g;

export default function stringWidth(input, options = {}) {
	if (typeof input === 'string' && options.ambiguousIsNarrow !== false && !options.countAnsiEscapeCodes) {
		const text = input.includes('\u001B') ? input.replace(sgr, '') : input;
		if (simple.test(text)) return text.length;
	}
	return realStringWidth(input, options);
}
