/**
 * The one text-field helper: what typing and Backspace do to the text of any text box (the filter, the tag
 * prompt, the log search/since prompt, the host name prompt). Pure.
 */

// Control characters never enter a text box: a pasted escape sequence must not reach the screen.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** The printable part of what was typed. */
export const printable = (input: string): string => input.replace(controls, '');

/** The text after typing `input`. */
export const typed = (text: string, input: string): string => text + printable(input);

/** The text after Backspace: one character (a whole code point) less. */
export const erased = (text: string): string => [...text].slice(0, -1).join('');
