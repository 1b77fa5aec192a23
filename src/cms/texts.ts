/**
 * Every Dutch text an editor sees in /admin/ that Decap CMS does not bring itself, in one place: the names of
 * the collections, a label and a hint for every field of the content model, commit messages, and our own
 * additions to Decap's Dutch interface.
 *
 * Field texts are looked up by path, most specific first: "agenda.image.alt", then "image.alt", then "alt"
 * (see `fieldText`). The generator refuses a schema field without a label, so a new field in `schemas.ts`
 * cannot reach editors unlabelled.
 */

export interface FieldText {
  label: string;
  hint?: string;
}

/** Names of the collections in the CMS menu: the plural, and the singular used in buttons and commit messages. */
export const collectionTexts = {
  nieuws: { label: 'Nieuws', singular: 'Nieuwsbericht', description: 'Berichten over wat er speelt in de buurt. Het nieuwste staat bovenaan op de site.' },
  agenda: { label: 'Agenda', singular: 'Activiteit', description: 'Activiteiten in de buurt, eenmalig of terugkerend. Tijden zijn Nederlandse tijd.' },
  groepen: { label: 'Groepen', singular: 'Groep', description: 'Groepen en clubs in de buurt waar bewoners aan mee kunnen doen.' },
  mensen: { label: 'Wie helpt', singular: 'Persoon', description: 'Buurtverbinders, wijkprofessionals en vrijwilligers bij wie bewoners terecht kunnen.' },
  paginas: {
    label: "Pagina's",
    singular: 'Pagina',
    description: "Vaste pagina's zoals Over de buurt, Contact en Privacy. De pagina “welkom” is de tekst bovenaan de voorpagina.",
  },
  prikbord: {
    label: 'Prikbord',
    singular: 'Oproep',
    description:
      'Vraag & aanbod: bewoners vragen en bieden hulp. Oproepen komen via /meedoen/ binnen en verdwijnen vanzelf na hun laatste dag. Het e-mailadres van de bewoner staat nooit hier.',
  },
  nieuwsbrief: {
    label: 'Nieuwsbrief',
    singular: 'Nieuwsbrief',
    description: 'De groet van de redactie bovenaan de nieuwsbrief. De rest van de nieuwsbrief maakt de site zelf uit het nieuws, de agenda en het prikbord.',
  },
  groet: { label: 'Groet van de redactie', singular: 'Groet van de redactie' },
  instellingen: { label: 'Instellingen', singular: 'Instellingen', description: 'Naam, kleuren, menu en links van de buurtsite.' },
  site: { label: 'Buurtsite', singular: 'Buurtsite' },
} as const;

