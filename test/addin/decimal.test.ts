/** decimalMultiply: products on the decimals Excel shows, not on their binary neighbours. */
import fc from "fast-check";
import { decimalMultiply } from "../../src/core/decimal";
import { messages } from "../../src/functions/messages";
import { LOCALES } from "../../src/core/i18n";

describe("decimalMultiply", () => {
  test.each([
    [0.15, 1250000, 187500],
    [0.1, 3, 0.3],
    [0.07, 100, 7],
    [1.1, 1.1, 1.21],
    [-0.1, 3, -0.3],
    [0.25, 1e21, 2.5e20],
    [3e-7, 0.1, 3e-8],
    [0, -5, 0],
  ])("%p × %p = %p", (a, b, product) => {
    expect(decimalMultiply(a, b)).toBe(product);
  });

  test("the binary product differs in the cases that matter (so the test above can fail)", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(0.07 * 100).not.toBe(7);
  });

  test("a two-decimal share times a whole amount is the exact decimal product", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: -1e9, max: 1e9 }), (cents, amount) => {
        const share = Number(`${cents}e-2`);
        const exact = BigInt(cents) * BigInt(amount);
        expect(decimalMultiply(share, amount)).toBe(Number(`${exact}e-2`));
        expect(decimalMultiply(amount, share)).toBe(Number(`${exact}e-2`));
      }),
    );
  });
});

describe("message catalogue", () => {
  test("every message has a non-empty text in every locale", () => {
    for (const [id, entry] of Object.entries(messages)) {
      for (const locale of LOCALES) {
        const m = (entry as Record<string, unknown>)[locale];
        const text = typeof m === "function" ? (m as (p: object) => string)({ at: "A", value: "V", row: 1, first: 1, columns: 3, rows: 2, count: "9", max: "8", known: "K", reason: "R" }) : m;
        expect(typeof text === "string" && text.length > 10 ? id : `${id} ${locale} empty`).toBe(id);
      }
    }
  });
});
