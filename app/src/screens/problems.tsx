// Changes the server did not take, each with its reason. A refused change can be fixed (an edit
// form of its fields, the one the server named first) or discarded; a conflict shows what differs
// between the two copies and lets the person keep theirs or take the server's.
import { useState } from "preact/hooks";
import type { Problem, RecordType } from "../db/database.js";
import { formatMoment, type MessageKey, t } from "../i18n/i18n.js";
import { discardProblem, resendProblem, takeServerCopy } from "../sync/problems.js";
import { CommuneField } from "../ui/commune.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { Chips, SelectField, SubmitButton, TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import {
  items,
  type OptionList,
  options,
  populationGroups,
  services,
  sexes,
  testResults,
  topics,
  trainingKinds,
} from "../ui/options.js";
import { goBack, href } from "../ui/router.js";

/** Fields a person may correct, per record type (ids and links are not theirs to retype). */
const editable: Record<RecordType, string[]> = {
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

const choices: Record<string, [OptionList, readonly string[]]> = {
  sex: ["sex", sexes],
  population_group: ["population", populationGroups],
  service: ["service", services],
  result: ["result", testResults],
  item: ["item", items],
  kind: ["kind", trainingKinds],
};

const fieldLabel = (name: string) => t(`field.${name}` as MessageKey);
const typeLabel = (type: RecordType) => t(`type.${type}` as MessageKey);

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function ProblemCard(props: { problem: Problem }) {
  const { db, engine } = useServices();
  const { user } = useSignedIn();
  const { problem } = props;
  const differing =
    problem.kind === "conflict"
      ? editable[problem.type].filter(
          (f) => show(problem.record[f]) !== show(problem.server_record?.[f]),
        )
      : [];
  const after = () => {
    if (navigator.onLine) engine.sync().catch((e) => console.error("sync failed", e));
  };
  return (
    <li class="card problem">
      <h2>
        {typeLabel(problem.type)} · {t(`op.${problem.op}` as MessageKey)}
      </h2>
      <p class="muted">{formatMoment(problem.recorded_at)}</p>
      <Notice kind={problem.kind === "conflict" ? "warning" : "error"}>
        <p>{problem.kind === "conflict" ? t("problems.conflict") : problem.message}</p>
      </Notice>
      {differing.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("problems.field")}</th>
              <th scope="col">{t("problems.mine")}</th>
              <th scope="col">{t("problems.server")}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((f) => (
              <tr key={f}>
                <th scope="row">{fieldLabel(f)}</th>
                <td>{show(problem.record[f])}</td>
                <td>{show(problem.server_record?.[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div class="actions">
        {problem.kind === "conflict" ? (
          <>
            <button
              type="button"
              class="button button--primary"
              onClick={() => resendProblem(db, user, problem, {}).then(after)}
            >
              {t("problems.keep_mine")}
            </button>
            <button type="button" class="button" onClick={() => takeServerCopy(db, problem)}>
              {t("problems.take_server")}
            </button>
          </>
        ) : editable[problem.type].length ? (
          <a class="button button--primary" href={href("/problems/fix", { id: problem.id })}>
            {t("problems.fix")}
          </a>
        ) : null}
        {problem.kind === "rejected" ? (
          <button type="button" class="button" onClick={() => discardProblem(db, problem)}>
            {t("problems.discard")}
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function ProblemsScreen() {
  const { db } = useServices();
  const { user } = useSignedIn();
  const problems = useLive(
    () => db.problems.where("user_id").equals(user.id).sortBy("seq"),
    [user.id],
  );
  return (
    <Screen title={t("problems.title")}>
      {problems?.length === 0 ? <p class="muted">{t("problems.none")}</p> : null}
      <ul class="cards">
        {(problems ?? []).map((p) => (
          <ProblemCard key={p.id} problem={p} />
        ))}
      </ul>
    </Screen>
  );
}

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
      <SelectField
        label={fieldLabel(name)}
        value={show(value) === "—" ? "" : String(value)}
        placeholder={name === "result" ? "—" : undefined}
        options={options(choice[0], choice[1])}
        onChange={(v) => onChange(v || null)}
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

export function FixProblemScreen(props: { id: string }) {
  const { db, engine } = useServices();
  const { user } = useSignedIn();
  const problem = useLive(() => db.problems.get(props.id), [props.id]);
  const [changes, setChanges] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  if (!problem) return <Screen title={t("problems.fix_title")}>{null}</Screen>;
  const fields = editable[problem.type];
  const value = (name: string) => (name in changes ? changes[name] : problem.record[name]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await resendProblem(db, user, problem, changes);
      if (navigator.onLine) engine.sync().catch((e) => console.error("sync failed", e));
      goBack();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t("problems.fix_title")}>
      {problem.field && fields.includes(problem.field) ? null : (
        <Notice kind="error">
          <p>{problem.message}</p>
        </Notice>
      )}
      <form onSubmit={submit} noValidate>
        {fields.map((name) => (
          <FieldEditor
            key={name}
            name={name}
            value={value(name)}
            onChange={(v) => setChanges({ ...changes, [name]: v })}
            error={problem.field === name ? problem.message : undefined}
          />
        ))}
        <SubmitButton label={t("problems.send_again")} busy={busy} />
      </form>
    </Screen>
  );
}
