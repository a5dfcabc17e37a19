// The form that fixes a refused change, chosen by what was refused: a client's code is built
// again with the registration's UIC builder (the parents' names are never stored, so they are
// asked again) and checked for duplicates like a new one; a training participant or a group
// attendee is chosen again by name or code; any other record is corrected in its own fields, with
// the controls of its own form and the refused field marked. Saving sends it again, with the
// changes that wait for it (sync/problems.ts).
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Sex } from "../../../src/people/uic.js";
import type { Problem, RecordType } from "../db/database.js";
import { hasMessage, type MessageKey, t, tn } from "../i18n/i18n.js";
import { dependantsOf, resendProblem } from "../sync/problems.js";
import { ClientLine } from "../ui/client-line.js";
import { CommuneField } from "../ui/commune.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { DuplicateNotice, useDuplicateCheck } from "../ui/duplicates.js";
import { Chips, Field, SelectField, TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import {
  items,
  type OptionList,
  options,
  populationGroups,
  testResults,
  topics,
  trainingKinds,
} from "../ui/options.js";
import { goBack } from "../ui/router.js";
import { SaveForm } from "../ui/save-form.js";
import { noUicParts, readUicParts, UicBuilder, type UicParts } from "../ui/uic-builder.js";

/** Fields a person may correct, per record type (ids and links are not theirs to retype). */
export const editable: Record<RecordType, string[]> = {
  client: ["uic", "sex", "birth_year", "population_group", "home_commune_id", "registered_on"],
  contact: ["contact_date", "commune_id", "topics"],
  group_session: ["held_on", "commune_id", "topic"],
  group_attendance: [],
  referral: ["facility", "referred_on", "arrived_on", "result", "result_on"],
  commodity_distribution: ["item", "quantity", "distributed_on"],
  training: ["kind", "title", "starts_on", "ends_on", "venue"],
  training_participant: [],
  supervision_visit: ["visited_on", "findings", "actions"],
};

/** Refusals no form on the phone can fix: the record is not the person's to write, or is gone. */
const unfixable = new Set([
  "outside_scope",
  "not_found",
  "already_attending",
  "immutable_field",
  "change_reused",
  "record_voided",
  "id_taken",
  "base_version_required",
]);

const codeFields = ["uic", "sex", "birth_year"];

export type FixKind = "code" | "person" | "client" | "fields";

/** Which form fixes this refusal, if one does. */
export function fixable(problem: Problem): FixKind | undefined {
  if (problem.kind !== "rejected" || unfixable.has(problem.code ?? "")) return undefined;
  if (problem.op === "void") return undefined;
  const { type, field = "", code } = problem;
  if (type === "client")
    return code === "uic_taken" || codeFields.includes(field) ? "code" : "fields";
  if (type === "training_participant") return field === "staff_id" ? "person" : undefined;
  if (type === "group_attendance") return field === "client_id" ? "client" : undefined;
  if (code === "missing_reference") return undefined;
  return "fields";
}

/** What the person can do about it, in their words. */
export function helpFor(problem: Problem): string {
  const code = problem.code ?? "";
  const known = [
    "uic_taken",
    "missing_reference",
    "outside_scope",
    "already_attending",
    "not_found",
    "record_voided",
  ];
  if (known.includes(code)) return t(`problems.help.${code}` as MessageKey);
  return fixable(problem) ? t("problems.help.fixable") : t("problems.help.unfixable");
}

const labelled = (name: string) => hasMessage(`field.${name}`);

/**
 * Why the server refused it: its message, in the language it was sent in, with the field it names
 * ("starts_on") said as the form says it ("Ngày bắt đầu").
 */
export function reasonFor(problem: Problem): string {
  const message = problem.message ?? "";
  const field = problem.field;
  if (!field || !labelled(field)) return message;
  return message.replaceAll(`“${field}”`, `“${fieldLabel(field)}”`);
}

export function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

const fieldLabel = (name: string) => t(`field.${name}` as MessageKey);

const choices: Record<string, [OptionList, readonly string[]]> = {
  result: ["result", testResults],
  item: ["item", items],
  kind: ["kind", trainingKinds],
};

function FieldEditor(props: {
  name: string;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
}) {
  const { name, value, onChange, error } = props;
  const choice = choices[name];
  if (choice)
    return (
      <Chips
        label={fieldLabel(name)}
        options={options(choice[0], choice[1])}
        value={value ? [String(value)] : []}
        // As in the referral's form, pressing the chosen result again clears it.
        onChange={(v) => onChange(name === "result" && v[0] === value ? null : (v[0] ?? null))}
        error={error}
      />
    );
  if (name === "topics")
    return (
      <Chips
        label={fieldLabel(name)}
        multiple
        options={options("topic", topics)}
        value={(value as string[]) ?? []}
        onChange={onChange}
        error={error}
      />
    );
  if (name.endsWith("commune_id"))
    return (
      <CommuneField
        label={fieldLabel(name)}
        value={String(value ?? "")}
        onChange={(v) => onChange(v || null)}
      />
    );
  if (name === "findings" || name === "actions")
    return (
      <Field label={fieldLabel(name)} error={error}>
        {(id, describedBy) => (
          <textarea
            id={id}
            class="input textarea"
            rows={5}
            maxLength={4000}
            aria-describedby={describedBy}
            value={String(value ?? "")}
            onInput={(e) => onChange(e.currentTarget.value)}
          />
        )}
      </Field>
    );
  const isDate = name.endsWith("_on") || name.endsWith("_date");
  const isNumber = name === "birth_year" || name === "quantity";
  return (
    <TextField
      label={fieldLabel(name)}
      type={isDate ? "date" : "text"}
      inputMode={isNumber ? "numeric" : undefined}
      value={value === null || value === undefined ? "" : String(value)}
      onInput={(v) => onChange(isNumber ? Number(v) : isDate && !v ? null : v)}
      error={error}
    />
  );
}

/** The frame of every fix: what was refused and why, what goes with it, the form, "send again". */
function FixFrame(props: {
  problem: Problem;
  /** The refused field is shown beside its control, so the reason is not repeated above. */
  reasonShownAtField: boolean;
  onSubmit: () => Promise<Record<string, unknown> | undefined>;
  disabled?: boolean;
  children: ComponentChildren;
}) {
  const { db, engine } = useServices();
  const { user } = useSignedIn();
  const { problem } = props;
  const [busy, setBusy] = useState(false);
  const waiting = useLive(async () => (await dependantsOf(db, problem)).length, [problem.id]);
  const submit = async () => {
    const fields = await props.onSubmit();
    if (!fields) return;
    setBusy(true);
    try {
      await resendProblem(db, user, problem, fields);
      if (navigator.onLine) engine.sync().catch((e) => console.error("sync failed", e));
      goBack();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen title={t("problems.fix_title")}>
      {props.reasonShownAtField ? null : (
        <Notice kind="error">
          <p>{reasonFor(problem)}</p>
        </Notice>
      )}
      {waiting ? <p class="muted">{tn("problems.fix_takes_along", waiting)}</p> : null}
      <SaveForm
        onSubmit={submit}
        busy={busy}
        label={t("problems.send_again")}
        disabled={props.disabled}
      >
        {props.children}
      </SaveForm>
    </Screen>
  );
}

/** A client: the code built again from the parents' names, checked like a new registration. */
function ClientFix({ problem }: { problem: Problem }) {
  const record = problem.record;
  const rebuild = fixable(problem) === "code";
  const [parts, setParts] = useState<UicParts>({
    ...noUicParts,
    sex: (record.sex as Sex) ?? "",
    birthYear: String(record.birth_year ?? ""),
  });
  const [group, setGroup] = useState(String(record.population_group ?? ""));
  const [commune, setCommune] = useState(String(record.home_commune_id ?? ""));
  const [registeredOn, setRegisteredOn] = useState(String(record.registered_on ?? ""));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState(false);
  const built = readUicParts(parts);
  const check = useDuplicateCheck({
    siteId: String(record.site_id),
    uic: rebuild ? built.uic : "",
    sex: parts.sex,
    birthYear: built.year,
    exceptId: String(record.id),
  });
  const blocked = rebuild && (check.taken || (check.similar && !confirmed));
  const refused = problem.field ?? "";

  const submit = async () => {
    const found: Record<string, string> = rebuild ? { ...built.errors } : {};
    if (rebuild && built.uic === record.uic) found.mother = t("problems.same_code");
    setErrors(found);
    if (Object.keys(found).length || blocked) return undefined;
    return {
      ...(rebuild ? { uic: built.uic, sex: parts.sex, birth_year: built.year } : {}),
      population_group: group,
      home_commune_id: commune || null,
      registered_on: registeredOn,
    };
  };

  return (
    <FixFrame problem={problem} reasonShownAtField={false} onSubmit={submit} disabled={blocked}>
      {rebuild ? (
        <>
          <p>{t("problems.ask_names_again")}</p>
          <UicBuilder
            parts={parts}
            onChange={setParts}
            errors={errors}
            previous={String(record.uic)}
          />
          <DuplicateNotice check={check} confirmed={confirmed} onConfirm={setConfirmed} />
        </>
      ) : (
        <p class="client-summary">
          {t("client.uic")}: <strong class="uic">{String(record.uic)}</strong>
        </p>
      )}
      <SelectField
        label={t("client.population_group")}
        value={group}
        options={options("population", populationGroups)}
        onChange={setGroup}
        error={refused === "population_group" ? reasonFor(problem) : undefined}
      />
      <CommuneField label={t("client.home_commune")} value={commune} onChange={setCommune} />
      {refused === "registered_on" ? (
        <TextField
          label={fieldLabel("registered_on")}
          type="date"
          value={registeredOn}
          onInput={setRegisteredOn}
          error={reasonFor(problem)}
        />
      ) : null}
    </FixFrame>
  );
}

/** A training participant: the staff member chosen again, by name. */
function ParticipantFix({ problem }: { problem: Problem }) {
  const { db } = useServices();
  const { reference } = useSignedIn();
  const training = useLive(
    () => db.records("training").get(String(problem.record.training_id)),
    [problem.id],
  );
  const [staffId, setStaffId] = useState(String(problem.record.staff_id ?? ""));
  const siteId = problem.record.site_id;
  const staff = reference.staff.filter((s) => !siteId || s.site_ids.includes(String(siteId)));
  return (
    <FixFrame
      problem={problem}
      reasonShownAtField={false}
      onSubmit={async () => ({ staff_id: staffId })}
    >
      {training ? (
        <p class="client-summary">
          {t("training.title")}: <strong>{training.title}</strong>
        </p>
      ) : null}
      <fieldset class="field">
        <legend class="field__label">{t("problems.choose_participant")}</legend>
        <ul class="list">
          {staff.map((member) => (
            <li key={member.id}>
              <label class="list__item check">
                <input
                  type="radio"
                  name="participant"
                  checked={staffId === member.id}
                  onChange={() => setStaffId(member.id)}
                />
                {member.display_name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </FixFrame>
  );
}

/** A group attendance: the client chosen again, by code, among the site's clients. */
function AttendeeFix({ problem }: { problem: Problem }) {
  const { db } = useServices();
  const [clientId, setClientId] = useState(String(problem.record.client_id ?? ""));
  const [filter, setFilter] = useState("");
  const clients = useLive(
    async () =>
      (
        await db.records("client").where("site_id").equals(String(problem.record.site_id)).toArray()
      ).filter((c) => !c.voided_at),
    [problem.id],
  );
  const code = filter.trim().toUpperCase();
  const shown = (clients ?? [])
    .filter((c) => c.id === clientId || c.uic.includes(code))
    .slice(0, 20);
  return (
    <FixFrame
      problem={problem}
      reasonShownAtField={false}
      onSubmit={async () => ({ client_id: clientId })}
    >
      <TextField label={t("session.filter")} type="search" value={filter} onInput={setFilter} />
      <fieldset class="field">
        <legend class="field__label">{t("problems.choose_client")}</legend>
        <ul class="list">
          {shown.map((client) => (
            <li key={client.id}>
              <label class="list__item check">
                <input
                  type="radio"
                  name="attendee"
                  checked={clientId === client.id}
                  onChange={() => setClientId(client.id)}
                />
                <span>
                  <ClientLine client={client} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </FixFrame>
  );
}

/** Any other record: its own fields, with its form's controls. */
function FieldsFix({ problem }: { problem: Problem }) {
  const [changes, setChanges] = useState<Record<string, unknown>>({});
  const value = (name: string) => (name in changes ? changes[name] : problem.record[name]);
  // A result belongs to an HIV test referral only, as in the referral's own form.
  const fields = editable[problem.type].filter(
    (name) =>
      problem.type !== "referral" ||
      !name.startsWith("result") ||
      problem.record.service === "hiv_test",
  );
  return (
    <FixFrame
      problem={problem}
      reasonShownAtField={fields.includes(problem.field ?? "")}
      onSubmit={async () => changes}
    >
      {fields.map((name) => (
        <FieldEditor
          key={name}
          name={name}
          value={value(name)}
          onChange={(v) => setChanges({ ...changes, [name]: v })}
          error={problem.field === name ? reasonFor(problem) : undefined}
        />
      ))}
    </FixFrame>
  );
}

export function FixProblemScreen(props: { id: string }) {
  const { db } = useServices();
  const problem = useLive(() => db.problems.get(props.id), [props.id]);
  if (!problem) return <Screen title={t("problems.fix_title")}>{null}</Screen>;
  switch (fixable(problem)) {
    case "code":
      return <ClientFix problem={problem} />;
    case "person":
      return <ParticipantFix problem={problem} />;
    case "client":
      return <AttendeeFix problem={problem} />;
    case "fields":
      return problem.type === "client" ? (
        <ClientFix problem={problem} />
      ) : (
        <FieldsFix problem={problem} />
      );
    default:
      return (
        <Screen title={t("problems.fix_title")}>
          <Notice kind="error">
            <p>{reasonFor(problem)}</p>
          </Notice>
          <p>{helpFor(problem)}</p>
        </Screen>
      );
  }
}
