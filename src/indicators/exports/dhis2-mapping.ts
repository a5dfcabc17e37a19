// How a programme's indicators map to its donor's DHIS2: the data set, one org unit per site, and
// for each exported indicator the data element, the disaggregation and the category option combo
// of every category. It is configuration, not code: one JSON file per project in config/dhis2/
// (`<project-slug>.json`, docs/dhis2.md), read and checked on every export so an edit needs no
// restart. Everything is checked when the file is read, and every problem is reported with the
// file, the path inside it and what is wrong: a mapping that would drop or misplace figures never
// reaches an export.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  type Dimension,
  definitionOf,
  dimensions,
  type IndicatorId,
  indicatorIds,
} from "../definitions.js";
import { categoriesOf } from "../engine.js";

/** Where the mappings are: config/dhis2/ at the package's root (the same from src/ and dist/). */
export const defaultMappingDirectory = fileURLToPath(
  new URL("../../../config/dhis2/", import.meta.url),
);

/** Dimensions a DHIS2 disaggregation may use: the site is the org unit, the month the period. */
export type MappableDimension = Exclude<Dimension, "site" | "commune" | "month">;
const isMappable = (d: string): d is MappableDimension =>
  (dimensions as readonly string[]).includes(d) && d !== "site" && d !== "commune" && d !== "month";
export const mappableDimensions: readonly MappableDimension[] = dimensions.filter(isMappable);

/** The closed list of categories of a dimension (the engine's, which reports share). */
export function closedCategories(dimension: Dimension): string[] {
  // Only site, commune and month depend on the context, and they are never mapped.
  const context = { period: { kind: "year" as const, from: "", to: "" }, sites: [], communes: [] };
  return categoriesOf(dimension, context).filter((c): c is string => c !== null);
}

/** The key of a cell in `categoryOptionCombos`: its categories in disaggregation order. */
export const categoryKey = (categories: readonly string[]) => categories.join("|");

/** Every cell of a disaggregation's closed lists, as category lists. */
export function categoryCombinations(disaggregation: readonly Dimension[]): string[][] {
  return disaggregation.reduce<string[][]>(
    (combos, d) => combos.flatMap((c) => closedCategories(d).map((category) => [...c, category])),
    [[]],
  );
}

/** Whether a `notExported` pattern ("unknown|*") covers a cell. */
export const patternCovers = (pattern: string, categories: readonly string[]) =>
  pattern.split("|").every((part, i) => part === "*" || part === categories[i]);

// DHIS2 identifiers: a uid is 11 letters and digits starting with a letter; a code is what ADX
// sends, an XML token (no leading, trailing or double spaces, no tabs or line breaks).
const ZUid = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]{10}$/,
    "not a DHIS2 uid (11 letters and digits, the first a letter)",
  );
const ZCode = z
  .string()
  .min(1, "a code cannot be empty")
  .max(50, "a DHIS2 code has at most 50 characters")
  .refine(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
    (code) => code === code.trim() && !/\s\s|[\t\n\r]|[\u0000-\u001f\u007f]/.test(code),
    "a code cannot start or end with a space, hold two spaces in a row or a control character",
  );
/** A category's code is an XML attribute name in ADX, beside those ADX itself uses. */
const reservedAttributes = ["dataElement", "value", "orgUnit", "period", "dataSet", "completeDate"];
const ZCategoryCode = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]{0,49}$/,
    "a category code is an XML attribute name in ADX: a letter or _ first, then letters, digits, _ . -",
  )
  .refine((code) => !/^xml/i.test(code), "a category code cannot start with xml")
  .refine((code) => !reservedAttributes.includes(code), "this name is used by ADX itself");

const ZRef = z.object({ uid: ZUid, code: ZCode }).strict();

const ZAttributeOptionComboSchema = z
  .object({
    uid: ZUid,
    /** The same combination as ADX group attributes: category code → category option code. */
    categories: z
      .record(ZCategoryCode, ZCode)
      .refine((c) => Object.keys(c).length > 0, "give at least one category (ADX needs it)"),
  })
  .strict();

