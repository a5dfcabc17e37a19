// The DHIS2 exports as kinds of export file (src/exports/): `dhis2_json` (a data value set) and
// `adx` (the same values as ADX XML). Each reads the project's mapping, computes the figures for
// the sites the export covers (the requester's, resolved when it was asked for: reportReader) and
// writes the
// file; what stops it (no mapping, a broken one, a period DHIS2 cannot take) fails the export at
// once with a message the requester can read (`exports.error.dhis2_*`), the details in the log.
import {
  type ExportCheck,
  ExportError,
  type ExportRenderContext,
  type ExportRenderer,
  registerExportRenderer,
} from "../../exports/renderers.js";
import { AppError } from "../../lib/errors.js";
import type { IndicatorSet } from "../engine.js";
import type { Period } from "../periods.js";
import { computeDhis2Sets, dhis2PeriodOf, dhis2Periods, toDataValueSets } from "./dhis2.js";
import {
  Dhis2MappingError,
  defaultMappingDirectory,
  loadDhis2Mapping,
  type TDhis2Mapping,
} from "./dhis2-mapping.js";
import { reportReader } from "./renderers.js";

export interface Dhis2RendererOptions {
  /** Where the mappings are (tests give their own). */
  mappingDirectory?: string;
  /** The export's time (`exported`, `completeDate`). */
  now?: () => Date;
}

/** The mapping and the figures of an export, or the ExportError that says why not. */
async function prepare(
  context: ExportRenderContext,
  options: Dhis2RendererOptions,
): Promise<{ mapping: TDhis2Mapping; sets: IndicatorSet[]; period: Period }> {
  await context.progress(5, "exports.note.preparing");
  const period: Period = {
    kind: context.params.periodKind,
    from: context.params.from,
    to: context.params.to,
  };
  try {
    const mapping = await loadDhis2Mapping(
      context.project.slug,
      options.mappingDirectory ?? defaultMappingDirectory,
    );
    const sets = await computeDhis2Sets(context.db, {
      slug: context.project.slug,
      period,
      user: reportReader(context.params.sites?.map((s) => s.id) ?? null, context.params.locale),
      mapping,
      signal: context.signal,
      onPeriod: (done, of) =>
        void context.progress(10 + (75 * done) / of, "exports.note.computing"),
    });
    await context.progress(90, "exports.note.writing");
    return { mapping, sets, period };
  } catch (error) {
    if (error instanceof Dhis2MappingError) {
      throw new ExportError(
        error.kind === "missing" ? "dhis2_mapping_missing" : "dhis2_mapping_invalid",
        error.message,
      );
    }
    const reason = error instanceof AppError ? error.details.reason : undefined;
    if (reason === "dhis2_period" || reason === "dhis2_period_type") {
      throw new ExportError(reason, error instanceof Error ? error.message : undefined);
    }
    throw error;
  }
}

const fileBase = (context: ExportRenderContext, period: Period) =>
  `${context.project.slug}-${dhis2PeriodOf(period)}`;

export function dhis2JsonRenderer(options: Dhis2RendererOptions = {}): ExportRenderer {
  return async (context) => {
    const { mapping, sets, period } = await prepare(context, options);
    const set = toDataValueSets(sets, mapping, {
      exportedAt: (options.now ?? (() => new Date()))(),
    });
    return {
      fileName: `dhis2-${fileBase(context, period)}.json`,
      contentType: "application/json; charset=utf-8",
      body: Buffer.from(`${JSON.stringify(set, null, 2)}\n`),
    };
  };
}

export function adxRenderer(options: Dhis2RendererOptions = {}): ExportRenderer {
  return async (context) => {
    const { mapping, sets, period } = await prepare(context, options);
    const { toAdx } = await import("./adx.js"); // its XML writer loads with the first ADX file
    const xml = toAdx(sets, mapping, { exportedAt: (options.now ?? (() => new Date()))() });
    return {
      fileName: `adx-${fileBase(context, period)}.xml`,
      contentType: "application/adx+xml; charset=utf-8",
      body: Buffer.from(xml),
    };
  };
}

/**
 * Refuses, when the export is asked for, a period DHIS2 cannot take: a custom one, or one the
 * data set's period type cannot hold. A missing or broken mapping is left to the job, which says
 * what is wrong with it.
 */
export function dhis2ExportCheck(options: Dhis2RendererOptions = {}): ExportCheck {
  return async ({ projectSlug, period }) => {
    const mapping = await loadDhis2Mapping(
      projectSlug,
      options.mappingDirectory ?? defaultMappingDirectory,
    ).catch((error: unknown) => {
      if (error instanceof Dhis2MappingError) return null;
      throw error;
    });
    // Without a mapping, only a custom period is known to be refused.
    dhis2Periods(period, mapping?.periodType ?? "Monthly");
  };
}

/** Makes `dhis2_json` and `adx` exports available; returns a function that removes them. */
export function registerDhis2Exports(options: Dhis2RendererOptions = {}): () => void {
  const check = dhis2ExportCheck(options);
  const removers = [
    registerExportRenderer("dhis2_json", dhis2JsonRenderer(options), check),
    registerExportRenderer("adx", adxRenderer(options), check),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
