/** The user's language, looked up at call time (never at load time: Office may not be ready). */
import { pickLocale, type Locale } from "../core/i18n";

export function currentLocale(): Locale {
  try {
    if (typeof Office !== "undefined" && Office && Office.context && typeof Office.context.displayLanguage === "string") {
      return pickLocale(Office.context.displayLanguage);
    }
  } catch {
    // Office.context throws before initialization in some hosts: fall back to English.
  }
  return "en-US";
}
