import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { emailSchema, HEX_COLOUR_PATTERN } from '../../src/model/schemas.ts';
import {
  DEFAULT_COLOURS,
  DEFAULT_TEMPLATE,
  NewBuurtError,
  TemplateError,
  createBuurt,
  newBuurtContext,
  normaliseDomain,
  siteHost,
  slugProblem,
  validateNewBuurt,
  type CreatedBuurt,
  type NewBuurtInput,
} from '../platform/new-buurt/new-buurt.ts';
import { displayPath } from '../../src/core/paths.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';

const FLAGS = {
  name: { type: 'string' },
  domain: { type: 'string' },
  email: { type: 'string' },
  primary: { type: 'string' },
  accent: { type: 'string' },
  'editor-name': { type: 'string' },
  'editor-email': { type: 'string' },
  'editor-username': { type: 'string' },
  template: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
} as const;

export const newCommand: Command = {
  name: 'new',
  usage: '<slug> [--name "…" --domain x.nl --email a@x.nl --primary #hex --accent #hex --editor-name "…" --editor-email … --template standaard --yes]',
  description: 'Create a new buurt in sites/<slug>/ from a template; asks for what is missing when run in a terminal.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, FLAGS);
    if (positionals.length > 1) throw new UsageError(`Give one name for the new buurt, not ${positionals.length}.`);
    const interactive = !values.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const context = await newBuurtContext();
    const slug = positionals[0] ?? '';

    let input: NewBuurtInput | undefined;
    if (interactive) {
      input = await askForInput(slug, values, context, process.stdin, process.stdout);
      if (!input) {
        console.log('Nothing was created.');
        return 1;
      }
    } else {
      if (!slug) throw new UsageError('Name the new buurt: buurt new <slug> (lower case letters, digits and dashes, like "oosterpark").');
      const missing = (['name', 'domain', 'email'] as const).filter((f) => !values[f]);
      if (missing.length) {
        throw new UsageError(
          `Without a terminal to ask in, give ${missing.map((f) => `--${f}`).join(', ')} (or run it in a terminal without --yes to be asked).`,
        );
      }
      if ((values['editor-name'] === undefined) !== (values['editor-email'] === undefined)) {
        throw new UsageError('Give both --editor-name and --editor-email for the first editor, or neither.');
      }
      input = inputFromFlags(slug, values);
    }

    let created: CreatedBuurt;
    try {
      created = await createBuurt(input);
    } catch (error) {
      if (error instanceof NewBuurtError) {
        console.error(`${error.message}\nNothing was created.`);
        return 1;
      }
      if (error instanceof TemplateError) {
        console.error(`The template is broken: ${error.message}\nNothing was created.`);
        return 1;
      }
      throw error;
    }
    console.log(nextSteps(created, input));
    return 0;
  },
};

type FlagValues = Partial<Record<keyof typeof FLAGS, string | boolean>>;

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function inputFromFlags(slug: string, values: FlagValues): NewBuurtInput {
  const editorName = text(values['editor-name']);
  const editorEmail = text(values['editor-email']);
  return {
    slug,
    name: text(values.name) ?? '',
    domain: text(values.domain) ?? '',
    email: text(values.email) ?? '',
    primary: text(values.primary),
    accent: text(values.accent),
    editor:
      editorName !== undefined || editorEmail !== undefined
        ? { name: editorName ?? '', email: editorEmail ?? '', username: text(values['editor-username']) }
        : undefined,
    template: text(values.template),
  };
}

/**
 * Asks in the terminal for everything not given as a flag, checking each answer at once, then shows the result
 * and asks to confirm. Returns undefined when the maintainer declines.
 */
