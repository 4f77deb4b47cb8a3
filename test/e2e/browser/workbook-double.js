/**
 * An in-memory workbook for the task pane's browser tests: implements the WorkbookPort of
 * src/core/workbook/types.ts plus select() (CellNavigator) and displayLanguage. Plain JS
 * because Playwright injects it into the page with addInitScript, before the bundle loads.
 *
 * It behaves like the port's contract says: write() never overwrites an existing input table
 * and refuses (writing nothing) when a generated name is a user's sheet; formula cells read
 * back with the value the engine expected, as a recalculating Excel would show them.
 * It records every write and selection so the tests can assert what the pane asked for.
 */
/* eslint-disable */
(function () {
  "use strict";

  /** JSON cannot carry Dates: the Node side sends {"$date": iso}. */
  function revive(value) {
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === "object") {
      if (typeof value.$date === "string") return new Date(value.$date);
      const out = {};
      for (const k of Object.keys(value)) out[k] = revive(value[k]);
      return out;
    }
    return value;
  }

  /** Deep copy keeping Dates, so the pane never holds references into the double's state. */
  function copy(value) {
    if (value instanceof Date) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map(copy);
    if (value && typeof value === "object") {
      const out = {};
      for (const k of Object.keys(value)) out[k] = copy(value[k]);
      return out;
    }
    return value;
  }

  const lower = (s) => String(s).trim().toLowerCase();

  function sheetFromPlan(plan) {
    const rows = [];
    for (const c of plan.cells) {
      while (rows.length <= c.row) rows.push([]);
      const row = rows[c.row];
      while (row.length <= c.col) row.push({ value: null });
      if (c.formula) {
        const expected = c.expected === undefined ? null : c.expected;
        row[c.col] = { value: expected, formula: c.formula };
      } else {
        row[c.col] = { value: c.value === undefined ? null : c.value };
      }
    }
    return { name: plan.name, rows };
  }

  function create(config) {
    config = revive(config || {});
    const delayMs = config.delayMs || 0;
    const state = {
      tables: config.tables || [],
      /** name -> { kind: "generated" | "user", data: SheetData } */
      sheets: new Map(),
      writes: [],
      selections: [],
      calls: [],
      edits: [],
    };
    for (const name of config.userSheets || []) state.sheets.set(lower(name), { kind: "user", data: { name, rows: [] } });

    const pause = () => new Promise((r) => setTimeout(r, delayMs));

    const double = {
      displayLanguage: config.displayLanguage,
      /** Stands in for Office.context.officeTheme (src/taskpane/host.ts); undefined: no theme. */
      officeTheme: config.officeTheme,

      async readTables() {
        state.calls.push("readTables");
        await pause();
        return copy(state.tables);
      },

      async readSheets(names) {
        state.calls.push("readSheets");
        await pause();
        const out = [];
        for (const n of names) {
          const s = state.sheets.get(lower(n));
          if (s) out.push(copy(s.data));
        }
        return out;
      },

      async sheetStatus(names) {
        state.calls.push("sheetStatus");
        await pause();
        const out = {};
        for (const n of names) {
          const s = state.sheets.get(lower(n));
          out[n] = s ? s.kind : "absent";
        }
        return out;
      },

      async write(plans, inputTables) {
        state.calls.push("write");
        await pause();
        if (config.failWrite) {
          // Like the adapters' WriteError: the refusal in both languages under `texts`.
          const e = new Error("Write failed (test)");
          e.texts = { "nb-NO": "Skrivingen feilet (test).", "en-US": "The write failed (test)." };
          throw e;
        }
        const given = inputTables || [];
        for (const p of plans) {
          const s = state.sheets.get(lower(p.name));
          if (s && s.kind === "user") throw new Error(`Sheet ${p.name} is a user's sheet; nothing written.`);
        }
        for (const t of given) {
          if (state.tables.some((x) => lower(x.name) === lower(t.name))) throw new Error(`Table ${t.name} exists; nothing written.`);
        }
        // Like the Office.js adapter: a table going onto cells in use is refused, nothing written.
        for (const t of given) {
          for (const o of config.occupied || []) {
            const bottom = t.top + (t.rows || []).length;
            if (lower(o.sheet) === lower(t.sheet) && t.top <= o.toRow && bottom >= o.fromRow) {
              const e = new Error(`Table ${t.name}: area in use; nothing written.`);
              e.texts = { "nb-NO": `Tabellen «${t.name}» skulle stå der det allerede står noe (test).`, "en-US": `The table "${t.name}" would go where something is already (test).` };
              e.code = "tableAreaInUse";
              e.written = [];
              e.writtenTables = [];
              throw e;
            }
          }
        }
        for (const t of given) state.tables.push(copy(t));
        for (const p of plans) state.sheets.set(lower(p.name), { kind: "generated", data: sheetFromPlan(p) });
        state.writes.push({ plans: plans.map((p) => p.name), tables: given.map((t) => t.name) });
      },

      /** The port's one-batch build: read, let the planner decide, write what it returned (as write() would). */
      async update(names, planner) {
        state.calls.push("update");
        await pause();
        const status = {};
        for (const n of names) {
          const s = state.sheets.get(lower(n));
          status[n] = s ? s.kind : "absent";
        }
        const result = await planner(copy(state.tables), status);
        const given = (result && result.inputTables) || [];
        if (result && (result.plans.length > 0 || given.length > 0)) await double.write(result.plans, given);
        return result;
      },

      /** Tables, status and the named sheets present, in one call (the pane's Check). */
      async readAll(names) {
        state.calls.push("readAll");
        await pause();
        const status = {};
        const sheets = [];
        for (const n of names) {
          const s = state.sheets.get(lower(n));
          status[n] = s ? s.kind : "absent";
          if (s && !sheets.some((x) => lower(x.name) === lower(s.data.name))) sheets.push(copy(s.data));
        }
        return { tables: copy(state.tables), status, sheets };
      },

      /**
       * Edits existing input tables in place, as src/excel/inputEdit.ts does in Excel (the SSB
       * populations): sets a column's cells (null leaves one), appends a new column, sets or adds
       * a row. Refuses a missing or changed table, writing nothing (`failEdit` refuses always).
       */
      async editInputTables(columns, rows, expectRows) {
        state.calls.push("editInputTables");
        await pause();
        const find = (name) => state.tables.find((t) => lower(t.name) === lower(name));
        const refuse = (nb, en) => {
          const e = new Error(en);
          e.texts = { "nb-NO": nb, "en-US": en };
          throw e;
        };
        if (config.failEdit) refuse("Cellen D3 i tabellen «Kommuner» har en formel (test).", "The cell D3 of the table \"Kommuner\" holds a formula (test).");
        for (const e of [...columns, ...rows]) if (!find(e.table)) refuse(`Fant ikke tabellen «${e.table}».`, `The table "${e.table}" is not in the workbook.`);
        for (const [name, n] of Object.entries(expectRows || {})) {
          const t = find(name);
          if (t && t.rows.length !== n) refuse(`Tabellen «${name}» er endret.`, `The table "${name}" has changed.`);
        }
        for (const c of columns) {
          const t = find(c.table);
          let i = t.headers.findIndex((hd) => lower(hd) === lower(c.header));
          if (i < 0) {
            t.headers.push(c.header);
            t.rows.forEach((r) => r.push(null));
            i = t.headers.length - 1;
          }
          c.values.forEach((v, r) => {
            if (v !== null) t.rows[r][i] = v;
          });
        }
        for (const r of rows) {
          const t = find(r.table);
          const line = r.row === null ? t.headers.map(() => null) : t.rows[r.row];
          for (const [hd, v] of Object.entries(r.values)) line[t.headers.findIndex((x) => lower(x) === lower(hd))] = v;
          if (r.row === null) t.rows.push(line);
        }
        state.edits.push({ columns: columns.map((c) => c.header), rows: rows.map((r) => Object.values(r.values)[0]) });
      },

      async select(address) {
        state.calls.push("select");
        state.selections.push(address);
      },

      // ---- test controls (not part of the port)
      /** Types a value over a cell of a sheet, as a user would: the formula is gone. */
      typeOver(sheet, row, col, value) {
        const s = state.sheets.get(lower(sheet));
        if (!s) throw new Error(`No sheet ${sheet}`);
        while (s.data.rows.length <= row) s.data.rows.push([]);
        const r = s.data.rows[row];
        while (r.length <= col) r.push({ value: null });
        r[col] = { value };
      },
      /** The first formula cell of a sheet showing `value` (so tests need not know the layout), or null. */
      findFormulaCell(sheet, value) {
        const s = state.sheets.get(lower(sheet));
        if (!s) return null;
        for (let r = 0; r < s.data.rows.length; r++) {
          const row = s.data.rows[r];
          for (let c = 0; c < row.length; c++) {
            const cell = row[c];
            if (cell && cell.formula && cell.value === value) return { row: r, col: c, value: cell.value, formula: cell.formula };
          }
        }
        return null;
      },
      snapshot() {
        return copy({
          tables: state.tables,
          writes: state.writes,
          selections: state.selections,
          calls: state.calls,
          edits: state.edits,
          sheets: Array.from(state.sheets.values()).map((s) => ({ name: s.data.name, kind: s.kind, rows: s.data.rows.length })),
        });
      },
    };
    return double;
  }

  window.createKbrWorkbookDouble = create;
})();
