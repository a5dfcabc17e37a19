// A form that saves: not validated by the browser (the screen checks and says what is wrong,
// beside the field), its fields, then the submit button ("Save" unless told otherwise).
import type { ComponentChildren } from "preact";
import { t } from "../i18n/i18n.js";
import { SubmitButton } from "./fields.js";

export function SaveForm({
  onSubmit,
  label = t("form.save"),
  children,
  ...button
}: {
  onSubmit: () => unknown;
  busy: boolean;
  /** The button's words; "Save" by default. */
  label?: string;
  disabled?: boolean;
  children: ComponentChildren;
}) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      {children}
      <SubmitButton {...button} label={label} />
    </form>
  );
}
