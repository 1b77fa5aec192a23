/**
 * Records every Content-Security-Policy violation in a browser context, in every frame: the
 * `securitypolicyviolation` event (reported through a binding, which works in iframes too) and Chromium's
 * console messages ("Refused to …"), also from web workers. Also records console errors about
 * Permissions-Policy features Chromium does not know.
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

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
      const listen = (where: () => string) => (message: ConsoleMessage) => {
        const text = message.text();
        if (/Refused to|Content Security Policy|falling back to main thread/i.test(text)) violations.push(`${where()} console: ${text}`);
        if (/Permissions-Policy|Feature Policy/i.test(text)) policyErrors.push(text);
      };
      page.on(
        'console',
        listen(() => page.url()),
      );
      // Web workers (Pagefind's) run under the policy of their own script's response.
      page.on('worker', (worker) =>
        worker.on(
          'console',
          listen(() => `worker ${worker.url()}`),
        ),
      );
    },
  };
}