const ZDataElementSchema = z
  .object({
    indicator: z.string(),
    uid: ZUid,
    code: ZCode,
    /** The dimensions of the data element's category combo; [] for a total. */
    disaggregation: z.array(z.string()),
    /** "<category>|<category>" (disaggregation order) → category option combo uid. */
    categoryOptionCombos: z.record(z.string(), ZUid).optional(),
    /** Cells deliberately not sent, as keys or patterns with * ("unknown|*"). */
    notExported: z.array(z.string()).optional(),
    attributeOptionCombo: ZAttributeOptionComboSchema.optional(),
  })
  .strict();

const ZCategorySchema = z
  .object({
    /** The DHIS2 category's code: the ADX attribute name. */
    code: ZCategoryCode,
    /** Peerlink's category → the DHIS2 category option's code (the ADX attribute value). */
    options: z.record(z.string(), ZCode),
  })
  .strict();

export const ZDhis2MappingSchema = z
  .object({
    /** Free text for the people who edit the file (JSON has no comments). */
    note: z.string().optional(),
    project: z.string().regex(/^[a-z0-9-]{1,100}$/, "not a project slug"),
    /** The data set's period type: a longer period is sent as several (a quarter as 3 months). */
    periodType: z.enum(["Monthly", "Quarterly", "Yearly"]),
    /** Send zero values (DHIS2 keeps them only for data elements where zero is significant). */
    sendZeros: z.boolean().default(true),
    /** Mark the data set complete on the day of the export. */
    markComplete: z.boolean().default(false),
    dataSet: ZRef,
    orgUnits: z
      .object({
        /** Where figures that belong to no site go (a training nobody from a site attended). */
        project: ZRef.optional(),
        /** Site code → the site's org unit. */
        sites: z.record(z.string().regex(/^[A-Z0-9-]{1,20}$/, "not a site code"), ZRef),
      })
      .strict(),
    /** Per dimension: the DHIS2 category and its options, for ADX. */
    categories: z.partialRecord(
      z.enum(mappableDimensions as [MappableDimension, ...MappableDimension[]]),
      ZCategorySchema,
    ),
    /** For every data element that names none. */
    attributeOptionCombo: ZAttributeOptionComboSchema.optional(),
    dataElements: z.array(ZDataElementSchema).min(1, "map at least one indicator"),
  })
  .strict()
  .superRefine((mapping, ctx) => checkMapping(mapping, ctx));

export type TDhis2Mapping = z.infer<typeof ZDhis2MappingSchema>;
export type TDataElementMapping = TDhis2Mapping["dataElements"][number];
export type TOrgUnitRef = z.infer<typeof ZRef>;
export type TAttributeOptionCombo = z.infer<typeof ZAttributeOptionComboSchema>;

const isIndicatorId = (id: string): id is IndicatorId =>
  (indicatorIds as readonly string[]).includes(id);

