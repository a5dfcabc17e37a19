// The edit form's rules that need no screen: which texts a language lacks (a warning, never a
// block), what the browser can check before sending (slug and website formats), where a refusal
// from the server belongs, and what a person typed when someone else saved meanwhile.
import {
  type ContentFields,
  type ContentKind,
  type Locale,
  projectSections,
  type Texts,
} from "./api.js";
import { isSlug } from "./slug.js";

export const locales: readonly Locale[] = ["vi", "en"];

/** A text field of the form, in one language: "title.vi", "sections.lessons.en". */
export interface TextEntry {
  path: string;
  field: string;
  locale: Locale;
  value: string;
}

/** Kinds with a page of their own, so a web address; partners and projects show elsewhere. */
export function hasOwnPage(kind: ContentKind): boolean {
  return kind === "page" || kind === "news" || kind === "activity";
}

/** The texts a kind of item has, in the form's order. */
function textFieldsOf(kind: ContentKind): string[] {
  const common = hasOwnPage(kind) ? ["title", "slug", "summary"] : ["title", "summary"];
  if (kind === "project") return [...common, ...projectSections.map((s) => `sections.${s}`)];
  if (kind === "activity") return [...common, "place", "body"];
  return [...common, "body"];
}

function textOf(fields: ContentFields, field: string): Texts | undefined {
  const [name, section] = field.split(".");
  if (name === "sections") return fields.sections?.[section as (typeof projectSections)[number]];
  return fields[name as "title" | "slug" | "summary" | "body" | "place"];
}

export function textEntries(kind: ContentKind, fields: ContentFields): TextEntry[] {
  return textFieldsOf(kind).flatMap((field) =>
    locales.map((locale) => ({
      path: `${field}.${locale}`,
      field,
      locale,
      value: textOf(fields, field)?.[locale] ?? "",
    })),
  );
}

/** Fields written in one language and not the other: the other's page falls back, with a note. */
export function missingIn(kind: ContentKind, fields: ContentFields, locale: Locale): string[] {
  const other: Locale = locale === "vi" ? "en" : "vi";
  return textFieldsOf(kind).filter((field) => {
    const text = textOf(fields, field);
    return !!text?.[other].trim() && !text[locale].trim();
  });
}

/** Where a field's control is, for the error summary's links and the focus. */
export function controlId(path: string): string {
  return `content-${path.replace(/\./g, "-")}`;
}

/** What the browser can tell before sending: a slug or website the server would refuse. */
export function checkFields(
  fields: ContentFields,
): Record<string, "slug_format" | "website_format"> {
  const errors: Record<string, "slug_format" | "website_format"> = {};
  for (const locale of locales) {
    const slug = fields.slug[locale];
    if (slug && !isSlug(slug)) errors[`slug.${locale}`] = "slug_format";
  }
  if (fields.website && !/^https?:\/\/\S+$/.test(fields.website)) errors.website = "website_format";
  return errors;
}

/**
 * The form's path of a field the server named in a refusal ("fields.title.vi", "title.vi",
 * "slug", "publish_at"): the server's words go beside that field.
 */
export function pathOfParameter(parameter: string): string {
  return parameter.replace(/^fields\./, "");
}

/**
 * Why the server refused a field, without its "The parameter “fields.title.vi” is not valid: "
 * opening: the form already names the field in words, next to it and in the summary.
 */
export function reasonOfRefusal(message: string, parameter: string): string {
  const quoted = message.indexOf(`“${parameter}”`);
  if (quoted < 0) return message;
  const colon = message.indexOf(": ", quoted);
  const reason = colon < 0 ? "" : message.slice(colon + 2).trim();
  return reason ? reason.charAt(0).toLocaleUpperCase() + reason.slice(1) : message;
}

/** The texts typed since `base` (what the person changed), for showing them on an edit conflict. */
export function changedTexts(
  kind: ContentKind,
  base: ContentFields,
  typed: ContentFields,
): TextEntry[] {
  const before = new Map(textEntries(kind, base).map((entry) => [entry.path, entry.value]));
  return textEntries(kind, typed).filter((entry) => entry.value !== before.get(entry.path));
}

const sameTexts = (a: Texts | undefined, b: Texts | undefined) =>
  (a?.vi ?? "") === (b?.vi ?? "") && (a?.en ?? "") === (b?.en ?? "");

/** Per language: what was typed where it changed since `base`, the latest save elsewhere. */
function reapplyTexts(
  base: Texts | undefined,
  typed: Texts | undefined,
  latest: Texts | undefined,
) {
  const pick = (locale: Locale) =>
    (typed?.[locale] ?? "") !== (base?.[locale] ?? "")
      ? (typed?.[locale] ?? "")
      : (latest?.[locale] ?? "");
  return { vi: pick("vi"), en: pick("en") };
}

/**
 * After someone else saved: the latest version with only what this person changed since `base`
 * laid over it, so putting one's text back never undoes the other person's changes elsewhere.
 */
export function reapplyChanges(
  base: ContentFields,
  typed: ContentFields,
  latest: ContentFields,
): ContentFields {
  const merged: ContentFields = { ...latest };
  for (const name of ["title", "slug", "summary", "body", "place"] as const)
    merged[name] = reapplyTexts(base[name], typed[name], latest[name]);
  if (typed.image_id !== base.image_id) merged.image_id = typed.image_id;
  if (typed.starts_at !== base.starts_at) merged.starts_at = typed.starts_at;
  if (typed.ends_at !== base.ends_at) merged.ends_at = typed.ends_at;
  if (typed.website !== base.website) merged.website = typed.website;
  if (typed.partner_role !== base.partner_role) merged.partner_role = typed.partner_role;
  if (typed.sections || latest.sections) {
    const sections: NonNullable<ContentFields["sections"]> = { ...latest.sections };
    for (const section of projectSections) {
      const typedSection = typed.sections?.[section];
      if (!sameTexts(base.sections?.[section], typedSection))
        sections[section] = reapplyTexts(
          base.sections?.[section],
          typedSection,
          latest.sections?.[section],
        );
    }
    merged.sections = sections;
  }
  return merged;
}

/** The form's state as the server takes it: sections only for projects, no untyped website. */
export function fieldsToSend(kind: ContentKind, fields: ContentFields): ContentFields {
  return {
    ...fields,
    website: fields.website?.trim() || null,
    sections: kind === "project" ? fields.sections : null,
  };
}
