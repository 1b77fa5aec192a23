/** Debian's Chromium for the audit, kept off the network. */
import { existsSync } from 'node:fs';

/** Debian's full Chromium (the browser residents use), under the names distributions give it. */
const FULL_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
/**
 * Debian's Chromium headless shell (package chromium-headless-shell): the same version and engine without the
 * browser around it, the build Playwright itself runs headless. It needs about a third less CPU per page.
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * Where Chromium is: CHROME_PATH, else Debian's /usr/bin/chromium, else its headless shell. Throws with install
 * instructions otherwise, naming what needs it ("The audit", "Printing to PDF", "The browser tests").
 */
export function chromiumPath(who = 'The audit'): string {
  const candidates = [process.env.CHROME_PATH, ...FULL_CHROMIUM, HEADLESS_SHELL].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `${who} needs Chromium but found none at CHROME_PATH, /usr/bin/chromium or ${HEADLESS_SHELL}. ` +
        'Install it with "sudo apt-get install -y chromium" (Debian/Ubuntu), or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

/**
 * Chromium flags for an audit that stays on this machine: no background services (updates, sync, safe
 * browsing, metrics), no QUIC, and a host resolver that only knows localhost.
 */
export const OFFLINE_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--metrics-recording-only',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;

/** True for addresses on this machine (and data:/blob: URLs, which are not requests). */
export function isLocalUrl(url: string): boolean {
  return LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:');
}
