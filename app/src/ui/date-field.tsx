// A day that has happened: a date input that offers nothing after today, labelled "Date" unless
// told otherwise.
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { TextField } from "./fields.js";

export function DateField({
  label = t("form.date"),
  ...field
}: {
  value: string;
  onInput: (value: string) => void;
  label?: string;
  error?: string | undefined;
}) {
  return <TextField {...field} label={label} type="date" max={today()} />;
}
