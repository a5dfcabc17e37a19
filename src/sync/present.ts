// A synced row as devices see it (pull, conflicts): dates as YYYY-MM-DD, times as ISO strings, and
// never a client's encrypted details — only whether there are some, readable through the audited
// details endpoint.
export function presentRecord(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "name_encrypted" || key === "phone_encrypted") continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  if ("name_encrypted" in row)
    out.has_details = row.name_encrypted !== null || row.phone_encrypted !== null;
  return out;
}
