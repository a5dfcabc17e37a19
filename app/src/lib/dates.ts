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
