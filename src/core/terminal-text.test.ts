import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, escapeTerminalOutput, hasControlCharacters, shortenMiddle, terminalValue } from './terminal-text.ts';

describe('terminal text', () => {
  it('escapes ESC, OSC, CR, C1 and bidi controls as JSON escapes, and keeps other text', () => {
    const hostile = 'a\x1b]52;c;aGFjaw==\x07b\rc\x9b31m\u202eé😀\n';
    expect(escapeControlCharacters(hostile)).toBe('a\\u001b]52;c;aGFjaw==\\u0007b\\rc\\u009b31m\\u202eé😀\\n');
    expect(JSON.parse(`"${escapeControlCharacters(hostile)}"`)).toBe(hostile);
    expect(hasControlCharacters(hostile)).toBe(true);
    expect(hasControlCharacters('Anna de Vries, café 😀')).toBe(false);
  });

  it('keeps newlines and tabs in whole output, and JSON output stays the same JSON', () => {
    expect(escapeTerminalOutput('regel 1\n\tregel 2\x1b[2J')).toBe('regel 1\n\tregel 2\\u001b[2J');
    const json = JSON.stringify({ subject: 'x\x9by\u2028z' }, null, 2);
    expect(JSON.parse(escapeTerminalOutput(json, { maxLineLength: false }))).toEqual({ subject: 'x\x9by\u2028z' });
  });

  it('shortens long text in the middle, saying how much was left out, without splitting a surrogate pair', () => {
    expect(shortenMiddle('abc', 10)).toBe('abc');
    expect(shortenMiddle('a'.repeat(1_000_000), 20)).toBe(`${'a'.repeat(10)} … [999980 characters left out] … ${'a'.repeat(10)}`);
    expect(shortenMiddle('😀'.repeat(10), 5)).toBe('😀 … [16 characters left out] … 😀');
    expect(terminalValue(`x\n${'y'.repeat(1000)}`, 10)).toBe('x\\nyyy … [992 characters left out] … yyyyy');
    const lines = escapeTerminalOutput(`kort\n${'z'.repeat(1_000_000)}`).split('\n');
    expect(lines[0]).toBe('kort');
    expect(lines[1]!.length).toBeLessThan(2100);
  });
});
