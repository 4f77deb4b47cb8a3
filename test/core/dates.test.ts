/** The one home of Excel dates (core/workbook/dates.ts): serials in both date systems and date format codes. */
import fc from "fast-check";
import { dateToSerial, isDateFormat, isDateSerial, serialToDate } from "../../src/core/workbook/dates";
import { serialToDate as xlsxSerialToDate } from "../../src/xlsx/read/styles";

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("serials", () => {
  it("1900 system, with Excel's fictitious 29 February 1900", () => {
    expect(iso(serialToDate(1))).toBe("1900-01-01");
    expect(iso(serialToDate(59))).toBe("1900-02-28");
    expect(iso(serialToDate(61))).toBe("1900-03-01");
    expect(iso(serialToDate(39448))).toBe("2008-01-01");
    expect(iso(serialToDate(2958465))).toBe("9999-12-31");
  });

  it("1904 system: serial 0 is 1 January 1904, no leap-year bug", () => {
    expect(iso(serialToDate(0, true))).toBe("1904-01-01");
    expect(iso(serialToDate(39448 - 1462, true))).toBe("2008-01-01");
    expect(iso(serialToDate(2958465 - 1462, true))).toBe("9999-12-31");
    expect(isDateSerial(0, true)).toBe(true);
    expect(isDateSerial(0)).toBe(false);
    expect(isDateSerial(2958466)).toBe(false);
    expect(isDateSerial(2958465 - 1461, true)).toBe(false);
  });

  it("dateToSerial inverts serialToDate in both systems (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }), fc.constantFrom(0, 0.25, 0.5), fc.boolean(), (day, part, d1904) => {
        const s = d1904 ? day - 1 : day === 60 ? 61 : day; // 60 is the day that never was
        expect(dateToSerial(serialToDate(s + part, d1904), d1904)).toBeCloseTo(s + part, 9);
      }),
    );
  });

  it("the xlsx reader uses this one implementation", () => {
    expect(xlsxSerialToDate).toBe(serialToDate);
  });
});

describe("isDateFormat", () => {
  it.each([
    "yyyy-mm-dd",
    "dd.mm.yyyy",
    "dd\\.mm\\.yyyy",
    "[$-414]d. mmmm yyyy",
    "[$-414]dd.mm.yyyy;@",
    "h:mm",
    "[h]:mm:ss",
    "[mm]:ss",
    "[ss]",
    "[Red]yyyy",
    'd" dager"',
    "mmm/yy",
    "hh:mm AM/PM",
    "e-mm-dd",
    "B2yyyy",
  ])("%s shows a date or time", (f) => expect(isDateFormat(f)).toBe(true));

  it.each(["General", "general", "#,##0", "0%", '#,##0 "kr"', '"dag "0', "\\d0", "[Red]0.00;[Blue]-0.00", "0.00E+00", "0.00e-00", "@", "[$kr-414] #,##0", "[>100]0;0", "_-* #,##0_-", "0;dd", "", "* #,##0"])(
    "%s does not",
    (f) => expect(isDateFormat(f)).toBe(false),
  );

  it("what is not a format string is not a date format", () => {
    for (const v of [undefined, null, 14, true, {}]) expect(isDateFormat(v)).toBe(false);
  });
});
