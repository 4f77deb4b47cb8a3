/**
 * Every text the task pane shows, in bokmål and US English. A missing translation is a type
 * error because the catalogue is a Record over Locale.
 */
import type { Locale } from "../core/i18n";

export type TableState = "found" | "missing" | "problems";
export type StepState = "pending" | "active" | "done" | "failed";

export interface Messages {
  appTitle: string;
  appSubtitle: string;
  loading: string;
  tabWorkbook: string;
  tabCheck: string;
  tabMine: string;
  /** The menu button holding the tabs that do not fit the pane's width, and its menu's name. */
  tabMore: string;
  tabMoreMenu: string;

  tablesHeading: string;
  tablesIntro: string;
  refresh: string;
  tableState: Record<TableState, string>;
  tableProblems: (errors: number, warnings: number) => string;
  /** What each input table holds, shown under its name. */
  tableHint: Record<string, string>;

  exampleHeading: string;
  exampleIntro: string;
  exampleButton: string;
  exampleLedger: string;
  exampleRefused: (tables: string[]) => string;
  exampleDone: string;
  exampleDoneLedger: string;

  buildHeading: string;
  buildIntro: string;
  buildButton: string;
  steps: { reading: string; computing: string; writing: string };
  stepState: Record<StepState, string>;
  buildUserSheet: (sheets: string[]) => string;
  buildInputErrors: (errors: number) => string;
  buildDone: string;
  summarySheets: string;
  summaryMunicipalities: string;
  summaryYears: string;
  summaryCosts: string;
  summaryFinancing: string;
  summaryContributions: string;
  summaryInKind: string;
  kr: (amount: string) => string;

  checkHeading: string;
  checkIntro: string;
  checkButton: string;
  checkRunning: string;
  checkSummary: (errors: number, warnings: number) => string;
  checkClean: string;
  severity: { error: string; warning: string };
  findingGoTo: string;
  findingNoCell: string;
  selected: (cell: string) => string;
  selectFailed: (cell: string, reason: string) => string;

  mineHeading: string;
  mineIntro: string;
  mineSelectLabel: string;
  mineChoose: string;
  mineNone: string;
  mineYear: string;
  mineEqual: string;
  minePopulation: string;
  mineContribution: string;
  mineInKind: string;
  mineTotal: string;
  minePopulationLabel: string;
  /** Says what the number under each year is, when the population basis differs between years. */
  mineBasisNote: string;
  mineResourceShareLabel: string;
  mineHowHeading: string;
  /** The direct contribution in words, one line each: equal part, population part, rounding. */
  explainContribution: (p: {
    equalPct: string;
    populationPct: string;
    equalPool: string;
    n: string;
    equalExact: string;
    equalRounded: string;
    populationPool: string;
    population: string;
    totalPopulation: string;
    populationExact: string;
    populationRounded: string;
    total: string;
  }) => string[];
  explainInKind: (p: { pool: string; share: string; exact: string; rounded: string }) => string[];
  /** Heading of one group of explanation lines: the years and what is explained. */
  explainGroup: (years: string, what: "contribution" | "inKind") => string;

  busy: string;
  failed: (reason: string) => string;
  outsideTitle: string;
  outsideBody: string;
  /** Heading over the adapter's "this Excel is too old" message (src/excel/requirements.ts). */
  tooOldTitle: string;

  /** The Scenarier card (other keys compared live; the Scenarier table written on request). */
  /** The workbook panel's populations from Statistics Norway (docs/ssb.md). */
  ssb: {
    heading: string;
    intro: string;
    fetch: string;
    fetching: string;
    request: (n: number, kind: "metadata" | "data") => string;
    fetched: (updated: string) => string;
    previewHeading: string;
    yearCaption: (budgetYear: string, reference: string) => string;
    colMunicipality: string;
    colWorkbook: string;
    colSsb: string;
    colChange: string;
    notPublished: string;
    unpublished: (budgetYear: string, reference: string, latest: string) => string;
    useLatest: (budgetYear: string, latest: string) => string;
    latestUsed: (budgetYear: string, latest: string) => string;
    blocked: (errors: number) => string;
    nothingToWrite: string;
    willWrite: (columns: string[], sourceRow: boolean) => string;
    write: string;
    writing: string;
    written: (columns: string[]) => string;
    noMunicipalities: string;
    noYears: string;
  };
  scen: {
    tab: string;
    heading: string;
    intro: string;
    today: (pct: string) => string;
    quickLabel: string;
    quickPick: (pct: string) => string;
    inputLabel: string;
    inputHint: string;
    add: string;
    chosenLabel: string;
    remove: (pct: string) => string;
    noneChosen: string;
    bad: { empty: string; notNumber: (text: string) => string; range: (text: string) => string };
    duplicate: (pct: string) => string;
    max: (n: number) => string;
    added: (pct: string) => string;
    removed: (pct: string) => string;
    fromWorkbook: string;
    periodLabel: string;
    periodTotal: (years: string) => string;
    colMunicipality: string;
    colToday: (pct: string) => string;
    colAmount: string;
    colDiff: string;
    total: string;
    tableLabel: (period: string) => string;
    chartAlt: (period: string, series: string[]) => string;
    writeHeading: string;
    writeIntro: string;
    writeButton: string;
    writeNone: string;
    writeExists: (table: string, sheet: string) => string;
    writeDone: (address: string) => string;
  };

