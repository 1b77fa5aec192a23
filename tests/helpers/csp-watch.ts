/**
 * Records every Content-Security-Policy violation in a browser context, in every frame: the
 * `securitypolicyviolation` event (reported through a binding, which works in iframes too) and Chromium's
 * console messages ("Refused to …"). Also records console errors about Permissions-Policy features Chromium
 * does not know.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface CspWatch {
  /** One line per violation: "<page> <directive> blocked <url> (<source>:<line>)". */
  violations: string[];
  /** Console errors about the Permissions-Policy header. */
  policyErrors: string[];
  /** Starts recording the console of `page` (call for each page opened). */
  watch(page: Page): void;
}

export async function watchCsp(context: BrowserContext): Promise<CspWatch> {
  const violations: string[] = [];
  const policyErrors: string[] = [];
  await context.exposeBinding('__reportCspViolation', ({ frame }, v: Record<string, string>) => {
    violations.push(`${frame.url()} ${v.directive} blocked ${v.blocked || '(inline)'} (${v.source}:${v.line}) ${v.sample}`.trim());
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        (window as unknown as { __reportCspViolation(v: Record<string, string>): void }).__reportCspViolation({
          directive: event.violatedDirective,
          blocked: event.blockedURI,
          source: event.sourceFile,
          line: String(event.lineNumber),
          sample: event.sample,
        });
      },
      true,
    );
  });
  return {
    violations,
    policyErrors,
    watch(page) {
      page.on('console', (message) => {
        const text = message.text();
        if (/Refused to|Content Security Policy/i.test(text)) violations.push(`${page.url()} console: ${text}`);
        if (/Permissions-Policy|Feature Policy/i.test(text)) policyErrors.push(text);
      });
    },
  };
}
