// Exports: asking for a file, following it, downloading it. The rules: only a kind someone has
// registered, a period parsePeriod reads, and only sites the requester may read (a request for the
// whole project by someone limited to some of its sites covers those sites); an export is seen by
// its requester only (administrators see everyone's). The file is made by a background job (job.ts);
// each download is written to the audit log.
import { type Actor, recordEvent } from "../audit/service.js";
import {
  canSeeExportOf,
  readableSites,
  type SessionUser,
  seesEveryonesExports,
} from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { checkPeriodSpan, parsePeriod } from "../indicators/periods.js";
import type { JobQueue } from "../jobs/runner.js";
import { AppError } from "../lib/errors.js";
import type { Locale } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";
import { listSitesOfProject } from "../programmes/service.js";
import { EXPORT_QUEUE, type TExportJobData } from "./job.js";
import {
  type ExportSummaryRow,
  findExport,
  findExportFile,
  findProjectBySlug,
  insertExport,
  listExports,
} from "./queries.js";
import { checkExportRequest, type ExportParams, findExportRenderer } from "./renderers.js";

/** How long a file is kept for download. */
export const KEEP_DAYS = 30;

export interface ExportRequest {
  project: string;
  kind: string;
  period: string;
  /** A site's code; none for every site the requester may read. */
  site?: string | undefined;
  locale: Locale;
}

async function findProject(db: Db, slug: string) {
  const project = await findProjectBySlug(db, slug);
  if (!project) {
    throw new AppError("invalid_parameter", { parameter: "project", reason: "unknown_project" });
  }
  return project;
}

/** The sites an export covers: null for the whole project. */
async function sitesToExport(
  db: Db,
  user: SessionUser,
  projectId: string,
  siteCode: string | undefined,
): Promise<ExportParams["sites"]> {
  const readable = readableSites(user);
  const mayRead = (siteId: string) => readable === "all" || readable.includes(siteId);
  const projectSites = (await listSitesOfProject(db, projectId))
    .map((site) => ({ id: site.id, code: site.code }))
    .sort((a, b) => a.code.localeCompare(b.code));
  if (siteCode !== undefined) {
    const site = projectSites.find((s) => s.code === siteCode);
    if (!site) {
      throw new AppError("invalid_parameter", { parameter: "site", reason: "unknown_site" });
    }
    if (!mayRead(site.id)) {
      throw new AppError("forbidden", { detail: "the requested site is outside the user's sites" });
    }
    return [site];
  }
  if (readable === "all") return null;
  const sites = projectSites.filter((site) => mayRead(site.id));
  if (sites.length === 0) {
    throw new AppError("forbidden", { detail: "the user may read none of the project's sites" });
  }
  return sites;
}

/**
 * Records the request and queues its job in one transaction: there is never an export without a
 * job, nor a job without its export.
 */
export async function requestExport(
  db: Db,
  jobs: JobQueue | undefined,
  user: SessionUser,
  request: ExportRequest,
  now: Date,
): Promise<ExportSummaryRow> {
  if (!findExportRenderer(request.kind)) {
    throw new AppError("invalid_parameter", {
      parameter: "kind",
      reason: "unknown_export_kind",
      detail: `no export renderer is registered for "${request.kind}"`,
    });
  }
  const period = checkPeriodSpan(parsePeriod(request.period));
  const project = await findProject(db, request.project);
  const sites = await sitesToExport(db, user, project.id, request.site);
  await checkExportRequest(request.kind, {
    projectSlug: project.slug,
    period,
    sites: sites?.map((s) => s.id) ?? null,
    db,
  });
  if (!jobs) {
    throw new AppError("internal", { detail: "no job runner was given to the app: cannot export" });
  }
  const params: ExportParams = {
    period: request.period.trim(),
    periodKind: period.kind,
    from: period.from,
    to: period.to,
    sites,
    locale: request.locale,
  };
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertExport(trx, {
      id,
      projectId: project.id,
      kind: request.kind,
      params,
      requestedBy: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + KEEP_DAYS * 24 * 60 * 60 * 1000),
    });
    const data: TExportJobData = { exportId: id };
    await jobs.send(trx, EXPORT_QUEUE, data, { id });
  });
  jobs.wake(EXPORT_QUEUE);
  return getExport(db, user, id, now);
}

/** An export the user may see; any other is "not found", its existence not revealed either. */
export async function getExport(
  db: Db,
  user: SessionUser,
  id: string,
  now: Date,
): Promise<ExportSummaryRow> {
  const row = await findExport(db, id, now);
  if (!row || !canSeeExportOf(user, row.requested_by)) {
    throw new AppError("not_found", { detail: "no such export for this user" });
  }
  return row;
}

export async function listRecentExports(
  db: Db,
  user: SessionUser,
  filter: { project?: string | undefined; limit: number },
  now: Date,
): Promise<ExportSummaryRow[]> {
  const project = filter.project ? await findProject(db, filter.project) : undefined;
  return listExports(db, {
    requestedBy: seesEveryonesExports(user) ? null : user.id,
    projectId: project?.id ?? null,
    now,
    limit: filter.limit,
  });
}

export interface ExportDownload {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/**
 * The file of a done export; "not found" until it is done, and for anyone else's. The download is
 * written to the audit log before the file leaves the service: no trace, no file.
 */
export async function readExportFile(
  db: Db,
  user: SessionUser,
  id: string,
  now: Date,
  actor: Actor,
): Promise<ExportDownload> {
  const row = await findExportFile(db, id, now);
  if (!row?.content || !canSeeExportOf(user, row.requested_by)) {
    throw new AppError("not_found", {
      detail: "no file for this export (yet), or not this user's",
    });
  }
  const params = row.params as ExportParams;
  await recordEvent(
    db,
    actor,
    {
      action: "export.downloaded",
      target: { type: "export", id: row.id },
      details: {
        kind: row.kind,
        period: params.period,
        site_ids: params.sites?.map((site) => site.id) ?? null,
      },
    },
    now,
  );
  const { content } = row;
  return {
    fileName: row.file_name ?? "export",
    contentType: row.content_type ?? "application/octet-stream",
    body: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
  };
}