  /** The Oppfølging (follow-up) panel, and the follow-up part of Min kommune. */
  fu: {
    tab: string;
    heading: string;
    intro: string;
    asOfLabel: string;
    asOfSource: { parameter: string; latest: string; none: string };
    leftOutLabel: string;
    leftOut: (ledger: number, hours: number, explanations: number) => string;
    status: (asOf: string, flagged: number, unexplained: number) => string;
    noFollowUp: string;
    emptyHeading: string;
    emptyIntro: string;
    emptyHow: string;
    /** A follow-up table's columns: the required, the optional, and whether the table itself is optional. */
    emptyColumns: (required: readonly string[], optional: readonly string[], optionalTable: boolean) => string;
    emptyExample: string;
    exampleButton: string;
    yearsHeading: string;
    yearsCaption: string;
    chartAlt: (years: string) => string;
    year: string;
    budget: string;
    actual: string;
    deviation: string;
    total: string;
    deviationsHeading: string;
    deviationsIntro: (limitKr: string, limitShare: string) => string;
    deviationsNone: string;
    unexplained: string;
    explained: string;
    deviationLine: (kr: string, pct: string | null) => string;
    periodLabel: string;
    allYears: string;
    paymentsHeading: string;
    paymentsCaption: (period: string) => string;
    municipality: string;
    due: string;
    paid: string;
    unpaid: string;
    inKindHeading: string;
    inKindCaption: (period: string) => string;
    planned: string;
    hours: string;
    value: string;
    others: string;
    mineHeading: string;
    minePaymentsCaption: (name: string) => string;
    mineInKindCaption: (name: string) => string;
  };
}

