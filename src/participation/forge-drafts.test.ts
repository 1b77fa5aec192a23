import { afterEach, describe, expect, it } from 'vitest';
import { loadRecording, replayServer, type Recording, type ReplayServer } from '../../tests/helpers/forge-replay.ts';
import { isPlatformError } from '../core/errors.ts';
import type { SiteConfig } from '../model/schemas.ts';
import { draftBackendFromEnv, SUBMISSION_AUTHOR } from './backends.ts';
import { DraftError, type DraftBackend, type DraftRequest } from './drafts.ts';
import type { ForgeDraftsOptions } from './forge-drafts/common.ts';
import { forgejoDrafts } from './forge-drafts/forgejo.ts';
import { githubDrafts } from './forge-drafts/github.ts';
import { gitlabDrafts } from './forge-drafts/gitlab.ts';

/** A token that must never show up in an error message. */
const TOKEN = 'tok_Zr7Qx1SECRETvalue0000buurt'; // buurt-secrets: allow (a made-up token for the replay server)

const entry = [
  '---',
  'title: Soep en praatje',
  'start: 2027-01-14T17:30',
  'submission:',
  '  received: 2026-12-02T21:00',
  '  verified: true',
  '---',
  '',
  'Soep voor iedereen.',
  '',
].join('\n');
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('photo bytes, re-encoded')]);
const activity: DraftRequest = {
  collection: 'agenda',
  slug: 'soep-en-praatje',
  files: [
    { path: 'sites/oost/content/agenda/soep-en-praatje.md', content: Buffer.from(entry) },
    { path: 'sites/oost/media/soep-en-praatje.jpg', content: photo },
  ],
  commitMessage: 'Activiteit “soep-en-praatje” ingestuurd door een bewoner (oost)\n\nBuurt-Inzending: activiteit',
};
const post = 'sites/oost/content/prikbord/fiets-te-leen.md';
const withdrawal = {
  collection: 'prikbord',
  slug: 'fiets-te-leen',
  paths: [post, 'sites/oost/media/fiets-te-leen.jpg'],
  commitMessage: 'Oproep “fiets-te-leen” ingetrokken door de plaatser (oost)',
};
const extension = {
  path: post,
  content: Buffer.from('---\ntitle: Fiets te leen\nvalidUntil: 2027-02-28\n---\n'),
  commitMessage: 'Oproep “fiets-te-leen” verlengd tot 2027-02-28 door de plaatser (oost)',
};

type Factory = (options: ForgeDraftsOptions) => DraftBackend;
interface Forge {
  name: string;
  factory: Factory;
  repo: string;
  prefix: string;
}

const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A backend of `forge` against a replay of its recorded `scenario`. */
async function replay(forge: Forge, scenario: string | Recording, overrides: Partial<ForgeDraftsOptions> = {}) {
  const recording = typeof scenario === 'string' ? await loadRecording(forge.name, scenario) : scenario;
  const server = await replayServer(recording, TOKEN, forge.prefix);
  servers.push(server);
  const backend = forge.factory({ repo: forge.repo, branch: 'main', apiRoot: server.apiRoot, token: TOKEN, author: SUBMISSION_AUTHOR, ...overrides });
  return { backend, server, recording };
}

/** Every recorded exchange was asked for, in order, and nothing else. */
function expectReplayed(server: ReplayServer) {
  expect(server.mismatches).toEqual([]);
  expect(server.remaining()).toEqual([]);
}

async function refusal(promise: Promise<unknown>): Promise<DraftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DraftError);
  const draftError = error as DraftError;
  expect(isPlatformError(draftError)).toBe(true);
  expect(`${draftError.message} ${draftError.hint ?? ''} ${draftError.stack ?? ''}`).not.toContain(TOKEN);
  return draftError;
}

const forges: Forge[] = [
  { name: 'github', factory: githubDrafts, repo: 'buurtsites/buurtsites', prefix: '' },
  { name: 'forgejo', factory: forgejoDrafts, repo: 'buurtsites/buurtsites', prefix: '/api/v1' },
  { name: 'gitlab', factory: gitlabDrafts, repo: 'buurtsites/buurtsites', prefix: '/api/v4' },
];