/** At most `max` items named, and how many more. */
function listed(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

type Issue = (path: (string | number)[], message: string) => void;

/** What a schema cannot say: indicators, disaggregations and categories against the definitions. */
function checkMapping(mapping: z.infer<typeof ZDhis2MappingSchema>, ctx: z.RefinementCtx) {
  const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
  for (const [dimension, category] of Object.entries(mapping.categories)) {
    const known = closedCategories(dimension as Dimension);
    for (const option of Object.keys(category?.options ?? {})) {
      if (!known.includes(option)) {
        issue(
          ["categories", dimension, "options", option],
          `"${option}" is not a category of ${dimension} (${known.join(", ")})`,
        );
      }
    }
  }
  // An option code missing for a category that exported cells use, with the data elements using it.
  const missingOptions = new Map<
    string,
    { dimension: MappableDimension; category: string; users: Set<number> }
  >();
  const needOption = (dimension: MappableDimension, category: string, index: number) => {
    const key = `${dimension}|${category}`;
    const entry = missingOptions.get(key) ?? { dimension, category, users: new Set<number>() };
    entry.users.add(index);
    missingOptions.set(key, entry);
  };
  const seen = new Map<string, number>();
  mapping.dataElements.forEach((element, index) => {
    const at = (...rest: (string | number)[]) => ["dataElements", index, ...rest];
    const target = `${element.uid}/${element.attributeOptionCombo?.uid ?? mapping.attributeOptionCombo?.uid ?? ""}`;
    const earlier = seen.get(target);
    if (earlier !== undefined) {
      issue(
        at("uid"),
        `the same data element and attribute option combo as dataElements[${earlier}]`,
      );
    }
    seen.set(target, index);
    if (!isIndicatorId(element.indicator)) {
      issue(
        at("indicator"),
        `no indicator "${element.indicator}" (see src/indicators/definitions.ts)`,
      );
      return;
    }
    const definition = definitionOf(element.indicator);
    if (definition.ratio) {
      issue(
        at("indicator"),
        `${element.indicator} is a ratio: map ${definition.ratio.numerator} and ${definition.ratio.denominator} and let DHIS2 divide them`,
      );
      return;
    }
    if (checkDisaggregation(element, definition.dimensions, mapping, at, issue)) {
      checkCombos(
        element.disaggregation as MappableDimension[],
        element,
        index,
        mapping,
        issue,
        needOption,
      );
    }
  });
  for (const { dimension, category, users } of missingOptions.values()) {
    issue(
      ["categories", dimension, "options"],
      `no option code for "${category}", which ${listed([...users].map((i) => `dataElements[${i}]`))} send`,
    );
  }
}

/** True when the disaggregation is one the indicator has and every dimension has a category. */
function checkDisaggregation(
  element: TDataElementMapping,
  has: readonly Dimension[],
  mapping: z.infer<typeof ZDhis2MappingSchema>,
  at: (...rest: (string | number)[]) => (string | number)[],
  issue: Issue,
): boolean {
  let fine = true;
  const codes = new Set<string>();
  element.disaggregation.forEach((name, i) => {
    if (!isMappable(name)) {
      issue(
        at("disaggregation", i),
        (dimensions as readonly string[]).includes(name)
          ? `${name} cannot be a DHIS2 disaggregation: the site is the org unit and the month the period`
          : `no dimension "${name}" (one of ${mappableDimensions.join(", ")})`,
      );
      fine = false;
    } else if (!has.includes(name)) {
      issue(
        at("disaggregation", i),
        `${element.indicator} has no ${name} disaggregation (it has ${has.filter(isMappable).join(", ") || "none"})`,
      );
      fine = false;
    } else if (element.disaggregation.indexOf(name) !== i) {
      issue(at("disaggregation", i), `${name} is listed twice`);
      fine = false;
    } else {
      const category = mapping.categories[name];
      if (!category) {
        issue(at("disaggregation", i), `categories has no entry for ${name} (its DHIS2 category)`);
        fine = false;
      } else if (codes.has(category.code)) {
        issue(at("disaggregation", i), `two dimensions share the category code ${category.code}`);
        fine = false;
      } else codes.add(category.code);
    }
  });
  return fine;
}

/** Every cell of the closed lists is mapped or not exported, once, with ADX option codes. */
function checkCombos(
  dims: readonly MappableDimension[],
  element: TDataElementMapping,
  index: number,
  mapping: z.infer<typeof ZDhis2MappingSchema>,
  issue: Issue,
  needOption: (dimension: MappableDimension, category: string, index: number) => void,
) {
  const at = (...rest: (string | number)[]) => ["dataElements", index, ...rest];
  const combos = element.categoryOptionCombos ?? {};
  const patterns = element.notExported ?? [];
  if (dims.length === 0) {
    if (Object.keys(combos).length > 0 || patterns.length > 0) {
      issue(
        at("categoryOptionCombos"),
        "a total (disaggregation []) is sent with the default category option combo: leave categoryOptionCombos and notExported out",
      );
    }
    return;
  }
  const partsOf = (key: string, path: (string | number)[], wildcard: boolean): string[] | null => {
    const parts = key.split("|");
    if (parts.length !== dims.length) {
      issue(path, `"${key}" needs ${dims.length} categories separated by | (${dims.join("|")})`);
      return null;
    }
    for (const [i, part] of parts.entries()) {
      const known = closedCategories(dims[i]!);
      if (!(wildcard && part === "*") && !known.includes(part)) {
        issue(path, `"${part}" is not a category of ${dims[i]} (${known.join(", ")})`);
        return null;
      }
    }
    return parts;
  };
  const byUid = new Map<string, string>();
  for (const [key, uid] of Object.entries(combos)) {
    const parts = partsOf(key, at("categoryOptionCombos", key), false);
    if (!parts) continue;
    const covering = patterns.find((p) => patternCovers(p, parts));
    if (covering !== undefined) {
      issue(at("categoryOptionCombos", key), `also listed in notExported ("${covering}")`);
    }
    const other = byUid.get(uid);
    if (other !== undefined) {
      issue(at("categoryOptionCombos", key), `the same category option combo as "${other}"`);
    }
    byUid.set(uid, key);
    parts.forEach((part, i) => {
      const category = mapping.categories[dims[i]!];
      if (category && category.options[part] === undefined) needOption(dims[i]!, part, index);
    });
  }
  patterns.forEach((pattern, i) => {
    partsOf(pattern, at("notExported", i), true);
  });
  const missing = categoryCombinations(dims)
    .filter((parts) => combos[categoryKey(parts)] === undefined)
    .filter((parts) => !patterns.some((p) => patternCovers(p, parts)))
    .map(categoryKey);
  if (missing.length > 0) {
    issue(
      at("categoryOptionCombos"),
      `cells neither mapped nor listed in notExported (${missing.length}): ${listed(missing)}`,
    );
  }
}

/** Why a mapping cannot be used: no file, or each problem with its path in the file. */
export class Dhis2MappingError extends Error {
  override name = "Dhis2MappingError";

  constructor(
    readonly file: string,
    readonly kind: "missing" | "invalid",
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(
      kind === "missing"
        ? `${file}: no DHIS2 mapping for this project (docs/dhis2.md)`
        : `${file}: the DHIS2 mapping is not valid:\n${problems.map((p) => `  ${p.path || "(file)"}: ${p.message}`).join("\n")}`,
    );
  }
}

/** A zod path as one reads it in the file: dataElements[2].categoryOptionCombos["15-19|male"]. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => {
      if (typeof s === "number") return `[${s}]`;
      const name = String(s);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join("");
}

/** Reads a mapping's JSON; `file` names it in errors. */
export function parseDhis2Mapping(json: unknown, file: string): TDhis2Mapping {
  const result = ZDhis2MappingSchema.safeParse(json);
  if (result.success) return result.data;
  throw new Dhis2MappingError(
    file,
    "invalid",
    result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  );
}

/** How a file is named in messages: relative to the working directory when inside it. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** The mapping of a project, from `<directory>/<slug>.json`, checked. */
export async function loadDhis2Mapping(
  slug: string,
  directory = defaultMappingDirectory,
): Promise<TDhis2Mapping> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) throw new Error(`not a project slug: ${slug}`);
  const file = path.join(directory, `${slug}.json`);
  const name = displayName(file);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Dhis2MappingError(name, "missing", []);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Dhis2MappingError(name, "invalid", [
      { path: "", message: `not JSON: ${(error as Error).message}` },
    ]);
  }
  const mapping = parseDhis2Mapping(json, name);
  if (mapping.project !== slug) {
    throw new Dhis2MappingError(name, "invalid", [
      { path: "project", message: `"${mapping.project}" is not this file's project (${slug})` },
    ]);
  }
  return mapping;
}
