/**
 * The policies themselves: what public pages may load, and what the CMS policy allows for each git host
 * configured in site.yaml's optional `cms` key (read defensively: bad values never widen the policy).
 */
import { describe, expect, it } from 'vitest';
import { adminPolicy, cmsBackend, formatPolicy, NO_NEEDS, publicPolicy } from '../src/headers/csp.ts';
import { pageNeeds } from '../src/headers/headers.ts';

describe('publicPolicy', () => {
  it('allows only the site’s own images, styles and fetches, and scripts, forms or fonts only when a page has them', () => {
    expect(formatPolicy(publicPolicy(NO_NEEDS))).toBe(
      "default-src 'none'; img-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; upgrade-insecure-requests",
    );
    expect(formatPolicy(publicPolicy({ scripts: true, forms: true, manifest: true, fonts: true }))).toBe(
      "default-src 'none'; img-src 'self'; style-src 'self'; connect-src 'self'; script-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; upgrade-insecure-requests",
    );
  });

  it('reads what a page needs from its HTML, not counting JSON-LD data blocks as scripts', () => {
    expect(pageNeeds('<script type="application/ld+json">{"@type":"Event"}</script>', false)).toEqual(NO_NEEDS);
    expect(pageNeeds('<script src="/_astro/zoek.js" type="module"></script><form action="/zoeken/">', false)).toEqual({
      scripts: true,
      forms: true,
      manifest: false,
      fonts: false,
    });
    expect(pageNeeds('<link rel="manifest" href="/site.webmanifest">', true)).toEqual({ scripts: false, forms: false, manifest: true, fonts: true });
  });
});

describe('the CMS policy and site.yaml’s cms settings', () => {
  const connect = (cms: unknown) => adminPolicy(cms).get('connect-src');
  const images = (cms: unknown) => adminPolicy(cms).get('img-src');

  it('talks to GitHub by default', () => {
    expect(connect(undefined)).toEqual(["'self'", 'blob:', 'https://api.github.com']);
    expect(images(undefined)).toEqual(["'self'", 'blob:', 'https://avatars.githubusercontent.com']);
  });

  it('talks to the configured GitLab, Gitea or Forgejo instance and its OAuth endpoint', () => {
    expect(connect({ backend: 'gitlab', repo: 'buurten/oost' })).toEqual(["'self'", 'blob:', 'https://gitlab.com']);
    expect(connect({ backend: 'gitlab', base_url: 'https://git.buurtsites.nl', api_root: 'https://git.buurtsites.nl/api/v4' })).toEqual([
      "'self'",
      'blob:',
      'https://git.buurtsites.nl',
    ]);
    expect(connect({ backend: 'forgejo', base_url: 'https://codeberg.org', api_root: 'https://codeberg.org/api/v1' })).toEqual([
      "'self'",
      'blob:',
      'https://codeberg.org',
    ]);
    expect(images({ backend: 'gitea', base_url: 'https://codeberg.org' })).toEqual(["'self'", 'blob:', 'https://codeberg.org']);
    expect(connect({ backend: { name: 'github', api_root: 'https://github.example.org/api/v3' } })).toEqual(["'self'", 'blob:', 'https://github.example.org']);
    expect(connect({ backend: 'proxy', proxy_url: 'http://localhost:8081/api/v1' })).toEqual(["'self'", 'blob:', 'http://localhost:8081']);
    expect(cmsBackend({ backend: 'git-gateway' }).connect).toEqual([]);
  });

  it('ignores values that are not https addresses, so a typo or an injection cannot widen the policy', () => {
    for (const value of ['*', "https://x.nl 'unsafe-inline'", 'javascript:alert(1)', 'http://evil.example', 'data:', "'self'; script-src *", 42]) {
      const policy = formatPolicy(adminPolicy({ backend: 'gitlab', api_root: value, base_url: value }));
      expect(policy, String(value)).not.toMatch(/\*|evil|javascript|data:|script-src \*/);
      expect(policy.match(/script-src [^;]*/)![0]).toBe("script-src 'self' 'unsafe-eval'");
    }
  });
});
