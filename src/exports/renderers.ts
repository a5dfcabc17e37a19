// What makes the file of an export: one renderer per kind ("xlsx", "csv", "pdf", "dhis2_json",
// "adx" …), registered by the feature that knows the format (src/indicators/exports/). The queue,
// the progress and the download (this folder) are the same for every kind.
import type { Db } from "../db/connection.js";
import type { Period, PeriodKind } from "../indicators/periods.js";
import type { Locale } from "../lib/i18n.js";

/** What the requester asked the file to cover, resolved and checked when the export was queued. */
export interface ExportParams {
  /** The period as asked: `2011-07`, `2011Q3`, `2011` or `2011-07-01..2011-10-31`. */
  period: string;
  periodKind: PeriodKind;
  /** First and last day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /**
   * The sites the file covers: null for the whole project (the requester may read every site);
   * otherwise only these, already limited to the sites the requester may read.
   */
  sites: { id: string; code: string }[] | null;
  /** The language the file is written in. */
  locale: Locale;
}

export interface ExportRenderContext {
  db: Db;
  exportId: string;
  project: { id: string; slug: string };
  params: ExportParams;
  /**
   * Reports how far the renderer got: a percentage (0–100) and, optionally, a message key (any
   * feature's messages, e.g. `exports.note.computing`) with its values, which the requester sees
   * in their language. Written to the database at most every 250 ms; no need to await it.
   */
  progress(percent: number, note?: string, values?: Record<string, string | number>): Promise<void>;
  /** Aborted when the export ran out of time or the server stops: stop early, nothing is kept. */
  signal: AbortSignal;
}

export interface ExportFile {
  /** The name the browser saves it under, e.g. `bao-cao-2011Q3.xlsx` (no directories). */
  fileName: string;
  /** A MIME type, e.g. `text/csv; charset=utf-8`. */
  contentType: string;
  body: Buffer | Uint8Array;
}

export type ExportRenderer = (context: ExportRenderContext) => Promise<ExportFile>;

/**
 * A failure the requester can understand, with a stable code: the export fails at once (no retry)
 * and shows the message `exports.error.<code>` in the reader's language (add it to your feature's
 * messages). Any other error is a bug or an outage: logged, retried, then shown as a generic
 * failure.
 */
export class ExportError extends Error {
  override name = "ExportError";

  constructor(
    readonly code: string,
    /** Operator-facing detail for the log (English, never personal data). */
    detail?: string,
  ) {
    super(detail ?? code);
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(code)) throw new Error(`not an export error code: ${code}`);
  }
}

/**
 * Checks a request before it is queued (`POST /api/exports`) and throws an AppError the requester
 * can read (`invalid_parameter`, with its reason), so that a file that cannot be made is refused
 * at once rather than failing in its job.
 */
export type ExportCheck = (request: {
  projectSlug: string;
  period: Period;
  /** The sites the export covers; null for every site of the project. */
  sites: readonly string[] | null;
  db: Db;
}) => Promise<void> | void;

const renderers = new Map<string, { render: ExportRenderer; check?: ExportCheck | undefined }>();

/**
 * Makes a kind of export available. The kind is what clients send (`POST /api/exports`,
 * `kind`): lower-case letters, digits and `_`. Returns a function that removes it again (tests).
 */
export function registerExportRenderer(
  kind: string,
  renderer: ExportRenderer,
  check?: ExportCheck,
): () => void {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(kind)) throw new Error(`not an export kind: ${kind}`);
  if (renderers.has(kind))
    throw new Error(`an export renderer for "${kind}" is already registered`);
  const entry = { render: renderer, check };
  renderers.set(kind, entry);
  return () => {
    if (renderers.get(kind) === entry) renderers.delete(kind);
  };
}

export function findExportRenderer(kind: string): ExportRenderer | undefined {
  return renderers.get(kind)?.render;
}

/** Runs the kind's check of a request, when it has one (see ExportCheck). */
export async function checkExportRequest(
  kind: string,
  request: { projectSlug: string; period: Period; sites: readonly string[] | null; db: Db },
): Promise<void> {
  await renderers.get(kind)?.check?.(request);
}

export function exportKinds(): string[] {
  return [...renderers.keys()].sort();
}
