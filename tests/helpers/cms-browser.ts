/**
 * Steps of an editor in the real /admin/ (Decap CMS in Chromium), shared by the CMS browser tests.
 */
import type { Page } from 'playwright-core';
import type { TestBrowser } from './browser.ts';
import type { CmsRepo } from './cms.ts';

/** A desktop screen, and a phone (390 px wide, touch) as many volunteers use. */
export const DESKTOP = { viewport: { width: 1280, height: 1000 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Opens /admin/ and logs in to the local backend (no password: it answers the site’s own origin only). */
export async function openAdmin(browser: TestBrowser, cms: Pick<CmsRepo, 'editing'>, options: { timezoneId?: string; phone?: boolean } = {}) {
  const opened = await browser.newPage({ timezoneId: options.timezoneId ?? 'Europe/Amsterdam', ...(options.phone ? PHONE : DESKTOP) });
  // Generous: the 5 MB CMS on a busy 2-core machine, maybe next to a rebuild.
  opened.page.setDefaultTimeout(120_000);
  opened.page.setDefaultNavigationTimeout(120_000);
  const dialogs: string[] = [];
  opened.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await opened.page.goto(`${cms.editing.url}/admin/`);
  const login = opened.page.getByRole('button', { name: 'Inloggen' });
  await (options.phone ? login.tap() : login.click());
  await opened.page.getByRole('link', { name: 'Nieuws' }).first().waitFor();
  return { ...opened, dialogs };
}

/** Saves the open entry and waits for Decap's confirmation. */
export async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await page.getByText('Item opgeslagen').last().waitFor();
}

/** Moves the open entry to a workflow status through the toolbar's status menu. */
export async function setStatus(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('button', { name: `Status: ${from}` }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByRole('button', { name: `Status: ${to}` }).waitFor();
}

/** Publishes the open entry (status must be "Klaar"). */
export async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Nu publiceren' }).click();
  await page.getByText('Item gepubliceerd').last().waitFor();
}

/**
 * Opens a collapsed optional group (Decap's object widget) by its label, e.g. "Herhaling": the "Openklappen"
 * button in the group's own top bar (the first in it: lists inside the group have their own), whatever other
 * groups the form has.
 */
export function groupToggle(page: Page, label: string) {
  return page
    .locator(`xpath=//*[normalize-space(text())="${label}"]/ancestor::*[.//button[@aria-label="Openklappen"]][1]//button[@aria-label="Openklappen"]`)
    .first();
}