/** Field labels and hints, by path (see the module comment). */
export const fieldTexts: Readonly<Record<string, FieldText>> = {
  // Shared by several collections.
  title: { label: 'Titel', hint: 'Kort en duidelijk. De naam van het bestand (en het webadres) komt uit de titel.' },
  name: { label: 'Naam' },
  summary: { label: 'Samenvatting', hint: 'Eén of twee zinnen. Deze tekst staat in overzichten en zoekresultaten.' },
  body: { label: 'Tekst', hint: 'De volledige tekst. Kopjes, vet, lijstjes, links en foto’s kunnen; HTML wordt weggefilterd.' },
  tags: { label: 'Onderwerpen', hint: 'Losse woorden in kleine letters, gescheiden door komma’s, bijvoorbeeld: tuin, kinderen.' },
  topics: { label: 'Onderwerpen', hint: 'Losse woorden in kleine letters, gescheiden door komma’s, bijvoorbeeld: eenzaamheid, geldzaken.' },
  draft: { label: 'Verbergen op de site', hint: 'Zet dit aan om het (nog) niet te tonen, ook niet na publiceren.' },
  image: { label: 'Foto', hint: 'Niet verplicht. De site maakt de foto kleiner en haalt locatiegegevens eruit.' },
  'image.src': { label: 'Fotobestand', hint: 'Kies een foto (JPEG, PNG of WebP). Geen foto’s van mensen zonder hun toestemming.' },
  'image.alt': { label: 'Beschrijving van de foto', hint: 'Wat is er te zien? Voor mensen die de foto niet kunnen zien.' },
  photo: { label: 'Foto', hint: 'Niet verplicht. Alleen met toestemming van de persoon zelf.' },
  'photo.src': { label: 'Fotobestand', hint: 'Kies een foto (JPEG, PNG of WebP).' },
  'photo.alt': { label: 'Beschrijving van de foto', hint: 'Bijvoorbeeld: “Anna lacht naar de camera”.' },
  contact: { label: 'Contact', hint: 'Alles wat je hier invult, staat openbaar op de site.' },
  'contact.email': { label: 'E-mailadres', hint: 'Bijvoorbeeld: moestuin@voorbeeldwijk.nl' },
  'contact.phone': { label: 'Telefoonnummer', hint: 'Bijvoorbeeld: 020 123 45 67 of 06 12345678' },
  'contact.website': { label: 'Website', hint: 'Begint met https://' },

  submission: {
    label: 'Ingestuurd door een bewoner',
    hint: 'Via het formulier op /meedoen/. Naam en e-mailadres van de inzender staan alleen in de melding aan de redactie, niet hier.',
  },
  'submission.received': { label: 'Ontvangen op', hint: 'Nederlandse tijd.' },
  'submission.verified': { label: 'Controle tegen spam gelukt', hint: 'Uit: verstuurd zonder JavaScript; kijk extra goed of het echt is.' },

  // Nieuws.
  'nieuws.date': { label: 'Datum', hint: 'De datum van het bericht. Een datum in de toekomst verschijnt pas op die dag.' },
  'nieuws.publishAt': { label: 'Later publiceren op', hint: 'Niet verplicht. Het bericht verschijnt pas vanaf dit moment (Nederlandse tijd).' },

  // Agenda.
  'agenda.start': {
    label: 'Begint op',
    hint: 'Datum en tijd zoals in Nederland, ook als je computer in een andere tijdzone staat. Bij “hele dag” telt alleen de datum.',
  },
  'agenda.end': { label: 'Eindigt op', hint: 'Niet verplicht. Na het begin; Nederlandse tijd.' },
  'agenda.allDay': { label: 'Hele dag', hint: 'Zet aan voor een activiteit zonder tijden, zoals een markt of een opruimweek.' },
  'agenda.location': { label: 'Plaats' },
  'agenda.location.name': { label: 'Naam van de plek', hint: 'Bijvoorbeeld: Buurthuis De Kroon' },
  'agenda.location.address': { label: 'Adres', hint: 'Niet verplicht. Bijvoorbeeld: Kroonstraat 12, 1234 AB Voorbeeld' },
  'agenda.group': { label: 'Georganiseerd door', hint: 'Niet verplicht. Kies een groep uit de buurt.' },
  'agenda.organiser': { label: 'Organisator', hint: 'Niet verplicht. Wie het organiseert, als dat geen groep uit de lijst is.' },
  'agenda.registration': { label: 'Aanmelden via', hint: 'Niet verplicht. Een webadres (https://…) of een e-mailadres.' },
  'agenda.cost': { label: 'Kosten', hint: 'Niet verplicht. Bijvoorbeeld: Gratis, € 2,50' },
  'agenda.recurrence': { label: 'Herhaling', hint: 'Alleen voor activiteiten die vaker zijn. Laat leeg voor een eenmalige activiteit.' },
  'agenda.recurrence.frequency': { label: 'Hoe vaak', hint: 'Herhaalt vanaf de begindatum, op dezelfde dag van de week.' },
  'agenda.recurrence.weekOfMonth': { label: 'Welke week van de maand', hint: 'Alleen bij “elke maand”. Standaard de week van de begindatum.' },
  'agenda.recurrence.until': { label: 'Tot en met', hint: 'Niet verplicht. De laatste dag dat het kan plaatsvinden.' },
  'agenda.recurrence.except': { label: 'Niet op', hint: 'Dagen waarop het niet doorgaat, zoals feestdagen.' },
  'agenda.recurrence.except.item': { label: 'Datum' },
  'agenda.cancelled': { label: 'Gaat niet door', hint: 'De activiteit blijft zichtbaar, met de melding dat ze niet doorgaat.' },

  // Groepen.
  'groepen.name': { label: 'Naam van de groep' },
  'groepen.meets': { label: 'Wanneer', hint: 'Niet verplicht. Bijvoorbeeld: Elke dinsdag van 10:00 tot 12:00' },
  'groepen.place': { label: 'Waar', hint: 'Niet verplicht. Bijvoorbeeld: Buurthuis De Kroon, Kroonstraat 12' },

  // Mensen.
  'mensen.name': { label: 'Naam', hint: 'Voornaam en achternaam, of alleen een voornaam.' },
  'mensen.role': { label: 'Rol' },
  'mensen.organisation': { label: 'Organisatie', hint: 'Niet verplicht. Bijvoorbeeld: Wijkteam Oost' },
  'mensen.topics': { label: 'Waarvoor kun je bij deze persoon terecht?', hint: 'Minstens één onderwerp, in kleine letters, gescheiden door komma’s.' },
  'mensen.reachable': { label: 'Bereikbaar', hint: 'Niet verplicht. Bijvoorbeeld: maandag tot en met donderdag, 9:00–12:00' },

  // Prikbord.
  'prikbord.kind': { label: 'Soort oproep', hint: 'Vraagt de bewoner iets, of biedt hij of zij iets aan?' },
  'prikbord.title': { label: 'Titel', hint: 'Kort en duidelijk, bijvoorbeeld: Wie helpt me met mijn computer?' },
  'prikbord.category': { label: 'Categorie', hint: 'De lijst van categorieën staat in de instellingen van de buurtsite.' },
  'prikbord.date': { label: 'Geplaatst op', hint: 'De oproep verschijnt vanaf deze dag.' },
  'prikbord.validUntil': {
    label: 'Zichtbaar tot en met',
    hint: 'Niet verplicht. Zonder datum blijft de oproep vier weken staan; hooguit drie maanden na “Geplaatst op”.',
  },
  'prikbord.name': {
    label: 'Voornaam of bijnaam',
    hint: 'Alleen een voornaam of bijnaam: geen achternaam, adres, e-mailadres of telefoonnummer. Reacties gaan via het formulier op de site.',
  },

  // Nieuwsbrief (content/nieuwsbrief.md).
  'nieuwsbrief.until': {
    label: 'Tot en met',
    hint: 'Niet verplicht. De laatste dag dat de groet in de nieuwsbrief komt. Zonder datum staat hij in elke nieuwsbrief, tot je hem leegmaakt.',
  },
  'nieuwsbrief.draft': { label: 'Nog niet versturen', hint: 'Zet dit aan om de groet (nog) niet in de nieuwsbrief te zetten.' },
  'nieuwsbrief.body': {
    label: 'Groet',
    hint: 'Een korte groet van de redactie bovenaan de volgende nieuwsbrief; laat leeg als je niets wilt zeggen',
  },

  // Pagina's.
  'paginas.menuTitle': { label: 'Naam in het menu', hint: 'Niet verplicht. Een kortere naam voor het menu, als de titel lang is.' },

  // site.yaml.
  'site.name': { label: 'Naam van de buurt' },
  'site.tagline': { label: 'Ondertitel', hint: 'Niet verplicht. Een korte zin onder de naam.' },
  'site.description': { label: 'Beschrijving', hint: 'Eén of twee zinnen voor zoekmachines en gedeelde links.' },
  'site.email': { label: 'E-mailadres van de buurt', hint: 'Staat onderaan elke pagina.' },
  'site.phone': {
    label: 'Telefoonnummer van de buurt',
    hint: 'Niet verplicht. Een algemeen nummer, bijvoorbeeld van het buurthuis; staat onderaan elke pagina. Zoals 020 123 45 67.',
  },
  'site.colors': { label: 'Kleuren', hint: 'De site kiest zelf witte of zwarte tekst die goed leesbaar is.' },
  'site.colors.primary': { label: 'Hoofdkleur', hint: 'Voor de kop, links en knoppen.' },
  'site.colors.accent': { label: 'Accentkleur', hint: 'Voor opvallende details.' },
  'site.logo': { label: 'Logo', hint: 'Niet verplicht.' },
  'site.logo.src': { label: 'Logobestand', hint: 'Een vierkant plaatje werkt het best (PNG of JPEG).' },
  'site.logo.alt': { label: 'Beschrijving van het logo', hint: 'Bijvoorbeeld: Logo van Voorbeeldwijk' },
  'site.menu': { label: 'Menu', hint: 'De onderdelen van het menu, in volgorde. Sleep om de volgorde te veranderen.' },
  'site.menu.item': { label: 'Menu-onderdeel' },
  'site.prikbord': { label: 'Prikbord', hint: 'Niet verplicht. De categorieën van vraag & aanbod.' },
  'site.prikbord.categories': {
    label: 'Categorieën',
    hint: 'Losse woorden in kleine letters, gescheiden door komma’s, in de volgorde van de site. Bijvoorbeeld: klussen, spullen, vervoer, overig.',
  },
  'site.social': { label: 'Sociale media', hint: 'Niet verplicht. Links naar de eigen kanalen van de buurt, beginnend met https://' },
  'site.social.facebook': { label: 'Facebook' },
  'site.social.instagram': { label: 'Instagram' },
  'site.social.whatsapp': { label: 'WhatsApp-community' },
  'site.social.mastodon': { label: 'Mastodon' },
  'site.social.linkedin': { label: 'LinkedIn' },
  'site.social.youtube': { label: 'YouTube' },
  'site.social.nextdoor': { label: 'Nextdoor' },
};

