/**
 * The Kontroll (check) panel: runs the checks over the input tables and the generated sheets
 * (typed-over and stale values included) and lists the findings, errors first. A finding with
 * a cell is a real button that selects that cell in Excel, so Enter and Space work natively.
 */
import { check, GENERATED_SHEETS, type Finding } from "../../core/engine";
import { card, h, icon, messageBar, setMessage, withoutPrefix, type Child } from "../dom";
import { describeWhere, sortFindings } from "../explain";
import type { PaneContext, Panel } from "./context";

interface CheckPanel extends Panel {
  /** Lists findings (sorted) with a one-line summary above them. */
  showFindings(findings: readonly Finding[]): void;
}

export function checkPanel(ctx: PaneContext): CheckPanel {
  const { host, locale, m, state } = ctx;
  const checkMsg = messageBar();
  const findingList = h("ul", { class: "findings", "aria-label": m.checkHeading });
  const checkCard = card("check", m.checkHeading, m.checkIntro, null, ctx.button(m.checkButton, () => runCheck(), true), checkMsg, findingList);

  async function runCheck(): Promise<void> {
    setMessage(checkMsg, "info", m.checkRunning);
    findingList.replaceChildren();
    try {
      // One read for tables, status and the generated sheets (2 round trips in Excel instead of 5).
      const snap = await host.readAll(GENERATED_SHEETS);
      state.tables = snap.tables;
      const result = check(state.tables, snap.sheets, snap.status);
      showFindings(result.findings);
      // The inputs may have changed since the last refresh: keep the other tabs in step. check()
      // is build() plus the sheet findings, which name no input table, so no second build.
      state.current = result;
      ctx.renderAll();
    } catch (e) {
      setMessage(checkMsg, "error", m.failed(ctx.errorText(e)));
    }
  }

  function showFindings(findings: readonly Finding[]): void {
    const sorted = sortFindings(findings);
    const errors = sorted.filter((f) => f.severity === "error").length;
    const warnings = sorted.length - errors;
    setMessage(checkMsg, errors ? "error" : warnings ? "warning" : "success", sorted.length ? m.checkSummary(errors, warnings) : m.checkClean);
    findingList.replaceChildren(...sorted.map((f) => findingItem(f)));
  }

  function findingItem(f: Finding): HTMLLIElement {
    const where = describeWhere(f, locale);
    const body: Child[] = [
      h("span", { class: "finding-head" }, icon(f.severity), h("span", { class: "severity" }, m.severity[f.severity]), h("span", { class: "finding-id" }, f.id)),
      h("span", { class: "finding-message" }, withoutPrefix(f.message[locale], f.where.cell)),
      where ? h("span", { class: "finding-where" }, where) : null,
    ];
    const cell = f.where.cell;
    if (!cell) {
      return h("li", { class: `finding finding-${f.severity}`, "data-id": f.id }, h("div", { class: "finding-body" }, ...body));
    }
    // A real <button>: Enter and Space work natively, and it is in the tab order.
    const b = h(
      "button",
      { type: "button", class: "finding-body", "data-cell": cell, title: `${m.findingGoTo}: ${cell}` },
      ...body,
    );
    b.addEventListener("click", () => {
      host.select(cell).then(
        () => ctx.announce(m.selected(cell)),
        (e: unknown) => ctx.announce(m.selectFailed(cell, ctx.errorText(e))),
      );
    });
    return h("li", { class: `finding finding-${f.severity}`, "data-id": f.id }, b);
  }

  // The findings stay as the last check (or refused build) left them until the next one.
  return { content: [checkCard], render: () => undefined, showFindings };
}
