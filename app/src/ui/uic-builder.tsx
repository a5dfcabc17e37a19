// The UIC builder, as at registration and when a refused code is corrected: the mother's and the
// father's given names (asked, used, never stored), sex and birth year build the code, shown as it
// is typed.
import { buildUic, isValidUic, type Sex } from "../../../src/people/uic.js";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { Chips, TextField } from "./fields.js";
import { options, sexes } from "./options.js";

export interface UicParts {
  mother: string;
  father: string;
  sex: Sex | "";
  birthYear: string;
}

export const noUicParts: UicParts = { mother: "", father: "", sex: "", birthYear: "" };

/** The code the parts build ("" until they are complete), and what is wrong with them. */
export function readUicParts(parts: UicParts): {
  uic: string;
  year: number;
  errors: Partial<Record<keyof UicParts, string>>;
} {
  const year = Number(parts.birthYear);
  const thisYear = Number(today().slice(0, 4));
  const yearValid = /^\d{4}$/.test(parts.birthYear) && year >= 1900 && year <= thisYear;
  const uic =
    parts.mother.trim() && parts.father.trim() && parts.sex && yearValid
      ? buildUic({
          motherGivenName: parts.mother,
          fatherGivenName: parts.father,
          sex: parts.sex,
          birthYear: year,
        })
      : "";
  const errors: Partial<Record<keyof UicParts, string>> = {};
  if (!parts.mother.trim()) errors.mother = t("form.required");
  if (!parts.father.trim()) errors.father = t("form.required");
  if (!parts.sex) errors.sex = t("form.required");
  if (!yearValid) errors.birthYear = t("client.birth_year_invalid", { max: thisYear });
  if (uic && !isValidUic(uic)) errors.mother = t("client.uic_invalid");
  return { uic, year, errors };
}

export function UicBuilder(props: {
  parts: UicParts;
  onChange: (parts: UicParts) => void;
  /** Shown once the person tried to save. */
  errors: Partial<Record<keyof UicParts, string>>;
  /** A code to compare with (the refused one), shown beside the new one. */
  previous?: string;
}) {
  const { parts, onChange, errors } = props;
  const set = (change: Partial<UicParts>) => onChange({ ...parts, ...change });
  const { uic } = readUicParts(parts);
  return (
    <fieldset class="uic-builder">
      <legend>{t("client.uic_parts")}</legend>
      <TextField
        label={t("client.mother_name")}
        hint={t("client.mother_hint")}
        value={parts.mother}
        onInput={(mother) => set({ mother })}
        error={errors.mother}
      />
      <TextField
        label={t("client.father_name")}
        value={parts.father}
        onInput={(father) => set({ father })}
        error={errors.father}
      />
      <Chips
        label={t("client.sex")}
        options={options("sex", sexes)}
        value={parts.sex ? [parts.sex] : []}
        onChange={(v) => set({ sex: (v[0] ?? "") as Sex | "" })}
        error={errors.sex}
      />
      <TextField
        label={t("client.birth_year")}
        inputMode="numeric"
        maxLength={4}
        value={parts.birthYear}
        onInput={(birthYear) => set({ birthYear })}
        error={errors.birthYear}
      />
      <p class="uic-preview" aria-live="polite">
        {t("client.uic")}: <strong class="uic">{uic || "———————"}</strong>
        {props.previous ? (
          <span class="muted"> {t("client.uic_was", { code: props.previous })}</span>
        ) : null}
      </p>
    </fieldset>
  );
}