/** Labels of allowed values, by field path and value. */
export const optionTexts: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'prikbord.kind': { vraag: 'Vraag', aanbod: 'Aanbod' },
  'mensen.role': { buurtverbinder: 'Buurtverbinder', wijkprofessional: 'Wijkprofessional', vrijwilliger: 'Vrijwilliger' },
  'agenda.recurrence.frequency': { weekly: 'Elke week', biweekly: 'Om de week', monthly: 'Elke maand' },
  'agenda.recurrence.weekOfMonth': { '1': 'De eerste', '2': 'De tweede', '3': 'De derde', '4': 'De vierde', '-1': 'De laatste' },
  'site.menu': { nieuws: 'Nieuws', agenda: 'Agenda', groepen: 'Groepen', 'wie-helpt': 'Wie helpt?', prikbord: 'Prikbord', meedoen: 'Meedoen' },
};

/**
 * A field the schema requires inside an optional group (the description of a photo, the frequency of a
 * repetition): the generator starts its hint with `hint(group)`, and the admin script shows `label(group)`
 * where Decap would say "optioneel" (src/admin/conditional-fields.ts).
 */
export const conditionalTexts = {
  hint: (group: string) => `Verplicht zodra je iets invult bij “${group}”.`,
  label: (group: string) => `verplicht bij “${group}”`,
  /** Finds the group in a hint made by `hint`. */
  hintPattern: /^Verplicht zodra je iets invult bij “([^”]+)”\./,
};

