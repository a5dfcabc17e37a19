// Targets per project or site, indicator and period (the `targets` table, migration 0004), and
// achievement against them as the dashboards and reports show it.
import { type Actor, recordEvent, summariseTargets } from "../audit/service.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { definitionOf, type IndicatorId, indicatorIds } from "./definitions.js";
import { type Period, parsePeriod } from "./periods.js";

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

/** Targets that apply to a period and scope: the whole scope's, and each site's. */
export interface TargetSet {
  total: Partial<Record<IndicatorId, number>>;
  bySite: Record<string, Partial<Record<IndicatorId, number>>>;
}

/**
 * The targets for a period: every target whose own period lies within it, summed (four quarterly
 * targets make the year's). A target that straddles the period's edge is left out rather than
 * prorated — a share of a target for unique people has no meaning. The scope's total is the
 * project-wide target when the whole project is shown and one is set, else the sum of the sites'.
 */
export async function targetsFor(
  db: Db,
  request: { projectId: string; period: Period; siteIds: readonly string[]; wholeProject: boolean },
): Promise<TargetSet> {
  const rows = await db
    .selectFrom("targets")
    .select(["site_id", "indicator_id", "value"])
    .where("project_id", "=", request.projectId)
    .where("period_start", ">=", request.period.from)
    .where("period_end", "<=", request.period.to)
    .execute();
  const set: TargetSet = { total: {}, bySite: {} };
  const projectWide: Partial<Record<IndicatorId, number>> = {};
  const sitesSum: Partial<Record<IndicatorId, number>> = {};
  for (const row of rows) {
    if (!isIndicatorId(row.indicator_id)) continue;
    const id = row.indicator_id;
    const value = Number(row.value);
    if (row.site_id === null) {
      projectWide[id] = (projectWide[id] ?? 0) + value;
    } else if (request.siteIds.includes(row.site_id)) {
      const site = set.bySite[row.site_id] ?? {};
      site[id] = (site[id] ?? 0) + value;
      set.bySite[row.site_id] = site;
      sitesSum[id] = (sitesSum[id] ?? 0) + value;
    }
  }
  set.total = request.wholeProject ? { ...sitesSum, ...projectWide } : sitesSum;
  return set;
}

const isIndicatorId = (id: string): id is IndicatorId =>
  (indicatorIds as readonly string[]).includes(id);

export interface TargetInput {
  /** Site code; absent for a project-wide target. */
  site?: string | undefined;
  indicator: string;
  /** A month, quarter, year or custom period (periods.ts). */
  period: string;
  value: number;
}

/**
 * Sets targets (insert or replace, one per project, site, indicator and period), all or none: the
 * first invalid one is reported by its index and nothing is written.
 */
export async function setTargets(
  db: Db,
  projectId: string,
  inputs: readonly TargetInput[],
): Promise<number> {
  const sites = await db
    .selectFrom("sites")
    .select(["id", "code"])
    .where("project_id", "=", projectId)
    .execute();
  const rows = inputs.map((input, index) => {
    const at = (reason: string, parameter: string) =>
      new AppError("invalid_parameter", { parameter: `targets.${index}.${parameter}`, reason });
    if (!isIndicatorId(input.indicator)) throw at("unknown_indicator", "indicator");
    if (definitionOf(input.indicator).ratio) throw at("ratio_target", "indicator");
    const site = input.site === undefined ? null : sites.find((s) => s.code === input.site);
    if (site === undefined) throw at("unknown_site", "site");
    if (!Number.isFinite(input.value) || input.value < 0) throw at("invalid", "value");
    let period: Period;
    try {
      period = parsePeriod(input.period);
    } catch {
      throw at("period_format", "period");
    }
    return {
      project_id: projectId,
      site_id: site?.id ?? null,
      indicator_id: input.indicator,
      period_start: period.from,
      period_end: period.to,
      value: String(input.value),
    };
  });
  if (rows.length === 0) return 0;
  const write = async (trx: Db) => {
    for (const row of rows) {
      // nulls not distinct (migration 0004) makes a project-wide target unique too.
      await trx
        .insertInto("targets")
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(["project_id", "site_id", "indicator_id", "period_start", "period_end"])
            .doUpdateSet({ value: row.value }),
        )
        .execute();
    }
  };
  // All or none: in a transaction of its own, or in the caller's (the demo loads in one).
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
  return rows.length;
}

/**
 * Sets targets as a person asks (PUT /api/projects/:slug/targets): all or none, and written to the
 * audit log in the same transaction.
 */
export async function changeTargets(
  db: Db,
  actor: Actor,
  projectId: string,
  inputs: readonly TargetInput[],
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const saved = await setTargets(trx, projectId, inputs);
    await recordEvent(
      trx,
      actor,
      {
        action: "targets.changed",
        target: { type: "project", id: projectId },
        details: summariseTargets(inputs),
      },
      now,
    );
    return saved;
  });
}

/** Every target of a project touching a period, for the targets screen and exports. */
export async function listTargets(db: Db, projectId: string, period: Period) {
  return db
    .selectFrom("targets as t")
    .leftJoin("sites as s", "s.id", "t.site_id")
    .select([
      "s.code as site",
      "t.indicator_id as indicator",
      "t.period_start",
      "t.period_end",
      "t.value",
    ])
    .where("t.project_id", "=", projectId)
    .where("t.period_start", "<=", period.to)
    .where("t.period_end", ">=", period.from)
    .orderBy("t.period_start")
    .orderBy("s.code")
    .orderBy("t.indicator_id")
    .execute();
}
