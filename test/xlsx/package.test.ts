/** The package model (src/xlsx/package): part names, content types, rels, raw copy, limits. */
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import { openPackage } from "../../src/xlsx/package/opc";
import { normalizePartName, relsPartName } from "../../src/xlsx/package/packUri";
import { readCentralDirectory, compressedData } from "../../src/xlsx/package/zip";
import { LocalizedError } from "../../src/xlsx/messages";
import JSZip from "jszip";
import { makeZip, makeRawZip, extraField, deflatedZeros, contentTypes } from "./zipKit";

const WS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const WB_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const REL_WS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

async function excelJsBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ark1");
  ws.getCell("A1").value = "hei";
  for (let r = 2; r < 200; r++) ws.getCell(r, 2).value = r * 3;
  wb.addWorksheet("Ark2").getCell("C3").value = 7;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function refusal(p: Promise<unknown>): Promise<LocalizedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LocalizedError);
    return e as LocalizedError;
  }
  throw new Error("expected a refusal");
}

describe("part names and relationships", () => {
  test("normalises names and rels part names", () => {
    expect(normalizePartName("xl/worksheets/../workbook.xml")).toBe("/xl/workbook.xml");
    expect(normalizePartName("xl\\./styles.xml")).toBe("/xl/styles.xml");
    expect(relsPartName("/")).toBe("/_rels/.rels");
    expect(relsPartName("/xl/workbook.xml")).toBe("/xl/_rels/workbook.xml.rels");
  });

  test("resolves relative, absolute, dotted and percent-encoded targets, case-insensitively", async () => {
    const zip = makeZip([
      { name: "[Content_Types].xml", text: contentTypes({ "/xl/workbook.xml": WB_TYPE, "/xl/worksheets/Ledger Data.xml": WS_TYPE }) },
      { name: "xl/workbook.xml", text: "<workbook/>" },
      { name: "xl/worksheets/Ledger Data.xml", text: "<worksheet/>" },
    ]);
    const pkg = await openPackage(zip);
    expect(pkg.partNames()).toEqual(["/xl/workbook.xml", "/xl/worksheets/Ledger Data.xml"]);
    expect(pkg.resolve("/xl/workbook.xml", "worksheets/Ledger%20Data.xml")).toBe("/xl/worksheets/Ledger Data.xml");
    expect(pkg.resolve("/xl/workbook.xml", "/xl/worksheets/ledger data.xml")).toBe("/xl/worksheets/Ledger Data.xml");
    expect(pkg.resolve("/xl/workbook.xml", "./worksheets/../worksheets/Ledger Data.xml")).toBe("/xl/worksheets/Ledger Data.xml");
    expect(pkg.resolve("/", "xl/workbook.xml")).toBe("/xl/workbook.xml");
    expect(pkg.resolve("/xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe("/xl/tables/table1.xml");
    expect(pkg.relativeTarget("/xl/workbook.xml", "/xl/worksheets/sheet9.xml")).toBe("worksheets/sheet9.xml");
    expect(pkg.relativeTarget("/xl/worksheets/sheet1.xml", "/xl/tables/table2.xml")).toBe("../tables/table2.xml");
    expect(pkg.relativeTarget("/", "/xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(pkg.contentType("/XL/worksheets/ledger data.xml")).toBe(WS_TYPE);
    expect(pkg.contentType("/xl/other.xml")).toBe("application/xml");
    expect(pkg.has("/xl/WORKBOOK.xml")).toBe(true);
    expect(await pkg.readText("xl/workbook.xml")).toBe("<workbook/>");
  });

  test("reads rels with relative and absolute targets and writes them back", async () => {
    const zip = makeZip([
      { name: "[Content_Types].xml", text: contentTypes({}) },
      {
        name: "xl/_rels/workbook.xml.rels",
        text: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_WS}" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x" Target="http://a.b/c" TargetMode="External"/></Relationships>`,
      },
      { name: "xl/workbook.xml", text: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", text: "<worksheet/>" },
    ]);
    const pkg = await openPackage(zip);
    const rels = await pkg.rels("/xl/workbook.xml");
    expect(rels).toEqual([
      { id: "rId1", type: REL_WS, target: "/xl/worksheets/sheet1.xml" },
      { id: "rId2", type: "x", target: "http://a.b/c", targetMode: "External" },
    ]);
    expect(pkg.resolve("/xl/workbook.xml", rels[0].target)).toBe("/xl/worksheets/sheet1.xml");
    pkg.setRels("/xl/workbook.xml", [...rels, { id: "rId3", type: REL_WS, target: "worksheets/sheet2.xml" }]);
    pkg.setPart("/xl/worksheets/sheet2.xml", "<worksheet/>", WS_TYPE);
    const again = await openPackage(await pkg.save());
    expect((await again.rels("/xl/workbook.xml")).map((r) => r.id)).toEqual(["rId1", "rId2", "rId3"]);
    expect(again.contentType("/xl/worksheets/sheet2.xml")).toBe(WS_TYPE);
    expect(await again.rels("/xl/worksheets/sheet1.xml")).toEqual([]);
    again.removePart("/xl/worksheets/sheet2.xml");
    const third = await openPackage(await again.save());
    expect(third.has("/xl/worksheets/sheet2.xml")).toBe(false);
    expect(third.contentType("/xl/worksheets/sheet2.xml")).toBe("application/xml");
  });
});

describe("saving", () => {
  test("copies unchanged parts as stored (same compressed bytes), re-deflates only the replaced one", async () => {
    const src = await excelJsBook();
    // A stored (uncompressed) entry too, as some writers use for pictures.
    const pkg0 = await openPackage(src);
    pkg0.setPart("/xl/media/image1.png", new Uint8Array([1, 2, 3]), "image/png");
    const withNew = await pkg0.save();
    const pkg = await openPackage(withNew);
    pkg.setPart("/xl/worksheets/sheet2.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>");
    const out = await pkg.save();
    const before = readCentralDirectory(withNew, 1000);
    const after = readCentralDirectory(out, 1000);
    expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
    for (const b of before) {
      const a = after.find((e) => e.name === b.name)!;
      const same = Buffer.compare(Buffer.from(compressedData(withNew, b)), Buffer.from(compressedData(out, a))) === 0;
      expect([b.name, same]).toEqual([b.name, b.name !== "xl/worksheets/sheet2.xml"]);
      expect(a.method).toBe(b.method);
    }
    // ExcelJS still reads the result.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Ark1")!.getCell("B5").value).toBe(15);
    expect(wb.getWorksheet("Ark2")!.getCell("C3").value).toBe(null);
  });

  test("a STORED entry is copied stored", async () => {
    const zip = makeZip([
      { name: "[Content_Types].xml", text: contentTypes({}) },
      { name: "xl/media/a.bin", bytes: new Uint8Array([9, 8, 7]), store: true },
    ]);
    const out = await (await openPackage(zip)).save();
    const e = readCentralDirectory(out, 10).find((x) => x.name === "xl/media/a.bin")!;
    expect(e.method).toBe(0);
    expect([...(await (await openPackage(out)).readBytes("/xl/media/a.bin"))]).toEqual([9, 8, 7]);
  });
});

/** An entry's central directory record and local header (with name and extra), found by its name bytes. */
function headersOf(zip: Uint8Array, name: Uint8Array): { central: Buffer; local: Buffer } {
  const b = Buffer.from(zip);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = b.readUInt32LE(eocd + 16);
  while (b.readUInt32LE(p) === 0x02014b50) {
    const n = b.readUInt16LE(p + 28);
    const len = 46 + n + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (Buffer.compare(b.subarray(p + 46, p + 46 + n), Buffer.from(name)) === 0) {
      const l = b.readUInt32LE(p + 42);
      return { central: b.subarray(p, p + len), local: b.subarray(l, l + 30 + b.readUInt16LE(l + 26) + b.readUInt16LE(l + 28)) };
    }
    p += len;
  }
  throw new Error("no such entry");
}

describe("zip headers of copied entries", () => {
  const ascii = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
  // "xl/media/kål.bin" and "xl/media/ö.bin" in CP437 (å = 0x86, ö = 0x94), no bit 11.
  const kal = new Uint8Array([...ascii("xl/media/k"), 0x86, ...ascii("l.bin")]);
  const oe = new Uint8Array([...ascii("xl/media/"), 0x94, ...ascii(".bin")]);
  const unicodePath = (raw: Uint8Array, utf8Name: string) => {
    const crc = Buffer.alloc(5);
    crc.writeUInt8(1, 0);
    crc.writeUInt32LE(zlib.crc32(raw) >>> 0, 1);
    return extraField(0x7075, new Uint8Array(Buffer.concat([crc, Buffer.from(utf8Name, "utf8")])));
  };
  const timestamp = extraField(0x5455, new Uint8Array([1, 0x10, 0x20, 0x30, 0x40]));

  test("a CP437 name without bit 11 and its extra fields survive open and save byte for byte", async () => {
    const zip = makeRawZip([
      { name: ascii("[Content_Types].xml"), content: Buffer.from(contentTypes({ "/xl/workbook.xml": WB_TYPE })) },
      {
        name: kal,
        content: new Uint8Array([1, 2, 3]),
        localExtra: new Uint8Array([...timestamp, ...unicodePath(kal, "xl/media/kål.bin")]),
        centralExtra: new Uint8Array([...extraField(0x5455, new Uint8Array([1, 0x10, 0x20, 0x30, 0x40])), ...unicodePath(kal, "xl/media/kål.bin")]),
        comment: ascii("bilde"),
      },
      { name: oe, content: new Uint8Array([4, 5]), localExtra: timestamp, centralExtra: timestamp },
      { name: ascii("xl/workbook.xml"), content: Buffer.from("<workbook/>"), flags: 0x800 },
    ]);
    const pkg = await openPackage(zip);
    // Lookups by the decoded name: the Unicode Path field, and CP437 where there is none.
    expect([...(await pkg.readBytes("/xl/media/kål.bin"))]).toEqual([1, 2, 3]);
    expect([...(await pkg.readBytes("/xl/media/ö.bin"))]).toEqual([4, 5]);
    pkg.setPart("/xl/workbook.xml", "<workbook><sheets/></workbook>");
    const out = await pkg.save();
    for (const name of [kal, oe]) {
      const a = headersOf(zip, name);
      const b = headersOf(out, name);
      // The entries before the replaced part keep their offsets too: whole records compare.
      expect(b.central.toString("hex")).toBe(a.central.toString("hex"));
      expect(b.local.toString("hex")).toBe(a.local.toString("hex"));
    }
    // The replaced part gets a fresh header; everything reads back.
    const again = await openPackage(out);
    expect(await again.readText("/xl/workbook.xml")).toBe("<workbook><sheets/></workbook>");
    expect([...(await again.readBytes("/xl/media/ö.bin"))]).toEqual([4, 5]);
    expect(headersOf(out, ascii("xl/workbook.xml")).central.readUInt16LE(30)).toBe(0);
  });

  test("a zip64 package opens, saves without zip64 fields, and reopens (also in JSZip)", async () => {
    const zip = makeRawZip(
      [
        { name: ascii("[Content_Types].xml"), content: Buffer.from(contentTypes({ "/xl/workbook.xml": WB_TYPE })) },
        { name: ascii("xl/workbook.xml"), content: Buffer.from("<workbook/>"), localExtra: timestamp, centralExtra: timestamp },
        { name: ascii("xl/worksheets/sheet1.xml"), content: Buffer.from("<worksheet>" + "x".repeat(3000) + "</worksheet>") },
        { name: ascii("xl/worksheets/sheet2.xml"), content: Buffer.from("<worksheet/>") },
      ],
      true,
    );
    const pkg = await openPackage(zip);
    expect(await pkg.readText("/xl/workbook.xml")).toBe("<workbook/>");
    pkg.setPart("/xl/worksheets/sheet1.xml", "<worksheet/>");
    const out = await pkg.save();
    const entries = readCentralDirectory(out, 10);
    expect(entries.map((e) => e.name)).toEqual(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]);
    for (const e of entries) {
      const h = headersOf(out, e.rawName);
      // Real sizes and offsets in the 32-bit fields, and no zip64 field left to contradict them.
      expect(h.central.readUInt32LE(20)).toBe(e.compressedSize);
      expect(h.central.readUInt32LE(42)).toBeLessThan(out.length);
      expect(h.local.readUInt32LE(18)).toBe(e.compressedSize);
      expect(h.local.readUInt32LE(22)).toBe(e.size);
      for (const extra of [Buffer.from(e.extra), h.local.subarray(30 + e.rawName.length)]) {
        for (let x = 0; x + 4 <= extra.length; x += 4 + extra.readUInt16LE(x + 2)) expect(extra.readUInt16LE(x)).not.toBe(0x0001);
      }
    }
    // The other extra field of the copied entry stays.
    expect(Buffer.from(entries[1].extra).toString("hex")).toBe(Buffer.from(timestamp).toString("hex"));
    const again = await openPackage(out);
    expect(await again.readText("/xl/worksheets/sheet1.xml")).toBe("<worksheet/>");
    expect(await again.readText("/xl/worksheets/sheet2.xml")).toBe("<worksheet/>");
    const jz = await JSZip.loadAsync(out);
    expect(await jz.file("xl/workbook.xml")!.async("string")).toBe("<workbook/>");
    expect(await jz.file("xl/worksheets/sheet2.xml")!.async("string")).toBe("<worksheet/>");
  });
});

describe("limits", () => {
  test("a 2 GB part of zeros declared as 1 KB stops at the part limit, in both languages", async () => {
    const zip = makeZip([
      { name: "[Content_Types].xml", text: contentTypes({}) },
      { name: "xl/worksheets/sheet1.xml", deflated: deflatedZeros(2048), declaredSize: 1024 },
    ]);
    const pkg = await openPackage(zip, { maxPartBytes: 64 << 20 }, "bombe.xlsx");
    const e = await refusal(pkg.readBytes("/xl/worksheets/sheet1.xml"));
    expect(e.exitCode).toBe(2);
    expect(e.texts["nb-NO"]).toContain("/xl/worksheets/sheet1.xml");
    expect(e.texts["nb-NO"]).toContain("bombe.xlsx");
    expect(e.texts["nb-NO"]).toContain("64 MB");
    expect(e.texts["en-US"]).toContain("zip bomb");
    // Streaming stops at the limit too, having seen no more than the limit.
    let seen = 0;
    const s = await refusal(pkg.streamText("/xl/worksheets/sheet1.xml", (t) => void (seen += t.length)));
    expect(s.exitCode).toBe(2);
    expect(seen).toBeLessThanOrEqual(64 << 20);
    expect(seen).toBeGreaterThan(0);
  }, 60_000);

  test("the total of parts read is bounded", async () => {
    const zip = makeZip([
      { name: "[Content_Types].xml", text: contentTypes({}) },
      { name: "a.xml", deflated: deflatedZeros(3), declaredSize: 10 },
      { name: "b.xml", deflated: deflatedZeros(3), declaredSize: 10 },
    ]);
    const pkg = await openPackage(zip, { maxPartBytes: 4 << 20, maxTotalBytes: 5 << 20 });
    expect((await pkg.readBytes("/a.xml")).length).toBe(3 << 20);
    const e = await refusal(pkg.readBytes("/b.xml"));
    expect(e.texts["en-US"]).toContain("together");
  });

  test("too many entries is refused before reading them", async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `p${i}.xml`, text: "<a/>" }));
    const e = await refusal(openPackage(makeZip(entries), { maxEntries: 20 }, "mange.xlsx"));
    expect(e.texts["nb-NO"]).toContain("30");
    expect(e.exitCode).toBe(2);
  });

  test("damaged data and a damaged directory are bilingual refusals", async () => {
    const zip = makeZip([{ name: "x.xml", deflated: new Uint8Array([0xff, 0xff, 0xff, 0x00]), declaredSize: 5 }]);
    const pkg = await openPackage(zip);
    const e = await refusal(pkg.readText("/x.xml"));
    expect(e.texts["nb-NO"]).toContain("skadet");
    const truncated = zip.subarray(0, zip.length - 10);
    const d = await refusal(openPackage(truncated));
    expect(d.exitCode).toBe(2);
  });

  test("a truncated deflate stream is damaged, not silently short", async () => {
    const full = zlib.deflateRawSync(Buffer.from("<a>" + "x".repeat(5000) + "</a>"));
    const zip = makeZip([{ name: "x.xml", deflated: full.subarray(0, full.length - 20), declaredSize: 5007 }]);
    await refusal((await openPackage(zip)).readText("/x.xml"));
  });
});
