/** Turning a catalogue entry into a Finding with its message rendered in every locale. */
import type { Finding } from "../types";
import { LOCALES, type Locale } from "../i18n";
import type { Where } from "../workbook/types";
import { checkDef, placeText, type CheckParams } from "./catalogue";

export function finding(id: string, where: Where, params: CheckParams = {}): Finding {
  const def = checkDef(id);
  const message = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    const place = placeText(where, locale);
    const body = def.message[locale](params, locale);
    message[locale] = place ? `${place}: ${body}` : body;
  }
  return { id, severity: def.severity, message, where };
}

/** True when a finding stops the model from being built (see CheckDef.blocking). */
export function isBlocking(f: Finding): boolean {
  return checkDef(f.id).blocking;
}
