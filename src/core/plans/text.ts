/** Small bokmål text helpers for the sheet plans. */

/** "2009–2011", or "2009" for one year. */
export function yearSpan(years: readonly string[]): string {
  if (years.length === 0) return "";
  return years.length === 1 ? years[0] : `${years[0]}–${years[years.length - 1]}`;
}

/** "2008-01-01" -> "01.01.2008" (Norwegian date); other text unchanged. */
export function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
