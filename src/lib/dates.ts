// Calendar dates as people in Việt Nam see them (Asia/Ho_Chi_Minh): "today" for a posting's
// date and a statement's year, whatever the server's own time zone.
import { timeZone } from "./i18n.js";

const vietnamDate = new Intl.DateTimeFormat("en-CA", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Việt Nam, YYYY-MM-DD. */
export function vietnamToday(now: Date): string {
  return vietnamDate.format(now);
}