export async function askForInput(
  slugArg: string,
  values: FlagValues,
  context: Awaited<ReturnType<typeof newBuurtContext>>,
  input: Readable,
  output: Writable,
): Promise<NewBuurtInput | undefined> {
  const rl = createInterface({ input, output, terminal: Boolean((output as { isTTY?: boolean }).isTTY) });
  const say = (line: string) => output.write(`${line}\n`);
  const ask = async (
    question: string,
    options: { initial?: string | undefined; fallback?: string; check?: (answer: string) => string | undefined; optional?: boolean },
  ) => {
    if (options.initial !== undefined) {
      const problem = options.check?.(options.initial);
      if (!problem) return options.initial;
      say(`  ${problem}.`);
    }
    for (;;) {
      const suffix = options.fallback ? ` [${options.fallback}]` : options.optional ? ' (Enter to skip)' : '';
      const answer = (await rl.question(`${question}${suffix}: `)).trim() || options.fallback || '';
      if (!answer && options.optional) return '';
      const problem = answer ? options.check?.(answer) : 'an answer is needed';
      if (!problem) return answer;
      say(`  ${problem}.`);
    }
  };
  try {
    say('A new buurt. Answer a few questions; everything can be changed later in site.yaml or the CMS.\n');
    const slug = await ask('Folder name (lower case, digits, dashes)', { initial: slugArg || undefined, check: (s) => slugProblem(s, context.existing) });
    const name = await ask('Name of the buurt, as residents write it', { initial: text(values.name), fallback: titleCase(slug) });
    const domain = await ask('Domain of the site', {
      initial: text(values.domain),
      fallback: `${slug}.nl`,
      check: (d) =>
        validateNewBuurt({ slug, name, domain: d, email: 'a@b.nl' }, { ...context, existing: [], templates: [DEFAULT_TEMPLATE] }).find(
          (p) => p.field === 'domain',
        )?.message,
    });
    const email = await ask('Contact e-mail address shown on the site', {
      initial: text(values.email),
      fallback: `contact@${siteHost(normaliseDomain(domain))}`,
      check: (e) => (emailSchema.safeParse(e).success ? undefined : `"${e}" is not an e-mail address`),
    });
    const colour = (field: 'primary' | 'accent') => (c: string) =>
      validateNewBuurt({ slug, name, domain, email, [field]: c }, { ...context, existing: [], templates: [DEFAULT_TEMPLATE] }).find((p) => p.field === field)
        ?.message;
    const primary = await ask('Main colour (header, links)', { initial: text(values.primary), fallback: DEFAULT_COLOURS.primary, check: colour('primary') });
    const accent = await ask('Accent colour (highlights)', {
      initial: text(values.accent),
      fallback: DEFAULT_COLOURS.accent,
      check: (c) => (HEX_COLOUR_PATTERN.test(c) ? undefined : `"${c}" is not a colour; write it as #f2b84b`),
    });
    const editorName = await ask('First editor: name', { initial: text(values['editor-name']), optional: true });
    let editor: NewBuurtInput['editor'];
    if (editorName) {
      const editorEmail = await ask('First editor: e-mail for their commits (a no-reply address, not a private one)', {
        initial: text(values['editor-email']),
        check: (e) => (emailSchema.safeParse(e).success ? undefined : `"${e}" is not an e-mail address`),
      });
      const username = await ask('First editor: account name on the git host', { initial: text(values['editor-username']), optional: true });
      editor = { name: editorName, email: editorEmail, username: username || undefined };
    }
    const template =
      text(values.template) ??
      (context.templates.length > 1
        ? await ask(`Template (${context.templates.join(', ')})`, {
            fallback: DEFAULT_TEMPLATE,
            check: (t) => (context.templates.includes(t) ? undefined : `choose one of ${context.templates.join(', ')}`),
          })
        : DEFAULT_TEMPLATE);
    const result: NewBuurtInput = { slug, name, domain, email, primary, accent, editor, template };
    say(
      `\n  folder    sites/${slug}/\n  name      ${name}\n  domain    ${normaliseDomain(domain)}\n  e-mail    ${email}\n  colours   ${primary}, ${accent}\n  editor    ${editor ? `${editor.name} <${editor.email}>` : '(none yet)'}\n  template  ${template}\n`,
    );
    const confirm = (await rl.question('Create this buurt? [Y/n] ')).trim().toLowerCase();
    return confirm === '' || confirm === 'y' || confirm === 'j' || confirm === 'yes' || confirm === 'ja' ? result : undefined;
  } finally {
    rl.close();
  }
}

function titleCase(slug: string): string {
  return slug
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** What to do after `buurt new`: look at it, put it on Netlify, point the domain, invite editors. */
export function nextSteps(created: CreatedBuurt, input: NewBuurtInput): string {
  const host = created.domain.replace(/^https:\/\//, '');
  const www = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
  const hookSecret = `NETLIFY_BUILD_HOOK_${created.slug.toUpperCase().replace(/-/g, '_')}`;
  return [
    `Created ${displayPath(created.siteDir)}/ from the template "${created.template}" (${created.files.filter((f) => !f.endsWith('.gitkeep')).length} files).`,
    '',
    'Next steps:',
    `  1. Look at it:   npm run buurt -- build ${created.slug} && npm run buurt -- preview ${created.slug}`,
    `     Adjust the example news item and activity and the pages in content/paginas/ (or do it in the CMS later).`,
    `  2. Commit it:    git add sites/${created.slug} && git commit -m "Add buurt ${created.slug}" && git push`,
    `  3. Netlify site: add a new site from this repository and set the environment variable BUURT=${created.slug}`,
    '     (build command and publish folder come from netlify.toml; see docs/maintainers/ on Netlify).',
    `  4. Domain:       add ${host} and ${www} to the site, point their DNS at Netlify; HTTPS follows`,
    `     automatically, and ${www} and http:// redirect to ${created.domain}.`,
    `  5. Nightly:      create a build hook on the site and store its URL as the repository secret ${hookSecret}.`,
    `  6. Editors:      ${input.editor ? `give ${input.editor.name} access to the repository` : 'add editors to site.yaml and give them access to the repository'} and send them the CMS address ${created.domain}/admin/`,
    '     (see docs/maintainers/ on the CMS backends).',
    '',
    `The people starting this buurtsite: give them the stappenplan (Dutch) in docs/starten/README.md, from the first`,
    `meeting to a lively site, and the editors' handleiding in docs/redactie/ (also on the site at ${created.domain}/admin/handleiding/).`,
    `"npm run buurt -- report ${created.slug}" shows the next steps from the stappenplan as the buurt grows.`,
  ].join('\n');
}
