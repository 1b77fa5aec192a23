/**
 * The editors' notification of a submission: what came in, from whom (only here: the name and address never
 * reach git or the site), whether the spam check was solved, and links to the draft and the review board.
 */
import type { MailMessage } from '../function-runtime/mail.ts';
import type { ParticipationForm } from './forms.ts';

export interface Notification {
  form: ParticipationForm;
  buurtName: string;
  /** The buurt's `email`, where editors read. */
  to: string;
  /** The site's address without a slash at the end: "https://voorbeeldwijk.nl". */
  siteUrl: string;
  sender: { name: string; email: string; phone?: string | undefined };
  title?: string;
  /** For a draft: its collection and slug. */
  draft?: { collection: string; slug: string };
  verified: boolean;
  /** The help offer's text (helpen only). */
  help?: { text: string; connector: boolean };
}

const KIND: Record<ParticipationForm, string> = {
  activiteit: 'activiteit',
  nieuwtje: 'nieuwtje of tip',
  helpen: 'aanbod om te helpen',
  prikbord: 'oproep voor het prikbord',
};

/** The notification mail. Replying goes to the resident. */
export function notificationMail(n: Notification): MailMessage {
  const lines: string[] = [];
  const subject =
    n.form === 'helpen' ? `[${n.buurtName}] Iemand wil helpen: ${n.sender.name}` : `[${n.buurtName}] Nieuwe ${KIND[n.form]} ingestuurd: ${n.title ?? ''}`;
  if (n.form === 'helpen') {
    lines.push(`${n.sender.name} wil helpen in ${n.buurtName}${n.help?.connector ? ' en wil graag buurtverbinder worden' : ''}.`, '', n.help?.text ?? '', '');
  } else {
    lines.push(
      `Een bewoner heeft via de buurtsite een ${KIND[n.form]} ingestuurd: “${n.title}”.`,
      'Het staat als concept op het redactiebord. Er is nog niets gepubliceerd: dat doen jullie, als het goed is.',
      '',
    );
  }
  lines.push(`Van: ${n.sender.name} <${n.sender.email}>`);
  if (n.sender.phone) lines.push(`Telefoon: ${n.sender.phone}`);
  lines.push('Beantwoord deze mail om de inzender te schrijven.', '');
  lines.push(
    n.verified ? 'Controle tegen spam: gelukt.' : 'Controle tegen spam: niet gedaan (verstuurd zonder JavaScript). Kijk extra goed of het echt is.',
    '',
  );
  if (n.draft) {
    lines.push(
      `Bekijken en bewerken: ${n.siteUrl}/admin/#/collections/${n.draft.collection}/entries/${n.draft.slug}`,
      `Redactiebord: ${n.siteUrl}/admin/#/workflow`,
      '',
      'Afwijzen is het concept verwijderen op het redactiebord. Publiceren gaat zoals altijd: zet het op “Klaar” en publiceer.',
      '',
    );
  }
  lines.push(
    'De naam, het e-mailadres en het telefoonnummer van de inzender staan alleen in deze mail, niet op de site en niet in de geschiedenis van de site. Bewaar deze mail niet langer dan nodig.',
  );
  return { to: n.to, subject, text: lines.join('\n'), replyTo: `"${n.sender.name.replace(/["\\\r\n]/g, '')}" <${n.sender.email}>` };
}
