import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../../src/model/content.ts';
import {
  TemplateError,
  escapeMarkdown,
  fillTemplateFile,
  normaliseDomain,
  placeholderValue,
  slugProblem,
  validateNewBuurt,
  type TemplateValues,
} from './new-buurt.ts';
import { renderMarkdown } from '../../../src/markdown/markdown.ts';

const values = (naam = 'Oosterpark'): TemplateValues => ({
  naam,
  domein: 'https://oosterpark.nl',
  host: 'oosterpark.nl',
  email: 'contact@oosterpark.nl',
  kleur_primair: '#1d5c8c',
  kleur_accent: '#f2b84b',
  // Tuesday 10 March 2026.
  today: { year: 2026, month: 3, day: 10 },
});

const context = { existing: ['oost'], domains: new Map([['oost', 'https://oostbuurt.nl']]), templates: ['standaard'] };
const valid = { slug: 'west', name: 'Westbuurt', domain: 'westbuurt.nl', email: 'contact@westbuurt.nl' };

describe('placeholders', () => {
  it('writes dates relative to today, optionally moved to a weekday', () => {
    expect(placeholderValue('datum', '+0', values())).toBe('2026-03-10');
    expect(placeholderValue('datum', '+21', values())).toBe('2026-03-31');
    expect(placeholderValue('datum', 'zaterdag+21', values())).toBe('2026-04-04');
    expect(placeholderValue('datum', 'dinsdag+0', values())).toBe('2026-03-10');
    expect(placeholderValue('datum_lang', 'zaterdag+21', values())).toBe('zaterdag 4 april 2026');
    expect(placeholderValue('datum', 'vrijdagmiddag+1', values())).toBeUndefined();
    expect(placeholderValue('bestaat_niet', undefined, values())).toBeUndefined();
  });

  it('quotes values in YAML, so any name stays exactly that name', () => {
    const hostile = 'Oost: "de" #1 \'buurt\' - *ster &co !tag {{email}}\nnieuwe regel';
    for (const naam of [hostile, 'true', 'null', '123', '- lijst', '@ap', '[a]', '{b: c}']) {
      const out = fillTemplateFile('site.yaml', '# comment stays\nname: "{{naam}}"\ndescription: De site van {{naam}}.\n', values(naam));
      expect(out.startsWith('# comment stays\n')).toBe(true);
      expect(parse(out)).toEqual({ name: naam, description: `De site van ${naam}.` });
    }
  });

  it('escapes values in markdown text, so a name never becomes markup', () => {
    const naam = '<script>alert(1)</script> *Oost* [link](javascript:x) & Co.';
    const out = fillTemplateFile(
      'content/paginas/welkom.md',
      '---\ntitle: "Welkom in {{naam}}"\n---\nWelkom in {{naam}}. Mail [{{email}}](mailto:{{email}}).\n',
      values(naam),
    );
    const parts = splitFrontMatter(out)!;
    expect(parse(parts.yaml)).toEqual({ title: `Welkom in ${naam}` });
    const html = renderMarkdown(parts.body).html;
    expect(html).toBe(
      '<p>Welkom in &lt;script&gt;alert(1)&lt;/script&gt; *Oost* [link](javascript:x) &amp; Co.. Mail <a href="mailto:contact@oosterpark.nl">contact@oosterpark.nl</a>.</p>',
    );
    expect(escapeMarkdown('a_b')).toBe('a\\_b');
  });

  it('refuses a placeholder outside a text value and an unknown placeholder, naming the file', () => {
    expect(() => fillTemplateFile('site.yaml', 'name: {{naam}}\n', values())).toThrow(TemplateError);
    expect(() => fillTemplateFile('site.yaml', 'name: {{naam}}\n', values())).toThrow(/site\.yaml: a placeholder is not inside a text value/);
    expect(() => fillTemplateFile('content/x.md', '---\ntitle: "{{titel}}"\n---\n', values())).toThrow('content/x.md: unknown placeholder {{titel}}');
    expect(() => fillTemplateFile('content/x.md', '---\ntitle: x\n---\n{{datum}}\n', values())).toThrow('unknown placeholder {{datum}}');
  });
});

describe('validating a new buurt', () => {
  it('accepts a good slug and refuses bad, reserved and existing ones', () => {
    expect(slugProblem('oosterpark', [])).toBeUndefined();
    expect(slugProblem('Oosterpark Zuid', [])).toBe(
      '"Oosterpark Zuid" cannot be used: use lower case letters, digits and single dashes, like "oosterpark-zuid"',
    );
    expect(slugProblem('roots', [])).toMatch(/reserved for the platform/);
    expect(slugProblem('a', [])).toMatch(/2 to 40 characters/);
    expect(slugProblem('oost', ['oost'])).toBe('there already is a buurt "oost" (sites/oost/); choose another name');
  });

  it('writes a domain as the schema wants it', () => {
    expect(normaliseDomain('Westbuurt.NL/')).toBe('https://westbuurt.nl');
    expect(normaliseDomain('https://westbuurt.nl')).toBe('https://westbuurt.nl');
    expect(normaliseDomain('http://westbuurt.nl')).toBe('http://westbuurt.nl');
  });

  it('accepts valid input', () => {
    expect(validateNewBuurt(valid, context)).toEqual([]);
    expect(validateNewBuurt({ ...valid, editor: { name: 'Anna', email: 'anna@users.noreply.github.com' } }, context)).toEqual([]);
  });

  it('reports every problem at once, per field', () => {
    expect(
      validateNewBuurt(
        {
          slug: 'oost',
          name: ' ',
          domain: 'http://www.oostbuurt.nl',
          email: 'geen-adres',
          primary: '#ffff00',
          accent: 'oranje',
          editor: { name: 'Anna', email: 'anna' },
          template: 'feestelijk',
        },
        context,
      ),
    ).toMatchInlineSnapshot(`
      [
        {
          "field": "slug",
          "message": "there already is a buurt "oost" (sites/oost/); choose another name",
        },
        {
          "field": "name",
          "message": "give the name of the buurt as residents write it, like "Oosterpark"",
        },
        {
          "field": "domain",
          "message": ""http://www.oostbuurt.nl" is not a domain; write it as https://voorbeeldwijk.nl (https, lower case, no path or slash at the end)",
        },
        {
          "field": "email",
          "message": ""geen-adres" is not an e-mail address",
        },
        {
          "field": "accent",
          "message": ""oranje" is not a colour; write it as six hex digits, like "#f2b84b"",
        },
        {
          "field": "primary",
          "message": "links in #ffff00 on white have a contrast of 1.1:1, less than the 4.5:1 residents with poor sight need; choose a darker colour",
        },
        {
          "field": "editor",
          "message": "email "anna" is not an e-mail address",
        },
        {
          "field": "template",
          "message": "there is no template "feestelijk"; choose one of standaard",
        },
      ]
    `);
  });

  it('refuses a domain another buurt already has, with or without www', () => {
    expect(validateNewBuurt({ ...valid, domain: 'www.oostbuurt.nl' }, context)).toEqual([
      { field: 'domain', message: 'oostbuurt.nl is already the domain of the buurt "oost"' },
    ]);
  });
});
