/**
 * The catalogue's entries about the result: the budget's consistency, the optional Scenarier
 * table (not blocking) and the generated sheets read back.
 */
import { n, pct, showValue } from "./show";
import type { CheckDef } from "./types";

export const RESULT_CHECKS: readonly CheckDef[] = [
  // --- consistency of the budget (errors and warnings that do not block the sheets) ---
  {
    id: "KBR-E-BALANCE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Kostnader = finansiering hvert år", "en-US": "Costs = financing each year" },
    message: {
      "nb-NO": (p, l) => `${p.year}: kostnadene er ${n(p.a, l)} kr, men finansieringen er ${n(p.b, l)} kr (differanse ${n((p.a ?? 0) - (p.b ?? 0), l)} kr).`,
      "en-US": (p, l) => `${p.year}: the costs are NOK ${n(p.a, l)}, but the financing is NOK ${n(p.b, l)} (difference NOK ${n((p.a ?? 0) - (p.b ?? 0), l)}).`,
    },
  },
  {
    id: "KBR-E-INKIND-BALANCE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Egeninnsats i kostnader = i finansiering", "en-US": "In-kind costs = in-kind financing" },
    message: {
      "nb-NO": (p, l) => `${p.year}: egeninnsatsen i kostnadene er ${n(p.a, l)} kr, men i finansieringen ${n(p.b, l)} kr.`,
      "en-US": (p, l) => `${p.year}: in-kind costs are NOK ${n(p.a, l)}, but in-kind financing is NOK ${n(p.b, l)}.`,
    },
  },
  {
    id: "KBR-E-CONTRIB-SUM",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Bidragene summerer til kommunenes finansiering", "en-US": "Contributions add up to the municipalities' financing" },
    message: {
      "nb-NO": (p, l) => `${p.year}: kommunenes bidrag summerer til ${n(p.a, l)} kr, men finansieringen fra kommunene (Art Kommunene) er ${n(p.b, l)} kr.`,
      "en-US": (p, l) => `${p.year}: the contributions add up to NOK ${n(p.a, l)}, but the municipalities' financing (Art Kommunene) is NOK ${n(p.b, l)}.`,
    },
  },
  {
    id: "KBR-W-CONTRIB-ROUNDED",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Bidragene er hele kroner", "en-US": "Contributions in whole kroner" },
    message: {
      "nb-NO": (p, l) =>
        `${p.year}: kommunenes andel (Art Kommunene) er ${n(p.b, l)} kr, med øre. Bidragene er hele kroner og summerer til ${n(p.a, l)} kr, beløpet avrundet til hele kroner (som Excels AVRUND).`,
      "en-US": (p, l) =>
        `${p.year}: the municipalities' amount (Art Kommunene) is NOK ${n(p.b, l)}, with øre. The contributions are whole kroner and add up to NOK ${n(p.a, l)}, the amount rounded to whole kroner (as Excel's ROUND).`,
    },
  },
  {
    id: "KBR-W-GRANTS-OVER-HALF",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Eksterne tilskudd høyst 50 % av kostnadene", "en-US": "External grants at most 50 % of costs" },
    message: {
      "nb-NO": (p, l) => `${p.year}: eksterne tilskudd er ${n(p.a, l)} kr, ${pct(p.b, l)} av kostnadene (mer enn 50 %).`,
      "en-US": (p, l) => `${p.year}: external grants are NOK ${n(p.a, l)}, ${pct(p.b, l)} of the costs (more than 50 %).`,
    },
  },
  // --- the optional Scenarier table (warnings: a bad row is left out, the build goes on) ---
  {
    id: "KBR-W-SCENARIO-SHARE",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Scenarienes andel likt fordelt mellom 0 og 1", "en-US": "Scenario equal shares between 0 and 1" },
    message: {
      "nb-NO": (p, l) =>
        `Andel likt fordelt${p.name ? ` i scenariet «${p.name}»` : ""} må være et tall mellom 0 og 1 (0 % til 100 %), men er ${showValue(p.value, l)}. Scenariet er utelatt.`,
      "en-US": (p, l) =>
        `The equal share${p.name ? ` of the scenario "${p.name}"` : ""} must be a number from 0 to 1 (0 % to 100 %), but is ${showValue(p.value, l)}. The scenario is left out.`,
    },
  },
  {
    id: "KBR-W-SCENARIO-NAME-BLANK",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Hvert scenario har et navn", "en-US": "Every scenario has a name" },
    message: {
      "nb-NO": () => `Scenarionavnet er tomt. Scenariet er utelatt.`,
      "en-US": () => `The scenario name is blank. The scenario is left out.`,
    },
  },
  {
    id: "KBR-W-SCENARIO-NAME-DUPLICATE",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Ingen scenarionavn to ganger", "en-US": "No duplicate scenario names" },
    message: {
      "nb-NO": (p) => `Scenariet «${p.name}» står også i rad ${p.firstRow}. Gi hvert scenario sitt eget navn; denne raden er utelatt.`,
      "en-US": (p) => `The scenario "${p.name}" is also in row ${p.firstRow}. Give each scenario a name of its own; this row is left out.`,
    },
  },
  {
    id: "KBR-W-SCENARIO-OWN-KEY",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Scenarier skiller seg fra dagens nøkkel", "en-US": "Scenarios differ from the current key" },
    message: {
      "nb-NO": (p, l) => `Scenariet «${p.name}» har samme andel likt fordelt som arbeidsboken selv (${showValue(p.value, l)}), så det gir de samme bidragene som Kommunebidrag.`,
      "en-US": (p, l) => `The scenario "${p.name}" has the workbook's own equal share (${showValue(p.value, l)}), so it gives the same contributions as Kommunebidrag.`,
    },
  },
  {
    id: "KBR-W-FORMULA-PRECISION",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Formlene gir det samme som regelen", "en-US": "The formulas give what the rule gives" },
    message: {
      "nb-NO": (p) =>
        `${p.count} celler: restene avviker med mindre enn 0,000000001, og regnearkformlene (som runder restene til 9 desimaler) kan gi en krone til en annen kommune enn regelen. Bruk tilleggets verdier, eller juster andelen likt fordelt.`,
      "en-US": (p) =>
        `${p.count} cells: remainders differ by less than 0.000000001, and the sheet formulas (which round remainders to 9 decimals) may give a krone to another municipality than the rule. Use the add-in's values, or adjust the equal share.`,
    },
  },
  // --- the generated sheets read back ---
  {
    id: "KBR-E-SHEET-TYPED-OVER",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Formler er ikke overskrevet", "en-US": "Formulas not typed over" },
    message: {
      "nb-NO": (p, l) =>
        p.count
          ? `og ${p.count} celler til har ikke lenger formelen sin. Bygg arkene på nytt.`
          : p.formula !== undefined
            ? `Cellen skal ha formelen ${p.expected}, men har ${p.formula}. Bygg arkene på nytt.`
            : `Cellen skal ha en formel, men har verdien ${showValue(p.value, l)}. Bygg arkene på nytt.`,
      "en-US": (p, l) =>
        p.count
          ? `and ${p.count} more cells no longer hold their formula. Rebuild the sheets.`
          : p.formula !== undefined
            ? `The cell should hold the formula ${p.expected} but holds ${p.formula}. Rebuild the sheets.`
            : `The cell should hold a formula but holds the value ${showValue(p.value, l)}. Rebuild the sheets.`,
    },
  },
  {
    id: "KBR-E-SHEET-STALE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Genererte verdier følger regelen", "en-US": "Generated values follow the rule" },
    message: {
      "nb-NO": (p, l) =>
        p.count ? `og ${p.count} celler til avviker fra det regelen gir. Bygg arkene på nytt.` : `Cellen viser ${showValue(p.value, l)}, men regelen gir ${showValue(p.expected, l)}. Bygg arkene på nytt.`,
      "en-US": (p, l) =>
        p.count ? `and ${p.count} more cells differ from what the rule gives. Rebuild the sheets.` : `The cell shows ${showValue(p.value, l)}, but the rule gives ${showValue(p.expected, l)}. Rebuild the sheets.`,
    },
  },
  {
    id: "KBR-W-SHEET-MISSING",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Genererte ark finnes", "en-US": "Generated sheets present" },
    message: {
      "nb-NO": (p) => `Arket «${p.name}» finnes ikke. Bygg arkene.`,
      "en-US": (p) => `The sheet "${p.name}" does not exist. Build the sheets.`,
    },
  },
  {
    id: "KBR-E-SHEET-NAME-TAKEN",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Arknavnene er ledige", "en-US": "Sheet names free" },
    message: {
      "nb-NO": (p) => `Arket «${p.name}» er ditt eget ark, ikke et generert. Gi det et annet navn før du bygger.`,
      "en-US": (p) => `The sheet "${p.name}" is your own sheet, not a generated one. Rename it before building.`,
    },
  },
];
