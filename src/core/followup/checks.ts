/**
 * The follow-up part of the check catalogue (docs/followup.md, "Checks"): one entry per id,
 * as in checks/catalogue.ts, which engine.ts joins to the rest into the one CHECKS list. None
 * of these stops the budget model: a bad row is named and left out of every sum.
 *
 * Kept apart from checks/catalogue.ts so the two can change independently; it imports only
 * leaves of it (types and formatting helpers), so catalogue.ts can later list these itself.
 */
import { formatNumber, LOCALES, type Locale } from "../i18n";
import type { Finding } from "../types";
import type { Where } from "../workbook/types";
import { placeText, type CheckDef, type CheckParams } from "../checks/catalogue";
import { showNumber, showValue } from "../checks/catalogue/show";

const kr = (x: number | undefined, l: Locale) => (l === "nb-NO" ? `${showNumber(x ?? 0, l)} kr` : `NOK ${showNumber(x ?? 0, l)}`);
const pct = (x: number | undefined, l: Locale) => `${formatNumber((x ?? 0) * 100, l, 1)} %`;
const hrs = (x: number | undefined, l: Locale) => showNumber(x ?? 0, l);

/** The summary entry once an id has MAX_ROW_FINDINGS findings in a table. */
const more = (p: CheckParams, l: Locale) => (l === "nb-NO" ? `og ${p.count} til av samme slag.` : `and ${p.count} more of the same kind.`);

/** A date cell's problem in words: blank, text (which formulas do not take as a date), or another value. */
function dateProblem(p: CheckParams, l: Locale): string {
  const nb = l === "nb-NO";
  const v = p.value;
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return nb ? "Datoen er tom." : "The date is blank.";
  if (typeof v === "string")
    return nb
      ? `Datoen ${showValue(v, l)} er tekst, ikke en dato: formlene i regnearket kan ikke sammenligne den med datoer. Skriv den inn som en dato (f.eks. 15.03.2010).`
      : `The date ${showValue(v, l)} is text, not a date: the sheet's formulas cannot compare it with dates. Enter it as a date (e.g. 2010-03-15).`;
  return nb ? `Dato må være en dato, men er ${showValue(v, l)}.` : `Dato must be a date, but is ${showValue(v, l)}.`;
}

/** What a follow-up parameter must be (the `list` of KBR-E-FOLLOWUP-PARAM). */
export type ParamKind = "date" | "amount" | "share" | "hours";
const PARAM_KINDS: Record<ParamKind, Record<Locale, string>> = {
  date: { "nb-NO": "en dato", "en-US": "a date" },
  amount: { "nb-NO": "et beløp på 0 eller mer", "en-US": "an amount of 0 or more" },
  share: { "nb-NO": "en andel fra 0 til 1 (10 % er 0,1)", "en-US": "a share from 0 to 1 (10 % is 0.1)" },
  hours: { "nb-NO": "et antall timer på 0 eller mer", "en-US": "a number of hours of 0 or more" },
};
const paramKind = (p: CheckParams, l: Locale) => PARAM_KINDS[p.list as ParamKind]?.[l] ?? p.list;

const leftOut = { "nb-NO": " Raden er holdt utenfor alle summer.", "en-US": " The row is left out of every sum." } as const;

type Body = Record<Locale, (p: CheckParams, l: Locale) => string>;

/** An error on one row: the message plus "left out of every sum". */
function rowError(body: Body): Body {
  return {
    "nb-NO": (p, l) => body["nb-NO"](p, l) + leftOut["nb-NO"],
    "en-US": (p, l) => body["en-US"](p, l) + leftOut["en-US"],
  };
}

const rowWarning = (body: Body): Body => body;

/** A catalogue entry; with `count` set, its message is the summary line (see FindingList). */
const def = (id: string, title: Record<Locale, string>, body: Body): CheckDef => ({
  id,
  severity: id.startsWith("KBR-E-") ? "error" : "warning",
  blocking: false,
  title,
  message: {
    "nb-NO": (p, l) => (p.count ? more(p, l) : body["nb-NO"](p, l)),
    "en-US": (p, l) => (p.count ? more(p, l) : body["en-US"](p, l)),
  },
});

