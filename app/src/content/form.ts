// The edit form's rules that need no screen: which texts a language lacks (a warning, never a
// block), what the browser can check before sending (slug and website formats), where a refusal
// from the server belongs, and which texts differ between two versions (kept on a conflict).
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

/** The texts a kind of item has, in the form's order. */
function textFieldsOf(kind: ContentKind): string[] {
  const common = ["title", "slug", "summary"];
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

/** The texts that differ between what was typed and another version (on an edit conflict). */
export function differingTexts(
  kind: ContentKind,
  typed: ContentFields,
  other: ContentFields,
): TextEntry[] {
  const others = new Map(textEntries(kind, other).map((entry) => [entry.path, entry.value]));
  return textEntries(kind, typed).filter(
    (entry) => entry.value.trim() !== "" && entry.value !== others.get(entry.path),
  );
}

/** The form's state as the server takes it: sections only for projects, no untyped website. */
export function fieldsToSend(kind: ContentKind, fields: ContentFields): ContentFields {
  return {
    ...fields,
    website: fields.website?.trim() || null,
    sections: kind === "project" ? fields.sections : null,
  };
}
