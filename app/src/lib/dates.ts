// Calendar dates as the programme lives them: in Vietnam's time zone, written YYYY-MM-DD.

/** Today's date in Asia/Ho_Chi_Minh, whatever zone the phone is set to. */
export function today(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The date `days` before `date` (YYYY-MM-DD). */
export function daysBefore(date: string, days: number): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() - days);
  return moment.toISOString().slice(0, 10);
}

/**
 * A moment typed in a `datetime-local` field ("2026-05-01T09:00"), read as Vietnam's time (UTC+7
 * all year, no summer time) whatever zone the computer is set to; ISO in UTC, or null when empty.
 */
export function fromVietnamTime(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return new Date(`${value}:00+07:00`).toISOString();
}

/** A moment as a `datetime-local` field shows it, in Vietnam's time. */
export function toVietnamTime(iso: string | null): string {
  if (!iso) return "";
  const moment = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return moment.toISOString().slice(0, 16);
}
