// The edit form's fields: Vietnamese and English side by side on a wide screen (one above the
// other on a phone), Vietnamese first, then what the kind of item adds (an activity's dates and
// place, a partner's website, role and logo, a project's sections) and the cover image.
import type { ContentFields, ContentKind, Locale, ProjectSection, Texts } from "../content/api.js";
import { projectSections } from "../content/api.js";
import { controlId, hasOwnPage, locales } from "../content/form.js";
import { CoverImage } from "../content/image-picker.js";
import { fieldLabel, languageLabel, sectionLabel } from "../content/labels.js";
import { MarkdownField } from "../content/markdown-field.js";
import { suggestSlug } from "../content/slug.js";
import { t } from "../i18n/i18n.js";
import { fromVietnamTime, toVietnamTime } from "../lib/dates.js";
import { useSignedIn } from "../ui/context.js";
import { Field, SelectField, TextField } from "../ui/fields.js";

export interface FieldsProps {
  kind: ContentKind;
  fields: ContentFields;
  onChange: (fields: ContentFields) => void;
  /** Per language: whether the slug was typed (then the title no longer changes it). */
  slugTyped: Record<Locale, boolean>;
  onSlugTyped: (locale: Locale) => void;
  projectSlug: string;
  onProjectSlug: (slug: string) => void;
  errors: Record<string, string>;
}

type TextName = "title" | "slug" | "summary" | "body" | "place";

function LanguageFields(props: FieldsProps & { locale: Locale }) {
  const { fields, locale, errors, kind } = props;
  const setText = (name: TextName, value: string) => {
    const next = { ...fields, [name]: { ...fields[name], [locale]: value } };
    if (name === "title" && hasOwnPage(kind) && !props.slugTyped[locale])
      next.slug = { ...fields.slug, [locale]: suggestSlug(value) };
    props.onChange(next);
  };
  const setSection = (section: ProjectSection, value: string) => {
    const old: Texts = fields.sections?.[section] ?? { vi: "", en: "" };
    props.onChange({
      ...fields,
      sections: { ...fields.sections, [section]: { ...old, [locale]: value } },
    });
  };
  const path = (name: string) => `${name}.${locale}`;
  const label = (name: string) => fieldLabel(name, locale);
  return (
    <fieldset class="content-lang">
      <legend>{languageLabel(locale)}</legend>
      <TextField
        id={controlId(path("title"))}
        label={label("title")}
        lang={locale}
        value={fields.title[locale]}
        maxLength={300}
        error={errors[path("title")]}
        onInput={(value) => setText("title", value)}
      />
      {hasOwnPage(kind) ? (
        <>
          <TextField
            id={controlId(path("slug"))}
            label={label("slug")}
            lang={locale}
            value={fields.slug[locale]}
            maxLength={120}
            hint={t("content.field.slug_hint")}
            error={errors[path("slug")]}
            onInput={(value) => {
              props.onSlugTyped(locale);
              props.onChange({ ...fields, slug: { ...fields.slug, [locale]: value } });
            }}
          />
          <button
            type="button"
            class="button button--small content-lang__suggest"
            disabled={!fields.title[locale].trim()}
            onClick={() =>
              props.onChange({
                ...fields,
                slug: { ...fields.slug, [locale]: suggestSlug(fields.title[locale]) },
              })
            }
          >
            {t("content.field.suggest_slug")}
            <span class="sr"> ({languageLabel(locale)})</span>
          </button>
        </>
      ) : null}
      <Field
        id={controlId(path("summary"))}
        label={label("summary")}
        hint={t("content.field.summary_hint")}
        error={errors[path("summary")]}
      >
        {(id, describedBy) => (
          <textarea
            id={id}
            class="input textarea"
            lang={locale}
            rows={3}
            maxLength={1000}
            value={fields.summary[locale]}
            aria-invalid={errors[path("summary")] ? true : undefined}
            aria-describedby={describedBy}
            onInput={(event) => setText("summary", event.currentTarget.value)}
          />
        )}
      </Field>
      {kind === "activity" ? (
        <TextField
          id={controlId(path("place"))}
          label={label("place")}
          lang={locale}
          value={fields.place[locale]}
          maxLength={300}
          error={errors[path("place")]}
          onInput={(value) => setText("place", value)}
        />
      ) : null}
      {kind === "project" ? (
        projectSections.map((section) => (
          <MarkdownField
            key={section}
            id={controlId(`sections.${section}.${locale}`)}
            label={t("content.field_in", {
              field: sectionLabel(section),
              language: languageLabel(locale),
            })}
            locale={locale}
            rows={6}
            maxLength={20_000}
            value={fields.sections?.[section]?.[locale] ?? ""}
            error={errors[`sections.${section}.${locale}`]}
            onInput={(value) => setSection(section, value)}
          />
        ))
      ) : (
        <MarkdownField
          id={controlId(path("body"))}
          label={label("body")}
          locale={locale}
          maxLength={100_000}
          value={fields.body[locale]}
          error={errors[path("body")]}
          onInput={(value) => setText("body", value)}
        />
      )}
    </fieldset>
  );
}