/** Messages for values a field pattern refuses ("Titel komt niet overeen met het patroon: …"). */
export const patternTexts = {
  maxLength: (max: number) => `hooguit ${max} tekens, en niet alleen spaties`,
  email: 'een e-mailadres zoals naam@voorbeeldwijk.nl',
  phone: 'een Nederlands telefoonnummer zoals 020 123 45 67 of 06 12345678',
  https: 'een webadres dat begint met https://',
  registration: 'een webadres dat begint met https:// of een e-mailadres',
  topics: 'losse woorden in kleine letters, gescheiden door komma’s',
  colour: 'een kleur zoals #1d5c8c',
  slug: 'kleine letters, cijfers en streepjes',
};

/**
 * Git commit messages, one per kind of change. `{{collection}}` is the singular name of the collection,
 * `{{slug}}` the file name (made from the title), `{{path}}` the file's path, `{{author-name}}` the editor;
 * the buurt's slug is filled in by the generator, so every commit says which buurt changed. When an entry is
 * saved, the admin script puts the title the editor typed in place of the quoted file name
 * (`titledCommitMessage` in backend.ts).
 */
export function commitMessageTexts(buurt: string) {
  return {
    create: `{{collection}} “{{slug}}” toegevoegd (${buurt})`,
    update: `{{collection}} “{{slug}}” gewijzigd (${buurt})`,
    delete: `{{collection}} “{{slug}}” verwijderd (${buurt})`,
    uploadMedia: `Foto “{{path}}” toegevoegd (${buurt})`,
    deleteMedia: `Foto “{{path}}” verwijderd (${buurt})`,
    openAuthoring: '{{message}}',
  };
}

