/** Debian's Chromium for the audit, kept off the network. */
import { existsSync } from 'node:fs';

/**
 * Where Chromium is: CHROME_PATH, or Debian's /usr/bin/chromium. Throws with install instructions otherwise,
 * naming what needs it ("The audit", "Printing to PDF").
 */
export function chromiumPath(who = 'The audit'): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `${who} needs Chromium but found none at CHROME_PATH or /usr/bin/chromium. ` +
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