function KindFields(props: FieldsProps) {
  const { reference } = useSignedIn();
  const { fields, errors, kind } = props;
  if (kind === "activity")
    return (
      <div class="content-pair">
        {(["starts_at", "ends_at"] as const).map((name) => (
          <TextField
            key={name}
            id={controlId(name)}
            type="datetime-local"
            label={fieldLabel(name)}
            hint={t("content.field.time_hint")}
            value={toVietnamTime(fields[name])}
            error={errors[name]}
            onInput={(value) => props.onChange({ ...fields, [name]: fromVietnamTime(value) })}
          />
        ))}
      </div>
    );
  if (kind === "partner")
    return (
      <div class="content-pair">
        <TextField
          id={controlId("website")}
          type="url"
          label={fieldLabel("website")}
          hint={t("content.field.website_hint")}
          value={fields.website ?? ""}
          maxLength={500}
          error={errors.website}
          onInput={(value) => props.onChange({ ...fields, website: value || null })}
        />
        <SelectField
          label={fieldLabel("partner_role")}
          value={fields.partner_role ?? ""}
          placeholder={t("form.choose")}
          options={(["sponsor", "partner"] as const).map((role) => ({
            value: role,
            label: t(`content.partner_role.${role}`),
          }))}
          error={errors.partner_role}
          onChange={(value) =>
            props.onChange({
              ...fields,
              partner_role: value === "sponsor" || value === "partner" ? value : null,
            })
          }
        />
      </div>
    );
  if (kind === "project")
    return reference.projects.length ? (
      <SelectField
        label={fieldLabel("project_slug")}
        value={props.projectSlug}
        placeholder={t("form.choose")}
        options={reference.projects.map((project) => ({
          value: project.slug,
          label: project.name.vi,
        }))}
        error={errors.project_slug}
        onChange={props.onProjectSlug}
      />
    ) : (
      <TextField
        id={controlId("project_slug")}
        label={fieldLabel("project_slug")}
        hint={t("content.field.project_slug_hint")}
        value={props.projectSlug}
        maxLength={120}
        error={errors.project_slug}
        onInput={props.onProjectSlug}
      />
    );
  return null;
}

export function ContentFieldsForm(props: FieldsProps) {
  return (
    <>
      <div class="content-langs">
        {locales.map((locale) => (
          <LanguageFields key={locale} {...props} locale={locale} />
        ))}
      </div>
      <KindFields {...props} />
      <CoverImage
        id={controlId("image_id")}
        label={props.kind === "partner" ? t("content.field.logo") : t("content.field.image_id")}
        imageId={props.fields.image_id}
        error={props.errors.image_id}
        onChange={(imageId) => props.onChange({ ...props.fields, image_id: imageId })}
      />
    </>
  );
}