const nb: Messages = {
  appTitle: "KBR budsjett",
  appSubtitle: "Kongsbergregionen: budsjett, finansiering og kommunebidrag",
  loading: "Laster …",
  tabWorkbook: "Arbeidsbok",
  tabCheck: "Kontroll",
  tabMine: "Min kommune",
  tabMore: "Mer",
  tabMoreMenu: "Flere faner",

  tablesHeading: "Inndatatabeller",
  tablesIntro: "Tilleggsprogrammet leser disse Excel-tabellene i arbeidsboken.",
  refresh: "Oppdater",
  tableState: { found: "Funnet", missing: "Mangler", problems: "Har feil" },
  tableProblems: (e, w) =>
    [e ? `${e} feil` : "", w ? `${w} ${w === 1 ? "advarsel" : "advarsler"}` : ""]
      .filter(Boolean)
      .join(", "),
  tableHint: {
    Kommuner: "Kommune, Innbyggere, Ressursandel",
    Kostnader: "Kostnadspost, Art, ett år per kolonne",
    Finansiering: "Kilde, Art, ett år per kolonne",
    Parametere: "Parameter, Verdi",
  },

  exampleHeading: "Eksempeldata",
  exampleIntro: "Setter inn de fire tabellene med tallene fra prosjektplanen 2009 (kostnadspostene har illustrerende beløp).",
  exampleButton: "Sett inn 2009-planen som eksempeldata",
  exampleLedger: "Ta med et oppdiktet regnskap, timer og forklaringer for 2009–2011 (til Oppfølging)",
  exampleRefused: (t) =>
    `Satte ikke inn noe: arbeidsboken har allerede ${t.length === 1 ? "tabellen" : "tabellene"} ${t.join(", ")}. Eksempeldata skriver aldri over dine tabeller.`,
  exampleDone: "Eksempeldata fra 2009-planen er satt inn.",
  exampleDoneLedger: "Eksempeldata fra 2009-planen er satt inn, med et oppdiktet regnskap, timer og forklaringer i arket «Oppfølging inndata».",

  buildHeading: "Bygg arkene",
  buildIntro: "Lager arkene Budsjett, Finansieringsplan og Kommunebidrag med formler som viser til tabellene, og Oppfølging når arbeidsboken har tabellen Regnskap eller Timer.",
  buildButton: "Bygg arkene",
  steps: { reading: "Leser tabellene", computing: "Beregner", writing: "Skriver arkene" },
  stepState: { pending: "venter", active: "pågår", done: "ferdig", failed: "stoppet" },
  buildUserSheet: (s) =>
    `Bygget ikke: ${s.length === 1 ? "arket" : "arkene"} ${s.join(", ")} finnes allerede og er ikke laget av tilleggsprogrammet. Gi ${s.length === 1 ? "det" : "dem"} nytt navn og prøv igjen.`,
  buildInputErrors: (e) => `Bygget ikke: inndataene har ${e} feil. Se Kontroll-fanen.`,
  buildDone: "Arkene er bygget.",
  summarySheets: "Ark skrevet",
  summaryMunicipalities: "Kommuner",
  summaryYears: "År",
  summaryCosts: "Kostnader i alt",
  summaryFinancing: "Finansiering i alt",
  summaryContributions: "Kommunebidrag i alt",
  summaryInKind: "Egeninnsats i alt",
  kr: (a) => `${a}\u00a0kr`,

  checkHeading: "Kontroller arbeidsboken",
  checkIntro: "Kontrollerer tabellene og de genererte arkene (også overskrevne og utdaterte verdier).",
  checkButton: "Kontroller",
  checkRunning: "Kontrollerer …",
  checkSummary: (e, w) => `${e} feil og ${w} ${w === 1 ? "advarsel" : "advarsler"}.`,
  checkClean: "Ingen feil eller advarsler.",
  severity: { error: "Feil", warning: "Advarsel" },
  findingGoTo: "Gå til cellen",
  findingNoCell: "Ingen celle å vise",
  selected: (c) => `Markerte ${c}.`,
  selectFailed: (c, r) => `Kunne ikke markere ${c}: ${r}`,

  mineHeading: "Min kommune",
  mineIntro: "Velg en kommune for å se bidraget per år og hvordan det er regnet ut.",
  mineSelectLabel: "Kommune",
  mineChoose: "Velg kommune …",
  mineNone: "Ingen beregning ennå: tabellene mangler eller har feil.",
  mineYear: "År",
  mineEqual: "Likt",
  // Soft hyphens let the narrow (320 px) table break these long headers inside the word.
  minePopulation: "Etter innbygger\u00adtall",
  mineContribution: "Bidrag",
  mineInKind: "Egen\u00adinnsats",
  mineTotal: "Sum",
  minePopulationLabel: "Innbyggere",
  mineBasisNote: "Innbyggertallene er ulike fra år til år: under hvert år står innbyggertallet året fordeles etter (kolonnene Innbyggere <år> i Kommuner).",
  mineResourceShareLabel: "Ressursandel",
  mineHowHeading: "Slik er det regnet ut",
  explainContribution: (p) => [
    `${p.equalPct} likt: ${p.equalPool} / ${p.n} = ${p.equalExact} → ${p.equalRounded}`,
    `${p.populationPct} etter innbyggertall: ${p.populationPool} × ${p.population} / ${p.totalPopulation} = ${p.populationExact} → ${p.populationRounded}`,
    `Avrundet med største-rest-metoden slik at summen blir nøyaktig ${p.total}.`,
  ],
  explainInKind: (p) => [
    `${p.pool} × ressursandel ${p.share} = ${p.exact} → ${p.rounded}`,
    "Avrundet med største-rest-metoden slik at summen blir lik egeninnsatsen i finansieringen.",
  ],
  explainGroup: (y, w) => `${y}, ${w === "contribution" ? "direkte bidrag" : "egeninnsats"}`,

  busy: "Arbeider …",
  failed: (r) => `Noe gikk galt: ${r}`,
  outsideTitle: "Åpne KBR budsjett i Excel",
  outsideBody: "Denne siden er et oppgavevindu for Excel. Åpne den fra Hjem-fanen i Excel, ikke direkte i en nettleser.",
  tooOldTitle: "Oppdater Excel",

  ssb: {
    heading: "Innbyggertall fra SSB",
    intro: "Henter innbyggertallene per 1. januar fra Statistisk sentralbyrå (tabell 07459) og viser hva som endres før noe skrives.",
    fetch: "Hent innbyggertall fra SSB",
    fetching: "Henter fra Statistisk sentralbyrå …",
    request: (n, kind) => `Henter fra Statistisk sentralbyrå … forespørsel ${n} (${kind === "metadata" ? "kommuneliste" : "innbyggertall"})`,
    fetched: (updated) => `Hentet. Tabellen er oppdatert ${updated} hos SSB.`,
    previewHeading: "Forhåndsvisning: ingenting er skrevet ennå",
    yearCaption: (by, ref) => `Budsjettår ${by}: innbyggere per ${ref}`,
    colMunicipality: "Kommune",
    colWorkbook: "Arbeidsbok",
    colSsb: "SSB",
    colChange: "Endring i bidrag (kr)",
    notPublished: "ikke publisert",
    unpublished: (by, ref, latest) => `SSB har ikke publisert innbyggertall per ${ref} ennå (budsjettår ${by}); siste publiserte er per ${latest}. Året blir ikke endret.`,
    useLatest: (by, latest) => `Bruk siste publiserte (${latest}) for budsjettår ${by}`,
    latestUsed: (by, latest) => `Budsjettår ${by} bruker siste publiserte tall (${latest}); kilderaden sier det.`,
    blocked: (e) => `${e === 1 ? "Én feil" : `${e} feil`} må rettes før tallene kan skrives (se listen). Ingenting er skrevet.`,
    nothingToWrite: "Ingen år har tall å skrive. Ingenting er skrevet.",
    willWrite: (cols, src) => `Skriv til arbeidsboken skriver ${cols.join(", ")} i Kommuner${src ? " og raden Kilde innbyggertall i Parametere" : ""}.`,
    write: "Skriv til arbeidsboken",
    writing: "Skriver til arbeidsboken …",
    written: (cols) => `Skrevet: ${cols.join(", ")} i Kommuner og Kilde innbyggertall i Parametere. Bygg arkene på nytt for å bruke tallene.`,
    noMunicipalities: "Tabellen Kommuner mangler eller har ingen kommuner; det er ingenting å hente.",
    noYears: "Kostnader og Finansiering har ingen årskolonner; det er ingen budsjettår å hente innbyggertall for.",
  },
  scen: {
    tab: "Scenarier",
    heading: "Scenarier",
    intro: "Sammenlign andre fordelingsnøkler med arbeidsbokens egen: hva hver kommune ville betalt per år og i alt. Ingenting skrives i arbeidsboken.",
    today: (p) => `I dag fordeles ${p} likt (Parametere, Andel likt fordelt).`,
    quickLabel: "Hurtigvalg",
    quickPick: (p) => `${p} likt`,
    inputLabel: "Andel likt fordelt",
    inputHint: "Skriv for eksempel 30, 30 % eller 0,3.",
    add: "Legg til",
    chosenLabel: "Valgte scenarier",
    remove: (p) => `Fjern ${p} likt`,
    noneChosen: "Ingen scenarier valgt ennå: velg et hurtigvalg eller skriv en andel.",
    bad: {
      empty: "Skriv en andel først, for eksempel 30 %.",
      notNumber: (t) => `«${t}» er ikke en andel. Skriv for eksempel 30, 30 % eller 0,3.`,
      range: (t) => `«${t}» er utenfor 0–100 %.`,
    },
    duplicate: (p) => `${p} likt er allerede med.`,
    max: (n) => `Høyst ${n} scenarier om gangen. Fjern ett først.`,
    added: (p) => `La til ${p} likt.`,
    removed: (p) => `Fjernet ${p} likt.`,
    fromWorkbook: "Startet med scenariene i tabellen Scenarier.",
    periodLabel: "Vis",
    periodTotal: (y) => `Sum ${y}`,
    colMunicipality: "Kommune",
    colToday: (p) => `I dag (${p})`,
    colAmount: "Bidrag",
    colDiff: "Endring",
    total: "Sum",
    tableLabel: (p) => `Bidrag per kommune, ${p}, i kr`,
    chartAlt: (p, s) => `Stolpediagram: bidraget per kommune, ${p}, for ${s.join(", ")}. Tallene står i tabellen under.`,
    writeHeading: "Legg til i arbeidsboken",
    writeIntro: "Skriver de valgte scenariene som tabellen Scenarier. Bygg arkene lager deretter arket Scenarier.",
    writeButton: "Legg til i arbeidsboken",
    writeNone: "Velg minst ett scenario først.",
    writeExists: (t, sh) =>
      `Skrev ikke: arbeidsboken har allerede tabellen ${t} (på arket ${sh}). Endre scenariene der; tilleggsprogrammet skriver aldri over tabellene dine.`,
    writeDone: (a) => `Tabellen Scenarier er lagt til i ${a}. Trykk Bygg arkene i Arbeidsbok-fanen for å lage arket Scenarier.`,
  },
  fu: {
    tab: "Oppfølging",
    heading: "Oppfølging",
    intro: "Regnskap og timer mot budsjettet, per år, ut fra tabellene Regnskap, Timer og Forklaringer.",
    asOfLabel: "Rapportdato",
    asOfSource: { parameter: "fra Parametere", latest: "siste dato av radene uten feil i Regnskap og Timer", none: "ingen gyldige rader ennå" },
    leftOutLabel: "Rader holdt utenfor",
    leftOut: (l, t, f) => (l + t + f === 0 ? "ingen" : `Regnskap ${l}, Timer ${t}, Forklaringer ${f} (se Kontroll)`),
    status: (d, f, u) => `Oppfølging per ${d}: ${f} avvik når grensen, ${u} uten forklaring.`,
    noFollowUp: "Oppfølgingen kan ikke regnes ut før feilene er rettet. Se Kontroll-fanen.",
    emptyHeading: "Ingen oppfølgingstabeller",
    emptyIntro: "Oppfølgingen viser regnskap, betalinger og timer mot budsjettet når arbeidsboken har tabellen Regnskap eller Timer.",
    emptyHow: "Lag tabellene med Sett inn > Tabell i Excel og gi dem disse navnene (Tabellutforming > Tabellnavn), med disse kolonnene:",
    emptyColumns: (required, optional, optionalTable) =>
      `${required.join(", ")}${optional.length ? `; valgfritt ${optional.join(", ")}` : ""}${optionalTable ? " (valgfri tabell)" : ""}`,
    emptyExample: "I en tom arbeidsbok setter knappen under inn 2009-planen med et oppdiktet regnskap, timer og forklaringer du kan prøve oppfølgingen med.",
    exampleButton: "Sett inn 2009-planen med eksempelregnskap",
    yearsHeading: "Budsjett og regnskap per år",
    yearsCaption: "Budsjett, regnskap og avvik per år, i kroner",
    chartAlt: (y) => `Stolpediagram: budsjett og regnskap for ${y}. Tallene står i tabellen under.`,
    year: "År",
    budget: "Budsjett",
    actual: "Regnskap",
    deviation: "Avvik",
    total: "Sum",
    deviationsHeading: "Avvik som når grensen",
    deviationsIntro: (k, p) => `Avvik på minst ${k} kr eller ${p} av budsjettet. De uten forklaring står først.`,
    deviationsNone: "Ingen avvik når grensen.",
    unexplained: "Ikke forklart",
    explained: "Forklart",
    deviationLine: (k, p) => `Avvik ${k} kr${p ? ` (${p})` : ""}`,
    periodLabel: "Vis",
    allYears: "Alle år",
    paymentsHeading: "Kommunenes betalinger",
    paymentsCaption: (p) => `Bidrag som skal betales, betalt og ubetalt per kommune, ${p}, i kroner`,
    municipality: "Kommune",
    due: "Skal betale",
    paid: "Betalt",
    unpaid: "Ubetalt",
    inKindHeading: "Egeninnsats",
    inKindCaption: (p) => `Planlagt egeninnsats (ressursandel) mot timer og verdi per kommune, ${p}, i kroner`,
    planned: "Planlagt",
    hours: "Timer",
    value: "Verdi",
    others: "Andre deltagere",
    mineHeading: "Oppfølging",
    minePaymentsCaption: (n) => `Betalinger fra ${n} per år, i kroner`,
    mineInKindCaption: (n) => `Egeninnsats fra ${n} per år: planlagt, timer og verdi i kroner`,
  },
};

