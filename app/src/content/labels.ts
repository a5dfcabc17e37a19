// The words for content's kinds, states, fields and sections, in the UI's language.
import { hasMessage, type MessageKey, t } from "../i18n/i18n.js";
import type { ContentKind, ContentState, Locale, ProjectSection, Revision } from "./api.js";

export const kindLabel = (kind: ContentKind) => t(`content.kind.${kind}`);
export const stateLabel = (state: ContentState) => t(`content.state.${state}`);
export const languageLabel = (locale: Locale) => t(`content.lang.${locale}`);
export const sectionLabel = (section: ProjectSection) => t(`content.section.${section}`);

/**
 * A field's name as the screens say it: "Tiêu đề (Tiếng Anh)", "Bối cảnh (Tiếng Việt)". A field
 * the server names but the app does not know is shown as the server wrote it.
 */
export function fieldLabel(field: string, locale?: Locale | null): string {
  const [name = field, section] = field.split(".");
  const key =
    name === "sections" && section ? `content.section.${section}` : `content.field.${name}`;
  const label = hasMessage(key) ? t(key as MessageKey) : field;
  return locale ? t("content.field_in", { field: label, language: languageLabel(locale) }) : label;
}

/** What made a revision: "Đăng", "Khôi phục từ bản số 1". */
export function noteLabel(revision: Revision): string {
  if (revision.note === "restored")
    return t("content.note.restored", { number: revision.restored_from ?? "?" });
  return t(`content.note.${revision.note}`);
}
