// An export as the API shows it, in the reader's language: where it stands, the step it is at, why
// it failed, and where its file is. Never the file itself (GET …/file) nor the requester's id.
import { z } from "zod";
import type { Locale, MessageValues } from "../lib/i18n.js";
import { type MessageKey, messages, translator } from "../messages.js";
import type { ExportSummaryRow } from "./queries.js";
import type { ExportParams } from "./renderers.js";

export const ZExportSchema = z.object({
  id: z.string(),
  project: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** 0–100. */
  progress: z.number(),
  /** The status in a sentence. */
  message: z.string(),
  /** The step a running export is at, when its renderer says. */
  note: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  /** Codes of the sites covered; null for the whole project. */
  sites: z.array(z.string()).nullable(),
  locale: z.enum(["vi", "en"]),
  file: z.object({ name: z.string(), content_type: z.string(), size_bytes: z.number() }).nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  expires_at: z.string(),
  links: z.object({ self: z.string(), file: z.string().optional() }),
});
export type TExport = z.infer<typeof ZExportSchema>;

const isMessageKey = (key: string): key is MessageKey => key in messages.vi;

export function presentExport(row: ExportSummaryRow, locale: Locale): TExport {
  const { t } = translator(locale);
  const params = row.params as ExportParams;
  const self = `/api/exports/${row.id}`;
  const done = row.status === "done";
  const note =
    row.status === "running" && row.progress_note && isMessageKey(row.progress_note)
      ? t(row.progress_note, (row.progress_values ?? {}) as MessageValues)
      : null;
  const errorKey = `exports.error.${row.error_code}`;
  return {
    id: row.id,
    project: row.project_slug,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    message: t(`exports.status.${row.status}`, { progress: row.progress }),
    note,
    error:
      row.status === "failed" && row.error_code
        ? {
            code: row.error_code,
            message: t(isMessageKey(errorKey) ? errorKey : "exports.error.failed"),
          }
        : null,
    period: params.period,
    from: params.from,
    to: params.to,
    sites: params.sites?.map((site) => site.code) ?? null,
    locale: params.locale,
    file: done
      ? {
          name: row.file_name ?? "",
          content_type: row.content_type ?? "",
          size_bytes: row.size_bytes ?? 0,
        }
      : null,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
    expires_at: row.expires_at.toISOString(),
    links: done ? { self, file: `${self}/file` } : { self },
  };
}