const en: Messages = {
  appTitle: "KBR budget",
  appSubtitle: "Kongsbergregionen: budget, financing and municipal contributions",
  loading: "Loading …",
  tabWorkbook: "Workbook",
  tabCheck: "Check",
  tabMine: "My municipality",
  tabMore: "More",
  tabMoreMenu: "More tabs",

  tablesHeading: "Input tables",
  tablesIntro: "The add-in reads these Excel tables in the workbook.",
  refresh: "Refresh",
  tableState: { found: "Found", missing: "Missing", problems: "Has problems" },
  tableProblems: (e, w) =>
    [e ? `${e} ${e === 1 ? "error" : "errors"}` : "", w ? `${w} ${w === 1 ? "warning" : "warnings"}` : ""]
      .filter(Boolean)
      .join(", "),
  tableHint: {
    Kommuner: "Kommune, Innbyggere, Ressursandel",
    Kostnader: "Kostnadspost, Art, one column per year",
    Finansiering: "Kilde, Art, one column per year",
    Parametere: "Parameter, Verdi",
  },

  exampleHeading: "Example data",
  exampleIntro: "Inserts the four tables with the figures of the 2009 project plan (cost items have illustrative amounts).",
  exampleButton: "Insert the 2009 plan as example data",
  exampleLedger: "Include an invented ledger, hours and explanations for 2009–2011 (for Follow-up)",
  exampleRefused: (t) =>
    `Nothing inserted: the workbook already has the ${t.length === 1 ? "table" : "tables"} ${t.join(", ")}. Example data never overwrites your tables.`,
  exampleDone: "The 2009 plan's example data has been inserted.",
  exampleDoneLedger: "The 2009 plan's example data has been inserted, with an invented ledger, hours and explanations on the sheet «Oppfølging inndata».",

  buildHeading: "Build sheets",
  buildIntro: "Creates the Budsjett, Finansieringsplan and Kommunebidrag sheets with formulas that refer to the tables, and Oppfølging when the workbook has a Regnskap or Timer table.",
  buildButton: "Build sheets",
  steps: { reading: "Reading the tables", computing: "Computing", writing: "Writing the sheets" },
  stepState: { pending: "waiting", active: "in progress", done: "done", failed: "stopped" },
  buildUserSheet: (s) =>
    `Not built: the ${s.length === 1 ? "sheet" : "sheets"} ${s.join(", ")} already ${s.length === 1 ? "exists" : "exist"} and ${s.length === 1 ? "was" : "were"} not made by the add-in. Rename ${s.length === 1 ? "it" : "them"} and try again.`,
  buildInputErrors: (e) => `Not built: the inputs have ${e} ${e === 1 ? "error" : "errors"}. See the Check tab.`,
  buildDone: "The sheets have been built.",
  summarySheets: "Sheets written",
  summaryMunicipalities: "Municipalities",
  summaryYears: "Years",
  summaryCosts: "Total costs",
  summaryFinancing: "Total financing",
  summaryContributions: "Total contributions",
  summaryInKind: "Total in-kind",
  kr: (a) => `NOK\u00a0${a}`,

  checkHeading: "Check the workbook",
  checkIntro: "Checks the tables and the generated sheets (including typed-over and stale values).",
  checkButton: "Check",
  checkRunning: "Checking …",
  checkSummary: (e, w) => `${e} ${e === 1 ? "error" : "errors"} and ${w} ${w === 1 ? "warning" : "warnings"}.`,
  checkClean: "No errors or warnings.",
  severity: { error: "Error", warning: "Warning" },
  findingGoTo: "Go to the cell",
  findingNoCell: "No cell to show",
  selected: (c) => `Selected ${c}.`,
  selectFailed: (c, r) => `Could not select ${c}: ${r}`,

  mineHeading: "My municipality",
  mineIntro: "Pick a municipality to see its contribution per year and how it was computed.",
  mineSelectLabel: "Municipality",
  mineChoose: "Choose a municipality …",
  mineNone: "Nothing computed yet: the tables are missing or have errors.",
  mineYear: "Year",
  mineEqual: "Equal",
  minePopulation: "By population",
  mineContribution: "Contri\u00adbution",
  mineInKind: "In-kind",
  mineTotal: "Total",
  minePopulationLabel: "Population",
  mineBasisNote: "The populations differ from year to year: under each year is the population that year is split by (the columns Innbyggere <year> in Kommuner).",
  mineResourceShareLabel: "Ressursandel (resource share)",
  mineHowHeading: "How it was computed",
  explainContribution: (p) => [
    `${p.equalPct} equally: ${p.equalPool} / ${p.n} = ${p.equalExact} → ${p.equalRounded}`,
    `${p.populationPct} by population: ${p.populationPool} × ${p.population} / ${p.totalPopulation} = ${p.populationExact} → ${p.populationRounded}`,
    `Rounded by the largest-remainder method so that the total is exactly ${p.total}.`,
  ],
  explainInKind: (p) => [
    `${p.pool} × resource share ${p.share} = ${p.exact} → ${p.rounded}`,
    "Rounded by the largest-remainder method so that the total equals the in-kind financing.",
  ],
  explainGroup: (y, w) => `${y}, ${w === "contribution" ? "direct contribution" : "in-kind"}`,

  busy: "Working …",
  failed: (r) => `Something went wrong: ${r}`,
  outsideTitle: "Open KBR budget in Excel",
  outsideBody: "This page is a task pane for Excel. Open it from the Home tab in Excel, not directly in a web browser.",
  tooOldTitle: "Update Excel",

  ssb: {
    heading: "Populations from Statistics Norway",
    intro: "Fetches the populations at 1 January from Statistics Norway (table 07459) and shows what would change before anything is written.",
    fetch: "Get populations from Statistics Norway",
    fetching: "Fetching from Statistics Norway …",
    request: (n, kind) => `Fetching from Statistics Norway … request ${n} (${kind === "metadata" ? "municipality list" : "populations"})`,
    fetched: (updated) => `Fetched. SSB last updated the table on ${updated}.`,
    previewHeading: "Preview: nothing has been written yet",
    yearCaption: (by, ref) => `Budget year ${by}: population at ${ref}`,
    colMunicipality: "Municipality",
    colWorkbook: "Workbook",
    colSsb: "SSB",
    colChange: "Change in contribution (kr)",
    notPublished: "not published",
    unpublished: (by, ref, latest) => `Statistics Norway has not published the population at ${ref} yet (budget year ${by}); the latest published is at ${latest}. The year is left as it is.`,
    useLatest: (by, latest) => `Use the latest published (${latest}) for budget year ${by}`,
    latestUsed: (by, latest) => `Budget year ${by} uses the latest published figures (${latest}); the source row says so.`,
    blocked: (e) => `${e === 1 ? "One error" : `${e} errors`} must be fixed before the figures can be written (see the list). Nothing was written.`,
    nothingToWrite: "No year has figures to write. Nothing was written.",
    willWrite: (cols, src) => `Write to the workbook writes ${cols.join(", ")} into Kommuner${src ? " and the row Kilde innbyggertall into Parametere" : ""}.`,
    write: "Write to the workbook",
    writing: "Writing to the workbook …",
    written: (cols) => `Written: ${cols.join(", ")} in Kommuner and Kilde innbyggertall in Parametere. Build the sheets again to use the figures.`,
    noMunicipalities: "The table Kommuner is missing or has no municipalities; there is nothing to fetch.",
    noYears: "Kostnader and Finansiering have no year columns; there are no budget years to fetch populations for.",
  },
  scen: {
    tab: "Scenarios",
    heading: "Scenarios",
    intro: "Compare other keys with the workbook's own: what each municipality would pay per year and in total. Nothing is written to the workbook.",
    today: (p) => `Today ${p} is split equally (Parametere, Andel likt fordelt).`,
    quickLabel: "Quick picks",
    quickPick: (p) => `${p} equal`,
    inputLabel: "Equal share",
    inputHint: "Type for example 30, 30% or 0.3.",
    add: "Add",
    chosenLabel: "Chosen scenarios",
    remove: (p) => `Remove ${p} equal`,
    noneChosen: "No scenarios chosen yet: pick one above or type a share.",
    bad: {
      empty: "Type a share first, for example 30%.",
      notNumber: (t) => `"${t}" is not a share. Type for example 30, 30% or 0.3.`,
      range: (t) => `"${t}" is outside 0–100%.`,
    },
    duplicate: (p) => `${p} equal is already in the comparison.`,
    max: (n) => `At most ${n} scenarios at a time. Remove one first.`,
    added: (p) => `Added ${p} equal.`,
    removed: (p) => `Removed ${p} equal.`,
    fromWorkbook: "Started with the scenarios of the Scenarier table.",
    periodLabel: "Show",
    periodTotal: (y) => `Total ${y}`,
    colMunicipality: "Municipality",
    colToday: (p) => `Today (${p})`,
    colAmount: "Amount",
    colDiff: "Change",
    total: "Total",
    tableLabel: (p) => `Contribution per municipality, ${p}, in NOK`,
    chartAlt: (p, s) => `Bar chart: the contribution per municipality, ${p}, for ${s.join(", ")}. The figures are in the table below.`,
    writeHeading: "Add to workbook",
    writeIntro: "Writes the chosen scenarios as the Scenarier table. Build sheets then makes the Scenarier sheet.",
    writeButton: "Add to workbook",
    writeNone: "Choose at least one scenario first.",
    writeExists: (t, sh) =>
      `Nothing written: the workbook already has the table ${t} (on the sheet ${sh}). Change the scenarios there; the add-in never writes over your tables.`,
    writeDone: (a) => `The Scenarier table was added at ${a}. Press Build sheets on the Workbook tab to make the Scenarier sheet.`,
  },
  fu: {
    tab: "Follow-up",
    heading: "Follow-up",
    intro: "Actual costs and hours against the budget, per year, from the Regnskap, Timer and Forklaringer tables.",
    asOfLabel: "Report date",
    asOfSource: { parameter: "from Parametere", latest: "latest date of the rows without errors in Regnskap and Timer", none: "no valid rows yet" },
    leftOutLabel: "Rows left out",
    leftOut: (l, t, f) => (l + t + f === 0 ? "none" : `Regnskap ${l}, Timer ${t}, Forklaringer ${f} (see Check)`),
    status: (d, f, u) => `Follow-up as of ${d}: ${f} ${f === 1 ? "deviation reaches" : "deviations reach"} the limit, ${u} unexplained.`,
    noFollowUp: "The follow-up cannot be computed until the errors are fixed. See the Check tab.",
    emptyHeading: "No follow-up tables",
    emptyIntro: "The follow-up shows actual costs, payments and hours against the budget when the workbook has a Regnskap or a Timer table.",
    emptyHow: "Make the tables with Insert > Table in Excel and give them these names (Table Design > Table Name), with these columns:",
    emptyColumns: (required, optional, optionalTable) =>
      `${required.join(", ")}${optional.length ? `; optional ${optional.join(", ")}` : ""}${optionalTable ? " (optional table)" : ""}`,
    emptyExample: "In an empty workbook, the button below inserts the 2009 plan with an invented ledger, hours and explanations to try the follow-up with.",
    exampleButton: "Insert the 2009 plan with an example ledger",
    yearsHeading: "Budget and actual per year",
    yearsCaption: "Budget, actual and deviation per year, in NOK",
    chartAlt: (y) => `Bar chart: budget and actual for ${y}. The figures are in the table below.`,
    year: "Year",
    budget: "Budget",
    actual: "Actual",
    deviation: "Deviation",
    total: "Total",
    deviationsHeading: "Deviations that reach the limit",
    deviationsIntro: (k, p) => `Deviations of at least NOK ${k} or ${p} of the budget. Those without an explanation come first.`,
    deviationsNone: "No deviation reaches the limit.",
    unexplained: "Not explained",
    explained: "Explained",
    deviationLine: (k, p) => `Deviation NOK ${k}${p ? ` (${p})` : ""}`,
    periodLabel: "Show",
    allYears: "All years",
    paymentsHeading: "Municipalities' payments",
    paymentsCaption: (p) => `Contribution due, paid and unpaid per municipality, ${p}, in NOK`,
    municipality: "Municipality",
    due: "Due",
    paid: "Paid",
    unpaid: "Unpaid",
    inKindHeading: "In-kind work",
    inKindCaption: (p) => `Planned in-kind work (resource share) against hours and value per municipality, ${p}, in NOK`,
    planned: "Planned",
    hours: "Hours",
    value: "Value",
    others: "Other participants",
    mineHeading: "Follow-up",
    minePaymentsCaption: (n) => `Payments from ${n} per year, in NOK`,
    mineInKindCaption: (n) => `In-kind work from ${n} per year: planned, hours and value in NOK`,
  },
};

export const MESSAGES: Record<Locale, Messages> = { "nb-NO": nb, "en-US": en };
