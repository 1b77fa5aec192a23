/** Every Dutch text residents see on /meedoen/ and editors read in the notification mail, in one place. */
import type { ParticipationForm } from './forms.ts';

export const meedoenTexts = {
  title: 'Meedoen',
  intro: 'Organiseer je iets in de buurt, weet je nieuws, of wil je helpen? Laat het de redactie weten.',
  closed: 'Deze buurtsite neemt op dit moment geen inzendingen aan. Mail de redactie als je iets wilt melden.',
  privacy:
    'Openbaar wordt alleen wat je over de activiteit of het nieuwtje schrijft, en pas nadat de redactie het heeft bekeken. Je naam en e-mailadres zijn alleen voor de redactie en komen nooit op de site.',
  privacyPrikbord:
    'Op de site komen je oproep en je voornaam of bijnaam, nadat de redactie ze heeft bekeken. Je e-mailadres komt nooit op de site: reacties van buren krijg je per e-mail, en jij kiest of je terugmailt.',
  prikbordEmailHint: 'Hier krijg je reacties op je oproep, en een link om haar weg te halen. Het komt niet op de site.',
  privacyHelp: 'Je gegevens gaan alleen naar de redactie van de buurtsite, die contact met je opneemt. Er komt niets op de site.',
  forms: {
    activiteit: {
      title: 'Activiteit aanmelden',
      lead: 'Een activiteit voor de agenda: eenmalig of elke week, maand of om de week.',
      button: 'Activiteit versturen',
    },
    nieuwtje: {
      title: 'Nieuwtje of tip insturen',
      lead: 'Iets wat de buurt moet weten? De redactie maakt er misschien een bericht van.',
      button: 'Nieuwtje versturen',
    },
    prikbord: {
      title: 'Oproep op het prikbord',
      lead: 'Vraag je buren om hulp, of bied zelf iets aan: een klusje, iets lenen, een ritje, gezelschap.',
      button: 'Oproep versturen',
    },
    helpen: { title: 'Ik wil helpen', lead: 'Wil je een handje helpen, of buurtverbinder worden? De redactie neemt contact met je op.', button: 'Versturen' },
  } satisfies Record<ParticipationForm, { title: string; lead: string; button: string }>,
  aboutYou: 'Over jou',
  aboutYouHint: 'Zodat de redactie je iets kan vragen. Dit komt niet op de site.',
  required: '(verplicht)',
  optional: '(niet verplicht)',
  errorSummary: 'Er is een probleem',
  errorPrefix: 'Fout:',
  honeypot: 'Laat dit veld leeg',
  altchaLabel: 'Controle tegen spam',
  checkAgain: 'Controleer je inzending en verstuur haar nog een keer. Zonder JavaScript vragen we dat één keer, als controle tegen spam.',
  choosePhotoAgain: 'Kies je foto opnieuw: die stuurt de browser niet nog een keer mee.',
  thanksTitle: 'Dank je wel!',
  thanks:
    'Je inzending is binnen. De redactie bekijkt haar zo snel mogelijk en neemt contact op als er een vraag is. Het kan een paar dagen duren voordat iets op de site staat.',
  backToSite: 'Terug naar de voorpagina',
  linkFromAgenda: 'Organiseer je zelf iets? Meld je activiteit aan',
  linkFromNews: 'Weet je nieuws uit de buurt? Stuur het in',
  refusals: {
    tooLarge: 'Je inzending is te groot. Een foto mag hoogstens 10 MB zijn; kies een kleinere foto of laat de foto weg.',
    tooFast: 'Dat ging wel erg snel. Controleer je inzending en verstuur haar nog een keer.',
    proofMissing: 'De controle tegen spam is niet gelukt. Wacht tot er “Gecontroleerd” staat en verstuur opnieuw.',
    proofInvalid: 'De controle tegen spam is verlopen of ongeldig. Laad de pagina opnieuw en verstuur je inzending nog een keer.',
    rateLimited: 'Er zijn vanaf jouw adres net al een paar inzendingen verstuurd. Probeer het over een kwartier opnieuw.',
    dailyCap: 'Deze buurtsite heeft vandaag al veel inzendingen gekregen. Probeer het morgen opnieuw, of mail de redactie.',
    closed: 'Dit formulier is gesloten. Mail de redactie als je iets wilt melden.',
    failed: 'Het versturen is niet gelukt door een storing bij ons. Er is niets opgeslagen. Probeer het later opnieuw, of mail de redactie.',
  },
} as const;
