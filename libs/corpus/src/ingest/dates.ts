export interface ParsedDate {
  /** 'YYYY-MM-DD', or null when only the year (or year and month) is known. */
  date: string | null;
  year: number;
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** A calendar date 'YYYY-MM-DD' that exists (1905-02-30 does not), or undefined. */
export function parseIsoDay(text: string): ParsedDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDay(year, month, day) ? { date: text, year } : undefined;
}

/**
 * A record's date: 'YYYY-MM-DD', an ISO timestamp starting with one, 'YYYY-MM', 'YYYY' or a year number.
 * Returns undefined when the value is present but not a real date.
 */
export function parseRecordDate(value: string | number): ParsedDate | undefined {
  const text = String(value).trim();
  if (/^\d{4}$/.test(text)) return { date: null, year: Number(text) };
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month)
    return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? { date: null, year: Number(month[1]) } : undefined;
  const timestamp = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(text);
  return parseIsoDay(timestamp ? timestamp[1] : text);
}
