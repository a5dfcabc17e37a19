// A Markdown text with a small toolbar above it (heading, bold, italic, lists, link, table, image):
// each button edits the text at the selection (markdown-tools.ts) and gives the focus back to the
// text with the placeholder selected, so typing replaces it. "Image" opens the media picker below
// the toolbar; the chosen image goes in as `![alt](/media/<id>)` with the alt text of this
// field's language.
import { useRef, useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { Field } from "../ui/fields.js";
import type { Locale } from "./api.js";
import { ImagePicker } from "./image-picker.js";
import { applyTool, type Editing, insertImage, type Tool } from "./markdown-tools.js";

const tools: Tool[] = ["heading", "bold", "italic", "bullets", "numbers", "link", "table"];

export function MarkdownField(props: {
  id: string;
  label: string;
  locale: Locale;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  maxLength?: number;
  error?: string | undefined;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [picking, setPicking] = useState(false);
  const current = (): Editing => {
    const element = area.current;
    const text = element?.value ?? props.value;
    return {
      text,
      start: element?.selectionStart ?? text.length,
      end: element?.selectionEnd ?? text.length,
    };
  };
  // Written into the textarea at once (the render that follows finds the same value), so the
  // selection and the focus are there before the next key press.
  const apply = (edited: Editing) => {
    const element = area.current;
    if (element) {
      element.value = edited.text;
      element.focus();
      element.setSelectionRange(edited.start, edited.end);
    }
    props.onInput(edited.text);
  };
  const words = {
    heading: t("content.placeholder.heading"),
    bold: t("content.placeholder.bold"),
    italic: t("content.placeholder.italic"),
    item: t("content.placeholder.item"),
    linkText: t("content.placeholder.link"),
    column: t("content.placeholder.column"),
  };

  return (
    <Field id={props.id} label={props.label} error={props.error} hint={t("content.markdown_hint")}>
      {(id, describedBy) => (
        <>
          <fieldset class="md-tools">
            <legend class="sr">{t("content.tools", { field: props.label })}</legend>
            {tools.map((tool) => (
              <button
                key={tool}
                type="button"
                class={`md-tools__button md-tools__button--${tool}`}
                onClick={() => apply(applyTool(current(), tool, words))}
              >
                {t(`content.tool.${tool}`)}
              </button>
            ))}
            <button
              type="button"
              class="md-tools__button"
              aria-expanded={picking}
              onClick={() => setPicking(!picking)}
            >
              {t("content.tool.image")}
            </button>
          </fieldset>
          {picking ? (
            <ImagePicker
              title={t("content.image_insert", { field: props.label })}
              onChosen={(image) => {
                setPicking(false);
                apply({
                  ...insertImage(current(), {
                    id: image.id,
                    alt: image.alt[props.locale] || image.alt.vi,
                  }),
                });
              }}
              onClose={() => {
                setPicking(false);
                area.current?.focus();
              }}
            />
          ) : null}
          <textarea
            ref={area}
            id={id}
            class="input textarea md-text"
            lang={props.locale}
            rows={props.rows ?? 12}
            maxLength={props.maxLength}
            value={props.value}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={describedBy}
            onInput={(event) => props.onInput(event.currentTarget.value)}
          />
        </>
      )}
    </Field>
  );
}