describe.each(forges)('$name drafts against recorded exchanges', (forge) => {
  it('creates a draft of an activity with its photo as Decap stores it', async () => {
    const { backend, server } = await replay(forge, 'create-draft');
    const draft = await backend.createDraft(activity);
    expect(draft.branch).toBe('cms/agenda/soep-en-praatje');
    expectReplayed(server);
  });

  it('tells a free name from one taken by a draft branch or a published file', async () => {
    const { backend, server } = await replay(forge, 'is-taken');
    const paths = (slug: string) => [`sites/oost/content/agenda/${slug}.md`, ...(slug === 'soep-en-praatje' ? [`sites/oost/media/${slug}.jpg`] : [])];
    expect(await backend.isTaken('agenda', 'soep-en-praatje', paths('soep-en-praatje'))).toBe(false);
    expect(await backend.isTaken('agenda', 'soep-en-praatje-2', paths('soep-en-praatje-2'))).toBe(true);
    expect(await backend.isTaken('agenda', 'soep-en-praatje-3', paths('soep-en-praatje-3'))).toBe(true);
    expectReplayed(server);
  });

  it('refuses a draft whose branch appeared meanwhile', async () => {
    const { backend, server } = await replay(forge, 'name-taken-on-create');
    const error = await refusal(backend.createDraft(activity));
    expect(error.message).toMatch(/already exists/);
    expectReplayed(server);
  });

  it('removes the branch again when opening the pull or merge request fails, and says why without the token', async () => {
    const { backend, server, recording } = await replay(forge, 'create-draft-pull-fails');
    const refused = recording.exchanges.find((exchange) => exchange.response.status >= 400)!;
    const error = await refusal(backend.createDraft(activity));
    expect(error.status).toBe(refused.response.status);
    expect(error.message).toContain(`refused POST ${new URL(server.apiRoot).pathname.replace(/\/$/, '')}${refused.request.path} (${refused.response.status})`);
    expectReplayed(server);
  });

  it('withdraws a draft by closing its pull request and deleting its branch', async () => {
    const { backend, server } = await replay(forge, 'remove-draft');
    expect(await backend.removeEntry(withdrawal)).toBe('draft');
    expectReplayed(server);
  });

  it('withdraws a published entry by deleting its files in one commit', async () => {
    const { backend, server } = await replay(forge, 'remove-published');
    expect(await backend.removeEntry(withdrawal)).toBe('published');
    expectReplayed(server);
  });

  it('writes nothing when there is nothing to withdraw', async () => {
    const { backend, server } = await replay(forge, 'remove-nothing');
    expect(await backend.removeEntry({ ...withdrawal, paths: [post] })).toBe('none');
    expectReplayed(server);
  });

  it('replaces a published file in one commit', async () => {
    const { backend, server } = await replay(forge, 'update-published');
    await backend.updatePublished(extension);
    expectReplayed(server);
  });

  it('reads a published file, and nothing for one that does not exist', async () => {
    const { backend, server } = await replay(forge, 'read-published');
    expect((await backend.readPublished(post))?.toString('utf8')).toBe('---\ntitle: Fiets te leen\nvalidUntil: 2027-01-31\n---\n');
    expect(await backend.readPublished('sites/oost/content/prikbord/weg.md')).toBeUndefined();
    expectReplayed(server);
  });

  it('says the token was refused, with a hint, never the token itself', async () => {
    const { backend, server } = await replay(forge, 'bad-token');
    const error = await refusal(backend.createDraft(activity));
    expect(error.status).toBe(401);
    expect(error.hint).toMatch(/not accepted/);
    expectReplayed(server);
  });

  it('fails against the recording when the code writes to another branch', async () => {
    const { backend, server } = await replay(forge, 'create-draft', { branch: 'master' });
    await refusal(backend.createDraft(activity));
    expect(server.mismatches.join('\n')).toMatch(/master/);
  });

  it('fails against the recording when a body field differs from what Decap sends', async () => {
    const recording = await loadRecording(forge.name, 'create-draft');
    const tampered: Recording = JSON.parse(JSON.stringify(recording).replaceAll('door een bewoner', 'door een redacteur'));
    const { backend, server } = await replay(forge, tampered);
    await refusal(backend.createDraft(activity));
    expect(server.mismatches.join('\n')).toMatch(/body\.\w+ is "Activiteit “soep-en-praatje” ingestuurd door een bewoner/);
  });
});

// GitLab sets the label when it opens the merge request: there is no separate step that can fail.
describe.each(forges.filter((forge) => forge.name !== 'gitlab'))('$name drafts with a separate label step', (forge) => {
  it('closes the pull request and removes the branch when the status label fails', async () => {
    const { backend, server } = await replay(forge, 'create-draft-label-fails');
    const error = await refusal(backend.createDraft(activity));
    expect(error.status).toBe(403);
    expect(error.hint).toMatch(/BUURT_DRAFTS_TOKEN may lack a permission/);
    expectReplayed(server);
  });
});

describe('github drafts', () => {
  it('says what may be left behind when removing the new branch fails too', async () => {
    const { backend, server } = await replay(forges[0]!, 'create-draft-cleanup-fails');
    const error = await refusal(backend.createDraft(activity));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(
      /\(422\): Validation Failed\. Removing the branch cms\/agenda\/soep-en-praatje failed as well \(.*\(500\): Server Error\); it may be left behind/,
    );
    expectReplayed(server);
  });
});

describe('forgejo drafts', () => {
  it("creates the status label with Decap's colour when the repository has none yet", async () => {
    const { backend, server } = await replay(forges[1]!, 'create-draft-label-created');
    await backend.createDraft(activity);
    expectReplayed(server);
  });
});

describe('draftBackendFromEnv', () => {
  const site = (cms: SiteConfig['cms']) => ({ name: 'Oost', cms }) as SiteConfig;
  const github = { backend: 'github', repo: 'buurtsites/buurtsites', branch: 'main', base_url: 'https://oauth.example' } as const;

  it('names the environment variable when the token is missing', () => {
    expect(() => draftBackendFromEnv(site(github), 'oost', {})).toThrowErrorMatchingInlineSnapshot(
      `[DraftError: Submissions for oost go to github as drafts, but the function has no token: BUURT_DRAFTS_TOKEN is not set.]`,
    );
  });

  it('refuses a buurt on Gitea, whose CMS has no editorial workflow', () => {
    const gitea = { backend: 'gitea', repo: 'a/b', branch: 'main', app_id: 'x', api_root: 'https://gitea.example/api/v1' } as const;
    expect(() => draftBackendFromEnv(site(gitea), 'oost', { BUURT_DRAFTS_TOKEN: TOKEN })).toThrow(/no editorial workflow on gitea/);
  });

  it('talks to the Forgejo API named in site.yaml, with the token from the environment', async () => {
    const server = await replayServer(await loadRecording('forgejo', 'read-published'), TOKEN, '/api/v1');
    servers.push(server);
    const forgejo = { backend: 'forgejo', repo: 'buurtsites/buurtsites', branch: 'main', app_id: 'x', api_root: server.apiRoot } as const;
    const backend = draftBackendFromEnv(site(forgejo), 'oost', { BUURT_DRAFTS_TOKEN: TOKEN });
    expect(backend.name).toBe('Forgejo');
    expect(await backend.readPublished(post)).toBeDefined();
    expect(await backend.readPublished('sites/oost/content/prikbord/weg.md')).toBeUndefined();
    expectReplayed(server);
  });

  it('talks to the GitLab API named in site.yaml', async () => {
    const server = await replayServer(await loadRecording('gitlab', 'remove-nothing'), TOKEN, '/api/v4');
    servers.push(server);
    const gitlab = { backend: 'gitlab', repo: 'buurtsites/buurtsites', branch: 'main', app_id: 'x', api_root: server.apiRoot } as const;
    const backend = draftBackendFromEnv(site(gitlab), 'oost', { BUURT_DRAFTS_TOKEN: TOKEN });
    expect(await backend.removeEntry({ ...withdrawal, paths: [post] })).toBe('none');
    expectReplayed(server);
  });

  it('picks the GitHub backend with the token', () => {
    expect(draftBackendFromEnv(site(github), 'oost', { BUURT_DRAFTS_TOKEN: TOKEN }).name).toBe('GitHub');
  });
});