export const FOLLOWUP_CHECKS: readonly CheckDef[] = [
  // --- the tables and parameters ---
  def(
    "KBR-E-FOLLOWUP-TABLE-DUPLICATE",
    { "nb-NO": "Oppfølgingstabellene finnes bare én gang", "en-US": "Each follow-up table only once" },
    {
      "nb-NO": (p) => `Det finnes mer enn én tabell som heter «${p.name}» (store/små bokstaver og mellomrom teller ikke). Bare den første leses; behold én.`,
      "en-US": (p) => `More than one table is named "${p.name}" (ignoring case and spaces). Only the first is read; keep one.`,
    },
  ),
  def(
    "KBR-E-FOLLOWUP-COLUMN-MISSING",
    { "nb-NO": "Oppfølgingstabellene har kolonnene sine", "en-US": "Follow-up tables have their columns" },
    {
      "nb-NO": (p) => `Kolonnen «${p.name}» mangler, så tabellen leses ikke. Tabellen har kolonnene ${p.list}.`,
      "en-US": (p) => `The column "${p.name}" is missing, so the table is not read. The table has the columns ${p.list}.`,
    },
  ),
  def(
    "KBR-E-FOLLOWUP-PARAM",
    { "nb-NO": "Oppfølgingsparametrene har gyldige verdier", "en-US": "Follow-up parameters are valid" },
    {
      "nb-NO": (p, l) => `Parameteren «${p.name}» må være ${paramKind(p, l)}, men er ${showValue(p.value, l)}. Oppfølgingen beregnes ikke før den er rettet.`,
      "en-US": (p, l) => `The parameter "${p.name}" must be ${paramKind(p, l)}, but is ${showValue(p.value, l)}. The follow-up is not computed until it is corrected.`,
    },
  ),
  def(
    "KBR-E-FOLLOWUP-CELL-UNREADABLE",
    { "nb-NO": "Cellene i oppfølgingstabellene kan leses", "en-US": "Follow-up table cells are readable" },
    rowError({
      "nb-NO": (p) =>
        p.name === "uncalculated"
          ? `Cellen har formelen ${p.value} som aldri er beregnet. Åpne og lagre filen i et regneark.`
          : `Cellen er lagret som et tall, men teksten ${String(p.value)} er ikke et tall.`,
      "en-US": (p) =>
        p.name === "uncalculated"
          ? `The cell holds the formula ${p.value}, which has never been calculated. Open and save the file in a spreadsheet program.`
          : `The cell is stored as a number, but its text ${String(p.value)} is not a number.`,
    }),
  ),
  // --- Regnskap ---
  def("KBR-E-LEDGER-DATE-BAD", { "nb-NO": "Regnskap: datoene er datoer", "en-US": "Regnskap: dates are dates" }, rowError({ "nb-NO": dateProblem, "en-US": dateProblem })),
  def(
    "KBR-E-LEDGER-DATE-OUTSIDE",
    { "nb-NO": "Regnskap: datoene er i budsjettårene", "en-US": "Regnskap: dates in the budget years" },
    rowError({
      "nb-NO": (p, l) => `Datoen ${showValue(p.value, l)} er ikke i budsjettårene (${p.list}).`,
      "en-US": (p, l) => `The date ${showValue(p.value, l)} is not in the budget years (${p.list}).`,
    }),
  ),
  def(
    "KBR-E-LEDGER-POST-UNKNOWN",
    { "nb-NO": "Regnskap: postene finnes i budsjettet", "en-US": "Regnskap: posts are in the budget" },
    rowError({
      "nb-NO": (p, l) => `Posten ${showValue(p.value, l)} er verken en kostnadspost i Kostnader eller en kilde i Finansiering.`,
      "en-US": (p, l) => `The post ${showValue(p.value, l)} is neither a cost post of Kostnader nor a source of Finansiering.`,
    }),
  ),
  def(
    "KBR-E-LEDGER-POST-AMBIGUOUS",
    { "nb-NO": "Regnskap: postene er entydige", "en-US": "Regnskap: posts are unambiguous" },
    rowError({
      "nb-NO": (p, l) => `Posten ${showValue(p.value, l)} er både en kostnadspost i Kostnader og en kilde i Finansiering. Gi den ene et annet navn.`,
      "en-US": (p, l) => `The post ${showValue(p.value, l)} is both a cost post of Kostnader and a source of Finansiering. Rename one of them.`,
    }),
  ),
  def(
    "KBR-E-LEDGER-AMOUNT-BAD",
    { "nb-NO": "Regnskap: beløpene er tall", "en-US": "Regnskap: amounts are numbers" },
    rowError({
      "nb-NO": (p, l) => `Beløpet må være et tall (kr), men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `The amount must be a number (NOK), but is ${showValue(p.value, l)}.`,
    }),
  ),
  def(
    "KBR-E-LEDGER-IN-KIND",
    { "nb-NO": "Regnskap: egeninnsats føres i Timer", "en-US": "Regnskap: in-kind work goes in Timer" },
    rowError({
      "nb-NO": (p) => `Posten «${p.name}» er egeninnsats, som telles fra tabellen Timer (timer × timesats), ikke fra Regnskap. Før timene i Timer.`,
      "en-US": (p) => `The post "${p.name}" is in-kind work, which is counted from the table Timer (hours × rate), not from Regnskap. Enter the hours in Timer.`,
    }),
  ),
  def(
    "KBR-E-LEDGER-MUNICIPALITY",
    { "nb-NO": "Regnskap: kommunenes innbetalinger sier hvem som betalte", "en-US": "Regnskap: municipal payments say who paid" },
    rowError({
      "nb-NO": (p, l) =>
        `Posten «${p.name}» er kommunenes direkte bidrag, så Kommune må være en kommune i Kommuner, men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `The post "${p.name}" is the municipalities' direct contribution, so Kommune must be a municipality of Kommuner, but is ${showValue(p.value, l)}.`,
    }),
  ),
  def(
    "KBR-E-LEDGER-MUNICIPALITY-UNKNOWN",
    { "nb-NO": "Regnskap: Kommune er tom eller en kommune i Kommuner", "en-US": "Regnskap: Kommune is blank or a municipality of Kommuner" },
    rowError({
      "nb-NO": (p, l) => `Kommune er ${showValue(p.value, l)}, som ikke er en kommune i Kommuner. La cellen stå tom, eller skriv navnet slik det står i Kommuner.`,
      "en-US": (p, l) => `Kommune is ${showValue(p.value, l)}, which is not a municipality of Kommuner. Leave the cell blank, or write the name as Kommuner has it.`,
    }),
  ),
  // --- Timer ---
  def("KBR-E-HOURS-DATE-BAD", { "nb-NO": "Timer: datoene er datoer", "en-US": "Timer: dates are dates" }, rowError({ "nb-NO": dateProblem, "en-US": dateProblem })),
  def(
    "KBR-E-HOURS-DATE-OUTSIDE",
    { "nb-NO": "Timer: datoene er i budsjettårene", "en-US": "Timer: dates in the budget years" },
    rowError({
      "nb-NO": (p, l) => `Datoen ${showValue(p.value, l)} er ikke i budsjettårene (${p.list}).`,
      "en-US": (p, l) => `The date ${showValue(p.value, l)} is not in the budget years (${p.list}).`,
    }),
  ),
  def(
    "KBR-E-HOURS-WHO-BLANK",
    { "nb-NO": "Timer: hver rad sier hvem som arbeidet", "en-US": "Timer: every row says who worked" },
    rowError({
      "nb-NO": () => `Kommune er tom: skriv kommunen (eller den andre deltageren) som gjorde arbeidet.`,
      "en-US": () => `Kommune is blank: enter the municipality (or other participant) that did the work.`,
    }),
  ),
  def(
    "KBR-E-HOURS-HOURS-BAD",
    { "nb-NO": "Timer: timene er tall", "en-US": "Timer: hours are numbers" },
    rowError({
      "nb-NO": (p, l) => `Timer må være et tall, men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `Timer (hours) must be a number, but is ${showValue(p.value, l)}.`,
    }),
  ),
  def(
    "KBR-E-HOURS-RATE-BAD",
    { "nb-NO": "Timer: timesatsene er tall", "en-US": "Timer: rates are numbers" },
    rowError({
      "nb-NO": (p, l) => `Timesats må være et tall fra 0 og under 1 000 000 000 000 (kr per time), men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `Timesats (rate) must be a number from 0 and below 1,000,000,000,000 (NOK an hour), but is ${showValue(p.value, l)}.`,
    }),
  ),
  def(
    "KBR-E-HOURS-POST-UNKNOWN",
    { "nb-NO": "Timer: postene er egeninnsatsposter", "en-US": "Timer: posts are in-kind posts" },
    rowError({
      "nb-NO": (p, l) => `Posten ${showValue(p.value, l)} er ikke en kostnadspost med Art Egeninnsats i Kostnader (${p.list}).`,
      "en-US": (p, l) => `The post ${showValue(p.value, l)} is not a cost post of Art Egeninnsats in Kostnader (${p.list}).`,
    }),
  ),
  def(
    "KBR-E-HOURS-POST-MISSING",
    { "nb-NO": "Timer: posten er gitt når det er flere egeninnsatsposter", "en-US": "Timer: post given when there are several in-kind posts" },
    rowError({
      "nb-NO": (p) => `Kostnader har flere poster med Art Egeninnsats (${p.list}), så Post må si hvilken timene hører til.`,
      "en-US": (p) => `Kostnader has several posts of Art Egeninnsats (${p.list}), so Post must say which one the hours belong to.`,
    }),
  ),
  def(
    "KBR-W-HOURS-PARTICIPANT",
    { "nb-NO": "Timer: andre deltagere enn kommunene", "en-US": "Timer: participants other than the municipalities" },
    rowWarning({
      "nb-NO": (p, l) =>
        `${showValue(p.value, l)} er ikke en kommune i Kommuner og regnes som en annen deltager: timene telles i egeninnsatsen, men ikke hos noen kommune. Stemmer ikke det, rett navnet.`,
      "en-US": (p, l) =>
        `${showValue(p.value, l)} is not a municipality of Kommuner and counts as another participant: the hours count in the in-kind work, but for no municipality. If that is wrong, correct the name.`,
    }),
  ),
  def(
    "KBR-W-HOURS-RATE-HIGH",
    { "nb-NO": "Timer: timesatsen er innenfor taket", "en-US": "Timer: rate within the cap" },
    rowWarning({
      "nb-NO": (p, l) => `Timesatsen ${kr(p.a, l)} er over taket på ${kr(p.b, l)} (Maks timesats). Timene telles med satsen som står.`,
      "en-US": (p, l) => `The rate ${kr(p.a, l)} is above the cap of ${kr(p.b, l)} (Maks timesats). The hours count at the rate as written.`,
    }),
  ),
  def(
    "KBR-W-HOURS-PERSON-MAX",
    { "nb-NO": "Timer: timer per person og år er innenfor taket", "en-US": "Timer: hours per person and year within the cap" },
    rowWarning({
      "nb-NO": (p, l) => `${p.name} har ${hrs(p.a, l)} timer i ${p.year}, over taket på ${hrs(p.b, l)} timer per person og år; taket passeres i denne raden.`,
      "en-US": (p, l) => `${p.name} has ${hrs(p.a, l)} hours in ${p.year}, above the cap of ${hrs(p.b, l)} hours a person a year; this row passes the cap.`,
    }),
  ),
  // --- Forklaringer ---
  def(
    "KBR-E-EXPLAIN-POST-UNKNOWN",
    { "nb-NO": "Forklaringer: postene finnes i Kostnader", "en-US": "Forklaringer: posts are in Kostnader" },
    rowError({
      "nb-NO": (p, l) => `Posten ${showValue(p.value, l)} er ikke en kostnadspost i Kostnader.`,
      "en-US": (p, l) => `The post ${showValue(p.value, l)} is not a cost post of Kostnader.`,
    }),
  ),
  def(
    "KBR-E-EXPLAIN-YEAR-BAD",
    { "nb-NO": "Forklaringer: årene er budsjettår", "en-US": "Forklaringer: years are budget years" },
    rowError({
      "nb-NO": (p, l) => `År må være et budsjettår skrevet som tall (${p.list}), men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `År (year) must be a budget year entered as a number (${p.list}), but is ${showValue(p.value, l)}.`,
    }),
  ),
  def(
    "KBR-E-EXPLAIN-TEXT-BLANK",
    { "nb-NO": "Forklaringer: forklaringen er skrevet", "en-US": "Forklaringer: the explanation is written" },
    rowError({
      "nb-NO": () => `Forklaringen er tom.`,
      "en-US": () => `The explanation is blank.`,
    }),
  ),
  // --- the status at Rapportdato (warnings) ---
  def(
    "KBR-W-DEVIATION-UNEXPLAINED",
    { "nb-NO": "Store avvik er forklart", "en-US": "Large deviations are explained" },
    {
      "nb-NO": (p, l) =>
        `${p.name} ${p.year}: regnskapet er ${kr(p.a, l)} mot budsjett ${kr(p.b, l)} (avvik ${kr((p.a ?? 0) - (p.b ?? 0), l)}), som når avviksgrensen. Skriv en forklaring i tabellen Forklaringer (Post, År, Forklaring).`,
      "en-US": (p, l) =>
        `${p.name} ${p.year}: the actual is ${kr(p.a, l)} against a budget of ${kr(p.b, l)} (deviation ${kr((p.a ?? 0) - (p.b ?? 0), l)}), which reaches the deviation limit. Write an explanation in the table Forklaringer (Post, År, Forklaring).`,
    },
  ),
  def(
    "KBR-W-PAYMENT-SHORT",
    { "nb-NO": "Kommunene har betalt bidraget sitt", "en-US": "Municipalities have paid their contribution" },
    {
      "nb-NO": (p, l) => `${p.name} har betalt ${kr(p.a, l)} av ${kr(p.b, l)} for ${p.year} (mangler ${kr((p.b ?? 0) - (p.a ?? 0), l)}).`,
      "en-US": (p, l) => `${p.name} has paid ${kr(p.a, l)} of ${kr(p.b, l)} for ${p.year} (${kr((p.b ?? 0) - (p.a ?? 0), l)} outstanding).`,
    },
  ),
  def(
    "KBR-W-GRANTS-RECEIVED-OVER-HALF",
    { "nb-NO": "Mottatte tilskudd er høyst 50 % av kostnadene", "en-US": "Grants received at most 50 % of the costs" },
    {
      "nb-NO": (p, l) => `Mottatte eksterne tilskudd (${kr(p.a, l)}) er ${pct(p.expected as number, l)} av regnskapsførte kostnader (${kr(p.b, l)}) til og med ${p.name}; planen forutsetter høyst 50 %.`,
      "en-US": (p, l) => `External grants received (${kr(p.a, l)}) are ${pct(p.expected as number, l)} of the actual costs (${kr(p.b, l)}) up to ${p.name}; the plan expects at most 50 %.`,
    },
  ),
];

const BY_ID = new Map(FOLLOWUP_CHECKS.map((c) => [c.id, c]));

/** Beyond this many findings of one id, one summary finding per table says how many more. */
const MAX_ROW_FINDINGS = 20;

/** A follow-up finding with its message in every locale (as checks/findings.ts does for the rest). */
function followUpFinding(id: string, where: Where, params: CheckParams = {}): Finding {
  const d = BY_ID.get(id);
  if (!d) throw new Error(`unknown check id ${id}`);
  const message = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    const place = placeText(where, locale);
    const body = d.message[locale](params, locale);
    message[locale] = place ? `${place}: ${body}` : body;
  }
  return { id, severity: d.severity, message, where };
}

/**
 * Collects findings, keeping at most MAX_ROW_FINDINGS of each id and table and counting the
 * rest, so a ledger of 100 000 bad rows gives a readable list (and a small pane message).
 */
export class FindingList {
  readonly findings: Finding[] = [];
  private readonly counts = new Map<string, { n: number; where: Where }>();

  add(id: string, where: Where, params: CheckParams = {}): void {
    const key = `${id}|${where.table ?? ""}`;
    const c = this.counts.get(key) ?? { n: 0, where: { sheet: where.sheet, table: where.table } };
    c.n++;
    this.counts.set(key, c);
    if (c.n <= MAX_ROW_FINDINGS) this.findings.push(followUpFinding(id, where, params));
  }

  /** The findings, with one "and N more" per id and table that passed the limit. */
  done(): Finding[] {
    const out = [...this.findings];
    for (const [key, c] of this.counts) {
      if (c.n > MAX_ROW_FINDINGS) out.push(followUpFinding(key.split("|")[0], c.where, { count: c.n - MAX_ROW_FINDINGS }));
    }
    return out;
  }
}
