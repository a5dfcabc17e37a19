// Achievement against a target, as the dashboards and reports show it. Targets themselves are rows
// of the `targets` table (migration 0004); reading and writing them belongs to the service.

/**
 * The value as a percentage of the target, or null when there is nothing to compare: no target,
 * a target of 0 (any reach would be "infinite" achievement), or a value that is unknown or
 * withheld from a public figure. Not rounded: rounding is the presentation's choice.
 * `target` may be the database's numeric string.
 */
export function achievement(
  value: number | null | undefined,
  target: number | string | null | undefined,
): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (target === null || target === undefined) return null;
  const goal = typeof target === "string" ? Number(target) : target;
  if (!Number.isFinite(goal) || goal <= 0) return null;
  return (value / goal) * 100;
}
