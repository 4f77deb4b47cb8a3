/**
 * The optional Scenarier table: one scenario per row with a name and an equal share 0–1. Its
 * findings are warnings: a bad row (blank or repeated name, a share outside 0–1 or not a number,
 * an empty row) is reported and left out, and the build goes on with the other scenarios.
 */
import { finding } from "../checks/findings";
import { cellWhere, isBlank, nameKey, type ReadContext, type TableRef, text } from "./tables";


/** A scenario equal to the workbook's own key is kept (a warning too). */
export function readScenarios(
  ref: TableRef | undefined,
  ownShare: number,
  ctx: ReadContext,
): { scenarios: { name: string; equalShare: number }[]; rows: number[] } {
  const { findings, reportIssue } = ctx;
  const scenarios: { name: string; equalShare: number }[] = [];
  const rows: number[] = [];
  if (!ref) return { scenarios, rows };
  const t = ref.table;
  const cName = ref.columns.Scenario.index;
  const cShare = ref.columns["Andel likt fordelt"].index;
  const seen = new Map<string, number>();
  t.rows.forEach((row, r) => {
    const nameV = row[cName] ?? null;
    const name = isBlank(nameV) ? "" : text(nameV).trim();
    let ok = true;
    if (reportIssue(t, r, cName, "Scenario")) ok = false;
    else if (!name) {
      findings.push(finding("KBR-W-SCENARIO-NAME-BLANK", cellWhere(t, r, cName, "Scenario")));
      ok = false;
    } else {
      const first = seen.get(nameKey(name));
      if (first !== undefined) {
        findings.push(finding("KBR-W-SCENARIO-NAME-DUPLICATE", cellWhere(t, r, cName, "Scenario"), { name, firstRow: first + 1 }));
        ok = false;
      } else seen.set(nameKey(name), r);
    }
    const v = row[cShare] ?? null;
    const shareWhere = cellWhere(t, r, cShare, "Andel likt fordelt");
    if (reportIssue(t, r, cShare, "Andel likt fordelt")) ok = false;
    // A wholly empty row (a new table's first row) is said once, by the blank name.
    else if (!name && isBlank(v)) ok = false;
    else if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
      findings.push(finding("KBR-W-SCENARIO-SHARE", shareWhere, { value: v, name: name || undefined }));
      ok = false;
    } else if (v === ownShare) findings.push(finding("KBR-W-SCENARIO-OWN-KEY", shareWhere, { name, value: v }));
    if (ok && typeof v === "number") {
      scenarios.push({ name, equalShare: v });
      rows.push(r);
    }
  });
  return { scenarios, rows };
}
