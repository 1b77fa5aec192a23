/**
 * Sharing without tracking: plain links that open WhatsApp, Facebook's share page or the resident's own
 * e-mail program with the page's address filled in. No script, button widget, pixel or embed from anyone
 * else is ever loaded; nothing happens until the resident taps a link. Copying the address needs no
 * JavaScript either: the page shows it in a labelled, read-only field.
 */
import { nl } from '../model/strings.ts';

export type ShareNetwork = 'whatsapp' | 'facebook' | 'email';

export interface ShareLink {
  network: ShareNetwork;
  href: string;
  /** The visible text, which says where the link goes: "Deel via WhatsApp". */
  label: string;
}

export interface Shareable {
  /** Absolute address of the page. */
  url: string;
  title: string;
  /** One or two sentences; used in the e-mail body. */
  summary?: string | undefined;
}

/** The share links of a page, in the order shown. */
export function shareLinks(item: Shareable): ShareLink[] {
  const enc = encodeURIComponent;
  const body = [item.summary, item.url].filter(Boolean).join('\n\n');
  return [
    { network: 'whatsapp', label: nl.share.whatsapp, href: `https://wa.me/?text=${enc(`${item.title} ${item.url}`)}` },
    { network: 'facebook', label: nl.share.facebook, href: `https://www.facebook.com/sharer/sharer.php?u=${enc(item.url)}` },
    { network: 'email', label: nl.share.email, href: `mailto:?subject=${enc(item.title)}&body=${enc(body)}` },
  ];
}
