/** The `followUp` object of `kbr build --json` / `kbr check --json` (docs/followup.md): a pure view of the model. */
import type { FollowUp, FollowUpJson } from "./types";

export function followUpJson(f: FollowUp): FollowUpJson {
  return {
    asOf: f.asOf,
    costs: f.costs.map((c) => ({ post: c.post, year: Number(c.year), budget: c.budget, actual: c.actual, deviation: c.deviation, explained: c.explained, flagged: c.flagged })),
    financing: f.financing.map((x) => ({ source: x.source, year: Number(x.year), planned: x.planned, received: x.received })),
    municipalities: f.municipalities.map((m) => ({ name: m.name, year: Number(m.year), due: m.due, paid: m.paid })),
    inKind: f.inKind.map((m) => ({ name: m.name, year: Number(m.year), planned: m.planned, hours: m.hours, value: m.value })),
  };
}
