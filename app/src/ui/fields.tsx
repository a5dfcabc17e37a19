// Form controls sized for a thumb (48 px and up) and usable from a keyboard: a labelled field,
// text/number/date inputs, a select, chips that toggle (several) or choose (one), a stepper.
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { t } from "../i18n/i18n.js";

export interface Option {
  value: string;
  label: string;
}

export function Field(props: {
  /** A fixed id, for a link to the field from an error summary; generated otherwise. */
  id?: string | undefined;
  label: string;
  optional?: boolean;
  hint?: string;
  error?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = props.hint || props.error ? `${id}-hint` : undefined;
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label class="field__label" for={id}>
        {props.label}
        {props.optional ? <span class="field__optional"> ({t("form.optional")})</span> : null}
      </label>
      {props.children(id, hintId)}
      {hintId ? (
        <p class="field__hint" id={hintId}>
          {props.error ?? props.hint}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = {
  id?: string;
  label: string;
  /** The language of what is typed, when not the UI's (an English title in a Vietnamese UI). */
  lang?: string;
  value: string;
  onInput: (value: string) => void;
  optional?: boolean;
  hint?: string;
  error?: string | undefined;
  type?: "text" | "date" | "tel" | "password" | "search" | "url" | "datetime-local";
  inputMode?: "numeric" | "text" | "tel";
  autoComplete?: string;
  maxLength?: number;
  max?: string;
  required?: boolean;
};

export function TextField(props: InputProps) {
  return (
    <Field {...props}>
      {(id, describedBy) => (
        <input
          id={id}
          class="input"
          // Preact's input types are a union keyed by `type`; one component serves several types.
          type={(props.type ?? "text") as "text"}
          lang={props.lang}
          value={props.value}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? "off"}
          maxLength={props.maxLength}
          max={props.max}
          required={props.required}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export function SelectField(props: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  optional?: boolean;
  error?: string | undefined;
  placeholder?: string;
}) {
  return (
    <Field {...props}>
      {(id, describedBy) => (
        <select
          id={id}
          class="input"
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        >
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Buttons that toggle: `multiple` keeps several on, otherwise one (a choice). */
export function Chips(props: {
  label: string;
  options: Option[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  multiple?: boolean;
  error?: string | undefined;
}) {
  const toggle = (value: string) => {
    if (!props.multiple) return props.onChange([value]);
    props.onChange(
      props.value.includes(value)
        ? props.value.filter((v) => v !== value)
        : [...props.value, value],
    );
  };
  return (
    <fieldset class={`field chips${props.error ? " field--error" : ""}`}>
      <legend class="field__label">{props.label}</legend>
      <div class="chips__list">
        {props.options.map((option) => (
          <button
            key={option.value}
            type="button"
            class="chip"
            aria-pressed={props.value.includes(option.value)}
            onClick={() => toggle(option.value)}
          >
            {option.label}
          </button>
        ))}
      </div>
      {props.error ? <p class="field__hint">{props.error}</p> : null}
    </fieldset>
  );
}

export function Stepper(props: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  const { min = 0, max = 100_000, step = 1 } = props;
  const set = (value: number) => props.onChange(Math.min(max, Math.max(min, value)));
  return (
    <Field label={props.label}>
      {(id) => (
        <div class="stepper">
          <button
            type="button"
            class="stepper__button"
            aria-label={t("form.less")}
            onClick={() => set(props.value - step)}
          >
            −
          </button>
          <input
            id={id}
            class="input stepper__input"
            inputMode="numeric"
            value={String(props.value)}
            onInput={(event) => set(Number(event.currentTarget.value.replace(/\D/g, "")) || 0)}
          />
          <button
            type="button"
            class="stepper__button"
            aria-label={t("form.more")}
            onClick={() => set(props.value + step)}
          >
            +
          </button>
        </div>
      )}
    </Field>
  );
}

export function SubmitButton(props: {
  label: string;
  busy?: boolean;
  /** What the button says while busy: "Saving…" unless told. */
  busyLabel?: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="submit"
      class="button button--primary button--wide"
      disabled={props.busy || props.disabled}
    >
      {props.busy ? (props.busyLabel ?? t("form.saving")) : props.label}
    </button>
  );
}
