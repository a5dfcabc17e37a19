// What changed from one revision to the next, field by field and language by language, word by
// word (the `diff` library), for an editor to read before restoring an older revision.
import { diffWords } from "diff";
import { locales } from "../lib/i18n.js";
import { type Localised, sectionNames, type TFields } from "./fields.js";

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface FieldChange {
  /** `title`, `body`, `sections.lessons`, `starts_at` … */
  field: string;
  /** Null for a field that has no language (a date, a website, an image). */
  locale: "vi" | "en" | null;
  parts: DiffPart[];
}

/**
 * Past this long, a word-by-word comparison of two long bodies is given up and the change is shown
 * as the old text removed and the new one added: an answer in bounded time beats a finer one.
 */
const DIFF_TIMEOUT_MS = 1_000;

function compare(before: string, after: string): DiffPart[] {
  const changes = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS }) ?? [
    { value: before, removed: true, added: false, count: 0 },
    { value: after, added: true, removed: false, count: 0 },
  ];
  return changes
    .filter((change) => change.value !== "")
    .map((change) => ({
      value: change.value,
      ...(change.added ? { added: true as const } : {}),
      ...(change.removed ? { removed: true as const } : {}),
    }));
}

const localisedFields = ["title", "slug", "summary", "body", "place"] as const;
const plainFields = [
  "image_id",
  "starts_at",
  "ends_at",
  "website",
  "partner_role",
] as const satisfies readonly (keyof TFields)[];

/** The fields that differ between two revisions, each as the words removed, added and kept. */
export function diffFields(before: TFields, after: TFields): FieldChange[] {
  const changes: FieldChange[] = [];
  const localised = (field: string, old: Localised | undefined, next: Localised | undefined) => {
    for (const locale of locales) {
      const a = old?.[locale] ?? "";
      const b = next?.[locale] ?? "";
      if (a !== b) changes.push({ field, locale, parts: compare(a, b) });
    }
  };
  for (const field of localisedFields) localised(field, before[field], after[field]);
  for (const name of sectionNames) {
    localised(`sections.${name}`, before.sections?.[name], after.sections?.[name]);
  }
  for (const field of plainFields) {
    const a = before[field] ?? "";
    const b = after[field] ?? "";
    if (a !== b) changes.push({ field, locale: null, parts: compare(a, b) });
  }
  return changes;
}
