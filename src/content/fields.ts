// The fields of a content item, as the API takes and gives them and as each revision keeps them:
// every text exists per language; Markdown bodies and sections are bounded so that one item stays
// a page, not a book. Input may leave fields out (they keep their value, or start empty).
import { z } from "zod";
import type { ContentKind, ContentState } from "../db/schema.js";
import { zText } from "../lib/input.js";
import { maxYear, minYear } from "../limits/limits.js";

export const contentKinds = [
  "page",
  "news",
  "activity",
  "partner",
  "project",
] as const satisfies readonly ContentKind[];
export const contentStates = [
  "draft",
  "scheduled",
  "published",
  "archived",
] as const satisfies readonly ContentState[];

/** A project's narrative sections, in the order of the organisation's project reports. */
export const sectionNames = [
  "background",
  "objectives",
  "target_groups",
  "areas",
  "enablers",
  "difficulties",
  "lessons",
  "recommendations",
] as const;
export type SectionName = (typeof sectionNames)[number];

/** Longest Markdown of a body in one language, and of one section in one language. */
export const MAX_BODY_LENGTH = 100_000;
export const MAX_SECTION_LENGTH = 20_000;
const MAX_TITLE_LENGTH = 300;
const MAX_SUMMARY_LENGTH = 1_000;
const MAX_SLUG_LENGTH = 120;

export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const zSlug = () =>
  zText({ message: "slug_format" })
    .max(MAX_SLUG_LENGTH, "slug_format")
    .regex(slugPattern, "slug_format");

/** A text per language; `tooLong` is the reason key said when one is longer than `max`. */
const localised = (max: number, tooLong = "field_too_long") =>
  z.object({ vi: zText().trim().max(max, tooLong), en: zText().trim().max(max, tooLong) });

/** A slug per language; empty where the item has none in that language yet. */
const ZSlugsSchema = z.object({
  vi: z.union([z.literal(""), zSlug()]),
  en: z.union([z.literal(""), zSlug()]),
});

/** A moment written in ISO 8601 with its offset, in years a person means (not 0000, not 9999). */
export const zMoment = () =>
  z.iso
    .datetime({ offset: true, message: "moment_format" })
    .refine(
      (value) => {
        const year = new Date(value).getUTCFullYear();
        return year >= minYear && year <= maxYear;
      },
      { message: "moment_format" },
    )
    .transform((value) => new Date(value).toISOString());

/** A website: http(s) only, so a link on the sponsors page can never run a script. */
const ZWebsiteSchema = zText()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, "website_format");

export const ZSectionsSchema = z.partialRecord(
  z.enum(sectionNames),
  localised(MAX_SECTION_LENGTH, "section_too_long"),
);

export const ZFieldsSchema = z.object({
  title: localised(MAX_TITLE_LENGTH),
  slug: ZSlugsSchema,
  summary: localised(MAX_SUMMARY_LENGTH),
  body: localised(MAX_BODY_LENGTH, "body_too_long"),
  /** The cover image (a media id), or a partner's logo. */
  image_id: z.uuid({ message: "invalid" }).nullable(),
  starts_at: zMoment().nullable(),
  ends_at: zMoment().nullable(),
  place: localised(MAX_TITLE_LENGTH),
  website: ZWebsiteSchema.nullable(),
  partner_role: z.enum(["sponsor", "partner"], { message: "invalid" }).nullable(),
  sections: ZSectionsSchema.nullable(),
});
export type TFields = z.infer<typeof ZFieldsSchema>;

/** What a request may send: any of the fields; the others keep their value (or start empty). */
export const ZFieldsInputSchema = ZFieldsSchema.partial().strict();
export type TFieldsInput = z.infer<typeof ZFieldsInputSchema>;

export interface Localised {
  vi: string;
  en: string;
}

const blank = (): Localised => ({ vi: "", en: "" });

export function emptyFields(): TFields {
  return {
    title: blank(),
    slug: blank(),
    summary: blank(),
    body: blank(),
    image_id: null,
    starts_at: null,
    ends_at: null,
    place: blank(),
    website: null,
    partner_role: null,
    sections: null,
  };
}

/** Every section present (empty where not written), in their order: the shape a page reads. */
export function allSections(sections: TFields["sections"]): Record<SectionName, Localised> {
  return Object.fromEntries(
    sectionNames.map((name) => [name, sections?.[name] ?? blank()]),
  ) as Record<SectionName, Localised>;
}

/** The fields after a save: the item's current ones with what the request sent laid over them. */
export function mergeFields(current: TFields, input: TFieldsInput): TFields {
  const merged: TFields = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (merged.sections) merged.sections = allSections(merged.sections);
  return merged;
}
