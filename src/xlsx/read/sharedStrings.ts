/**
 * Shared strings, only those asked for: the sst part is streamed (it may hold millions of
 * strings of sheets nobody reads) and the walk stops once the last wanted index is passed.
 * Phonetic runs (`rPh`) are not part of the text; `_xHHHH_` escapes are decoded.
 */
import { both } from "../../core/i18n";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import type { Package } from "../package/types";
import { xmlParser, XmlError } from "../package/xml";
import { decodeOoxmlEscapes } from "./workbook";

export async function sharedStrings(pkg: Package, part: string | undefined, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!part || wanted.size === 0) return out;
  let last = -1;
  for (const i of wanted) last = Math.max(last, i);
  let index = -1;
  let keep = false;
  let text = "";
  let inT = false;
  let phonetic = 0;
  let done = false;
  const parser = xmlParser({
    open: (name) => {
      if (name === "si") {
        index++;
        keep = wanted.has(index);
        text = "";
        if (index > last) done = true;
      } else if (name === "t") {
        inT = keep && phonetic === 0;
        parser.capture(inT);
      }
      else if (name === "rPh") phonetic++;
    },
    text: (t) => {
      if (inT) text += t;
    },
    close: (name) => {
      if (name === "t") {
        inT = false;
        parser.capture(false);
      }
      else if (name === "rPh") phonetic--;
      else if (name === "si" && keep) out.set(index, decodeOoxmlEscapes(text));
    },
  });
  try {
    await pkg.streamText(part, (chunk) => {
      try {
        parser.write(chunk);
      } catch (e) {
        // Past everything wanted, the rest of the part does not matter, broken or not.
        if (!done) throw e;
      }
      return !done;
    });
    if (!done) parser.close();
  } catch (e) {
    if (e instanceof XmlError) throw new LocalizedError(both(XLSX_MESSAGES.badXml, { file: pkg.file, part }), 2);
    throw e;
  }
  return out;
}