/**
 * Our changes to Decap's Dutch interface (merged over its own "nl" phrases): the workflow's columns are
 * named as editors know them, and a few stiff translations are made plain.
 */
export const interfaceTexts = {
  app: { header: { workflow: 'Redactie', content: 'Inhoud', media: 'Foto’s' } },
  editor: {
    editorControl: { field: { widgetLabel: 'Invoerveld' } },
    editorControlPane: {
      widget: { invalidPath: '“%{path}” is geen geldig pad', pathExists: 'Het pad “%{path}” bestaat al' },
      i18n: {
        copyFromLocale: 'Overnemen uit een andere taal',
        copyFromLocaleConfirm: 'Wil je de tekst uit %{locale} overnemen?\nAlles wat hier staat, wordt dan vervangen.',
      },
    },
    editorInterface: { toggleNotes: 'Notities tonen of verbergen' },
    editorNotesPane: {
      title: 'Notities',
      emptyState: 'Nog geen notities. Schrijf hieronder de eerste.',
      addNote: 'Notitie toevoegen',
      addPlaceholder: 'Schrijf een notitie…',
      editPlaceholder: 'Pas je notitie aan…',
      save: 'Opslaan',
      cancel: 'Annuleren',
      edit: 'Bewerken',
      delete: 'Verwijderen',
      resolve: 'Afhandelen',
      unresolve: 'Weer openen',
      confirmDelete: 'Weet je zeker dat je deze notitie wilt verwijderen?',
      shortcut: 'Tip: met Ctrl+Enter voeg je de notitie snel toe',
    },
    editorWidgets: {
      markdown: {
        strikethrough: 'Doorhalen',
        toggleMode: { rich: 'Naar opgemaakte tekst', markdown: 'Naar markdown' },
      },
      image: { chooseMultiple: 'Kies afbeeldingen', addMore: 'Meer afbeeldingen toevoegen', removeAll: 'Alle afbeeldingen verwijderen' },
      file: { chooseMultiple: 'Kies bestanden', addMore: 'Meer bestanden toevoegen', removeAll: 'Alle bestanden verwijderen' },
      datetime: { setToNow: 'Vul de datum en tijd van nu in' },
      list: { addType: '%{item} toevoegen' },
      object: { expand: 'Openklappen', collapse: 'Dichtklappen' },
    },
    editor: {
      // Decap's own say "Voltooid" and "Gereed" for the status the toolbar calls "Klaar".
      onPublishingNotReady: 'Publiceren kan pas als de status “Klaar” is. Kies eerst bij “Status” de stand “Klaar”.',
      onPublishingWithUnsavedChanges: 'Er zijn wijzigingen die nog niet zijn opgeslagen. Kies eerst “Opslaan”; daarna kun je publiceren.',
      onUpdatingWithUnsavedChanges: 'Er zijn wijzigingen die nog niet zijn opgeslagen. Kies eerst “Opslaan”; daarna kun je de status veranderen.',
      onPublishing: 'Weet je zeker dat je dit nu op de site wilt zetten?',
    },
    editorToolbar: {
      draft: 'Concept',
      inReview: 'Ter beoordeling',
      ready: 'Klaar',
      publishNow: 'Nu publiceren',
      publish: 'Publiceren',
      deployButtonLabel: 'Bekijk op de site',
      statusInfoTooltipDraft: 'Dit is een concept. Zet de status op “Ter beoordeling” als iemand anders het mag nakijken.',
      statusInfoTooltipInReview: 'Dit wordt nagekeken. Je kunt het intussen nog aanpassen.',
    },
  },
  workflow: {
    workflow: { workflowHeading: 'Redactie: concept → ter beoordeling → klaar → publiceren' },
    workflowList: {
      draftHeader: 'Concept',
      inReviewHeader: 'Ter beoordeling',
      readyHeader: 'Klaar',
      onPublishingNotReadyEntry: 'Alleen wat de status “Klaar” heeft, kan worden gepubliceerd. Sleep de kaart eerst naar de kolom “Klaar”.',
    },
  },
  collection: {
    collectionTop: { newButtonAriaLabel: 'Nieuw: %{collectionLabel}', viewAsList: 'Toon als lijst', viewAsGrid: 'Toon als tegels' },
    entries: { unpublishedHeader: 'Nog niet gepubliceerd' },
  },
  // Phrases Decap's Dutch lacks (it then shows English, mostly to screen readers): every key of its English
  // interface has a Dutch phrase (tests/cms-config.test.ts compares them).
  auth: { loginWithForgejo: 'Inloggen met Forgejo' },
  mediaLibrary: { mediaLibraryModal: { close: 'Sluiten' } },
  ui: {
    settingsDropdown: { account: 'Accountmenu' },
    toast: {
      noteAdded: 'Notitie toegevoegd',
      onFailToAddNote: 'Notitie toevoegen lukte niet: %{details}',
      noteUpdated: 'Notitie bijgewerkt',
      onFailToUpdateNote: 'Notitie bijwerken lukte niet: %{details}',
      noteDeleted: 'Notitie verwijderd',
      onFailToDeleteNote: 'Notitie verwijderen lukte niet: %{details}',
      noteResolved: 'Notitie afgehandeld',
      noteReopened: 'Notitie weer geopend',
      onFailToToggleNote: 'Notitie bijwerken lukte niet: %{details}',
    },
  },
};

