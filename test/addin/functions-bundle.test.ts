/**
 * The built dist/functions.js (run `npm run build` first) loads alone in a bare JavaScript
 * context with only the CustomFunctions and Office globals, registers both functions without
 * touching Office or any DOM at load time, and computes through them.
 */
import * as vm from "vm";
import { PLAN_TOTALS_2009, REGION_2009 } from "../../src/core/region2009";
import { readDist } from "./dist";

class BundleError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

type Fn = (...args: unknown[]) => unknown;

function loadBundle(displayLanguage: string) {
  const registry: Record<string, Fn> = {};
  const officeReads: string[] = [];
  let loading = true;
  const office = new Proxy(
    { context: { displayLanguage } },
    {
      get(target, key) {
        if (loading) officeReads.push(String(key));
        return target[key as keyof typeof target];
      },
    },
  );
  const context = vm.createContext({
    CustomFunctions: {
      associate: (id: string, fn: Fn) => {
        registry[id] = fn;
      },
      Error: BundleError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
    },
    Office: office,
  });
  vm.runInContext(readDist("functions.js"), context, { filename: "dist/functions.js" });
  loading = false;
  return { registry, officeReads, context };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return "no error";
}

describe("dist/functions.js", () => {
  test("loads with only CustomFunctions and Office defined, and registers SPLIT and RESOURCE_SHARE", () => {
    const { registry, officeReads } = loadBundle("en-US");
    expect(Object.keys(registry).sort()).toEqual(["RESOURCE_SHARE", "SPLIT"]);
    expect(typeof registry.SPLIT).toBe("function");
    expect(typeof registry.RESOURCE_SHARE).toBe("function");
    // Office is read at call time only: at load time it may not be initialized.
    expect(officeReads).toEqual([]);
  });

  test("defines no globals of its own (it is an IIFE), so it cannot clash with the task pane", () => {
    const { context } = loadBundle("en-US");
    expect(Object.keys(context).sort()).toEqual(["CustomFunctions", "Office"]);
  });

  test("KBR.SPLIT reproduces the plan's Totalt column", () => {
    const { registry } = loadBundle("en-US");
    const populations = REGION_2009.map((m) => [m.population]);
    expect(registry.SPLIT(populations, null, null, null, null)).toEqual(PLAN_TOTALS_2009.map((t) => [t]));
  });

  test("KBR.RESOURCE_SHARE(\"Tinn\"; 1250000) gives 187500", () => {
    const { registry } = loadBundle("en-US");
    expect(registry.RESOURCE_SHARE([["Tinn"]], 1250000, null)).toEqual([[187500]]);
  });

  test("errors are the runtime's CustomFunctions.Error, in the display language", () => {
    const nb = loadBundle("nb-NO").registry;
    const e = thrown(() => nb.SPLIT([[1], ["x"]], null, null, null, null));
    expect(e).toBeInstanceOf(BundleError);
    expect(e).toEqual(new BundleError("#VALUE!", "populations, rad 2: «x» er tekst, ikke et tall."));
    const en = loadBundle("en-GB").registry;
    expect(thrown(() => en.RESOURCE_SHARE([["Oslo"]], null, null))).toMatchObject({ code: "#N/A", message: expect.stringContaining('"Oslo" is not a known municipality') });
  });

  test("loads with no Office globals at all (a plain page, office.js blocked): nothing thrown, nothing defined", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(readDist("functions.js"), context, { filename: "dist/functions.js" })).not.toThrow();
    expect(Object.keys(context)).toEqual([]);
  });

  test("an error cell among the populations is #VALUE! naming its row, in the display language", () => {
    const nb = loadBundle("nb-NO").registry;
    expect(thrown(() => nb.SPLIT([[1619], [6066], [new BundleError("#N/A")]], null, null, null, null))).toEqual(
      new BundleError("#VALUE!", "populations, rad 3: cellen inneholder en feilverdi eller en datatype, ikke et tall."),
    );
    const en = loadBundle("en-US").registry;
    expect(thrown(() => en.SPLIT([[1619], [6066], [new BundleError("#DIV/0!")]], null, null, null, null))).toEqual(
      new BundleError("#VALUE!", "populations, row 3: the cell holds an error value or a data type, not a number."),
    );
  });

  test("every parameter the built metadata lets errors into handles one: a message, or the error passed on", () => {
    // allowErrorForDataTypeAny applies to every parameter of type any, not only the ranges.
    const metadata = JSON.parse(readDist("functions.json")) as { allowErrorForDataTypeAny?: boolean; functions: { id: string; parameters: { name: string; type: string }[] }[] };
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    const { registry } = loadBundle("en-US");
    const valid: Record<string, unknown[]> = {
      SPLIT: [REGION_2009.map((m) => [m.population]), 500000, 0.5, 0, false],
      RESOURCE_SHARE: [[["Tinn"]], 1000, [["Tinn", 1]]],
    };
    let checked = 0;
    for (const fn of metadata.functions) {
      fn.parameters.forEach((p, i) => {
        if (p.type !== "any") return;
        const cell = new BundleError("#N/A");
        const args = [...valid[fn.id]];
        // A range gets the error in a cell (its second column for weights' share), a value as itself.
        args[i] = Array.isArray(args[i]) ? (args[i] as unknown[][]).map((r) => r.map((v, k) => (k === r.length - 1 ? cell : v))) : cell;
        let out: unknown;
        try {
          out = registry[fn.id](...args);
        } catch (e) {
          out = e;
        }
        const message = `${fn.id}(${p.name})`;
        if (out === cell) return void checked++;
        // RESOURCE_SHARE returns a one-cell error in its cell only for ranges of several names.
        const e = Array.isArray(out) ? (out as unknown[][])[0][0] : out;
        expect([message, e]).toEqual([message, new BundleError("#VALUE!", expect.stringMatching(new RegExp(`^${p.name}, row 1: `)))]);
        checked++;
      });
    }
    expect(checked).toBe(8);
  });

  test("contains no task pane or DOM code", () => {
    const code = readDist("functions.js");
    expect(code).not.toMatch(/\bdocument\b|\bwindow\.|getElementById|Office\.onReady/);
  });
});
