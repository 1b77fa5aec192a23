/**
 * Debian's Chromium driven by playwright-core, for tests that only a browser can prove. Every request that
 * leaves localhost is blocked and recorded, and page errors fail the test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from '../../scripts/audit/chromium.ts';

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own profile state) whose pages may only reach localhost. */
  newPage(options?: {
    timezoneId?: string;
    viewport?: { width: number; height: number };
    /** A phone: touch events, the mobile viewport meta tag honoured. */
    isMobile?: boolean;
    hasTouch?: boolean;
    /** false: a browser with JavaScript switched off (the forms' no-JS path). */
    javaScriptEnabled?: boolean;
  }): Promise<{ page: Page; context: BrowserContext; blocked: string[]; errors: Error[] }>;
  close(): Promise<void>;
}

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;

export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'buurt-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath('The browser tests'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // No --user-data-dir: Playwright refuses it and gives every launch a fresh temporary profile itself.
    ],
    // Playwright refuses --user-data-dir in args; launch() gives every browser a fresh temporary profile.
  });
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        timezoneId: options.timezoneId,
        viewport: options.viewport,
        locale: 'nl-NL',
        ...(options.isMobile ? { isMobile: true } : {}),
        ...(options.hasTouch ? { hasTouch: true } : {}),
        ...(options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {}),
      });
      const blocked: string[] = [];
      const errors: Error[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        blocked.push(url);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error));
      return { page, context, blocked, errors };
    },
    async close() {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
