/**
 * The ALTCHA widget on the /meedoen/ forms, served from the site itself (bundled by Astro into /_astro/): its
 * "external" build injects no styles and starts no inline workers, so the page's CSP needs only
 * `script-src 'self'` and `worker-src 'self'`. The SHA-256 solver runs in a worker file of our own origin.
 */
import 'altcha/external';
import 'altcha/i18n/nl';
import 'altcha/altcha.css';
import shaWorker from 'altcha/workers/sha?url';

(globalThis as unknown as { $altcha: { algorithms: Map<string, () => Worker> } }).$altcha.algorithms.set('SHA-256', () => new Worker(shaWorker));