/** What the admin page and the save check say to editors. */
export const adminTexts = {
  /** Shown when saving is refused because the content would break the site. */
  invalidEntry: (fields: string[]) => `Opslaan kan nog niet: controleer ${fields.map((f) => `“${f}”`).join(', ')}. Vraag het de beheerder als het niet lukt.`,
  noscript: 'Het beheer van de buurtsite werkt alleen met JavaScript aan.',
  pageTitle: (name: string) => `Beheer – ${name}`,
  /** The close button of Decap's notifications. */
  closeNotification: 'Melding sluiten',
  /** The link to the editors' handleiding, shown on every screen of /admin/. */
  handleiding: { label: 'Handleiding', ariaLabel: 'Handleiding (opent in een nieuw tabblad)', url: '/admin/handleiding/' },
  /** Preview texts. */
  preview: {
    published: 'Geplaatst op',
    when: 'Wanneer',
    where: 'Waar',
    cost: 'Kosten',
    cancelled: 'Gaat niet door',
    noDate: 'Nog geen datum ingevuld',
    invalidDate: 'Deze datum klopt nog niet',
    repeats: 'Herhaalt',
  },
  /** The photo cleaning before Decap sees a picked photo (src/admin/photo-cleaning.ts). */
  photo: {
    working: (name: string) => `Foto “${name}” wordt klaargemaakt: de locatie en andere verborgen gegevens worden eruit gehaald…`,
    done: (name: string, width: number, height: number) =>
      `Foto “${name}” is klaar: zonder locatie en andere verborgen gegevens, ${width} × ${height} pixels. Kies “Gebruik selectie” om hem te gebruiken.`,
    heic: (name: string) =>
      `“${name}” is een HEIC-foto (het eigen formaat van de iPhone). Die kan het beheer niet schoonmaken, dus hij wordt niet gebruikt. ` +
      'Zet op de iPhone bij Instellingen › Camera › Formaten “Meest compatibel” aan en maak de foto opnieuw, ' +
      'of zet de foto op een computer om naar JPEG. Kies daarna de JPEG-foto.',
    unsupported: (name: string, type: string | undefined) =>
      `“${name}” is ${type ? `een ${type.toUpperCase()}-bestand` : 'geen foto die het beheer kent'}. Het beheer kan alleen JPEG-, PNG- en WebP-foto’s ` +
      'schoonmaken, dus dit bestand wordt niet gebruikt. Sla de foto op als JPEG of PNG en kies hem opnieuw.',
    tooLarge: (name: string, megabytes: number) =>
      `“${name}” is ${megabytes} MB; dat is te groot om in de browser klaar te maken. Kies een kleinere foto (hooguit 40 MB), of maak hem eerst kleiner.`,
    unreadable: (name: string) => `“${name}” kan niet worden geopend: het bestand is beschadigd of geen foto. Kies een andere foto.`,
    close: 'Melding sluiten',
  },
};
