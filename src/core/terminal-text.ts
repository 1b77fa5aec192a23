/**
 * Untrusted text made safe for a maintainer's terminal. Editors' values, commit subjects, author names and file
 * names reach `buurt check`, `buurt guard` and every other command's output; printed raw, an ESC or C1 sequence
 * could recolour or clear the screen, move the cursor, set the window title or write the clipboard (OSC 52), a
 * CR could overwrite a line ("FAIL" becoming "ok"), a newline could forge a line of the report, and a 1 MB value
 * would print a 1 MB line.
 *
 * Characters a terminal may act on are written as JSON-style escapes (`\u001b`, `\r`, `\n`), so the escaped text
 * stays valid inside a JSON string and reads the same; long text is shortened in the middle, saying how much was
 * left out. `scripts/buurt.ts` passes everything the commands print through `escapeTerminalOutput`; formatters
 * that put an untrusted value inside a line use `terminalValue`, which also escapes newlines and tabs.
 */

/**
 * Characters that are not shown but acted on: C0 controls, DEL, C1 controls (0x9b is CSI, 0x9d OSC), the bidi
 * controls that reorder text on screen ("Trojan source"), and the line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;
/** The same, but newline and tab may stay: for whole output that is made of lines. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNSAFE_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function escapeCharacter(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** True when `text` holds a character a terminal would act on instead of showing (newline and tab included). */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** `text` with every control character escaped: "a\u001b[2Jb" is shown as `a\u001b[2Jb`, a newline as `\n`. */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/**
 * `text` of at most about `max` characters: longer text keeps its start and end around
 * " … [12345 characters left out] … ". Never splits a surrogate pair.
 */
export function shortenMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.max(1, Math.floor(max / 2));
  let head = text.slice(0, half);
  let tail = text.slice(text.length - half);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
  return `${head} … [${text.length - head.length - tail.length} characters left out] … ${tail}`;
}

/** The default length of one untrusted value inside a line of output. */
export const MAX_VALUE_LENGTH = 300;
/** The longest line `escapeTerminalOutput` lets through unshortened. */
export const MAX_LINE_LENGTH = 2000;

/**
 * An untrusted value for use inside one line of output: shortened to about `max` characters, then every control
 * character escaped (newlines and tabs too, so a value can never start a line of its own).
 */
export function terminalValue(value: string, max = MAX_VALUE_LENGTH): string {
  return escapeControlCharacters(shortenMiddle(value, max));
}

export interface TerminalOutputOptions {
  /** Shorten lines longer than this (default `MAX_LINE_LENGTH`); `false` keeps them whole (JSON output). */
  maxLineLength?: number | false;
}

/**
 * Text about to be printed: control characters escaped except newline and tab, and (unless turned off) each
 * line longer than `maxLineLength` shortened in the middle. Escapes are JSON escapes, so JSON output stays
 * valid JSON with the same values.
 */
export function escapeTerminalOutput(text: string, options: TerminalOutputOptions = {}): string {
  const max = options.maxLineLength ?? MAX_LINE_LENGTH;
  const escaped = text.replace(UNSAFE_IN_OUTPUT, escapeCharacter);
  if (max === false || escaped.length <= max) return escaped;
  return escaped
    .split('\n')
    .map((line) => shortenMiddle(line, max))
    .join('\n');
}
