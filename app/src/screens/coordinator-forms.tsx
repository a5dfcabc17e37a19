// For coordinators and above: a training or a coaching round with its participants (staff from the
// reference data), and a supervision visit with findings and actions.
import { useState } from "preact/hooks";
import { writableSites } from "../../../src/auth/policy.js";
import type { ChangeInput } from "../db/record-changes.js";
import { t, tn } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { useSignedIn } from "../ui/context.js";
import { DateField } from "../ui/date-field.js";
import { Chips, Field, TextField } from "../ui/fields.js";
import { Screen } from "../ui/layout.js";
import { NoSiteNotice } from "../ui/no-site-notice.js";
import { options, trainingKinds } from "../ui/options.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";

export function TrainingFormScreen() {
  const { site, reference, user } = useSignedIn();
  // A training for the whole project has no site: the server takes it only from those who may
  // write at every site (policy.ts), so only they are offered it.
  const mayHoldProjectWide = writableSites(user, "training") === "all";
  const { busy, save } = useSave();
  const [kind, setKind] = useState("coaching");
  const [title, setTitle] = useState("");
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(today());
  const [venue, setVenue] = useState("");
  const [wholeProject, setWholeProject] = useState(false);
  const [participants, setParticipants] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const projectWide = kind !== "coaching" && wholeProject && mayHoldProjectWide;
  const staff = reference.staff.filter((s) => projectWide || !site || s.site_ids.includes(site.id));

  const submit = async () => {
    if (!site) return;
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t("form.required");
    if (endsOn < startsOn) found.endsOn = t("training.ends_before");
    // The server takes no date after tomorrow: a training is recorded once it has taken place.
    if (startsOn > today()) found.startsOn = t("form.future_date");
    if (endsOn > today()) found.endsOn = t("form.future_date");
    setErrors(found);
    if (Object.keys(found).length) return;
    const trainingId = newId();
    const siteId = projectWide ? null : site.id;
    const changes: ChangeInput[] = [
      {
        type: "training",
        op: "create",
        record: {
          id: trainingId,
          project_id: site.project_id,
          site_id: siteId,
          kind,
          title: title.trim(),
          starts_on: startsOn,
          ends_on: endsOn,
          venue: venue.trim(),
        },
      },
      // Only those still listed: ticked, then hidden by a change of kind, they are not taking part.
      ...participants
        .filter((id) => staff.some((member) => member.id === id))
        .map(
          (staffId): ChangeInput => ({
            type: "training_participant",
            op: "create",
            record: { id: newId(), site_id: siteId, training_id: trainingId, staff_id: staffId },
          }),
        ),
    ];
    await save(changes);
  };

  return (
    <Screen title={t("training.title")}>
      <NoSiteNotice />
      <SaveForm onSubmit={submit} busy={busy}>
        <Chips
          label={t("training.kind")}
          options={options("kind", trainingKinds)}
          value={[kind]}
          onChange={(v) => setKind(v[0] ?? kind)}
        />
        <TextField
          label={t("training.name")}
          value={title}
          onInput={setTitle}
          error={errors.title}
        />
        <TextField
          label={t("training.starts_on")}
          type="date"
          value={startsOn}
          onInput={setStartsOn}
          max={today()}
          error={errors.startsOn}
        />
        <TextField
          label={t("training.ends_on")}
          type="date"
          value={endsOn}
          onInput={setEndsOn}
          max={today()}
          error={errors.endsOn}
        />
        <TextField label={t("training.venue")} optional value={venue} onInput={setVenue} />
        {kind !== "coaching" && mayHoldProjectWide ? (
          <label class="check">
            <input
              type="checkbox"
              checked={wholeProject}
              onChange={(e) => setWholeProject(e.currentTarget.checked)}
            />
            {t("training.whole_project")}
          </label>
        ) : null}
        <fieldset class="field">
          <legend class="field__label">
            {t("training.participants")} ({tn("training.ticked", participants.length)})
          </legend>
          <ul class="list">
            {staff.map((member) => (
              <li key={member.id}>
                <label class="list__item check">
                  <input
                    type="checkbox"
                    checked={participants.includes(member.id)}
                    onChange={() =>
                      setParticipants(
                        participants.includes(member.id)
                          ? participants.filter((p) => p !== member.id)
                          : [...participants, member.id],
                      )
                    }
                  />
                  {member.display_name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </SaveForm>
    </Screen>
  );
}

export function SupervisionFormScreen() {
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const [date, setDate] = useState(today());
  const [dateError, setDateError] = useState<string>();
  const [findings, setFindings] = useState("");
  const [actions, setActions] = useState("");

  const submit = async () => {
    if (!site) return;
    if (date > today()) return setDateError(t("form.future_date"));
    await save([
      {
        type: "supervision_visit",
        op: "create",
        record: {
          id: newId(),
          site_id: site.id,
          visited_on: date,
          findings: findings.trim(),
          actions: actions.trim(),
        },
      },
    ]);
  };

  const area = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>
      {(id) => (
        <textarea
          id={id}
          class="input textarea"
          rows={5}
          maxLength={4000}
          value={value}
          onInput={(e) => set(e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <Screen title={t("supervision.title")}>
      <NoSiteNotice />
      <SaveForm onSubmit={submit} busy={busy}>
        <DateField value={date} onInput={setDate} error={dateError} />
        {area(t("supervision.findings"), findings, setFindings)}
        {area(t("supervision.actions"), actions, setActions)}
      </SaveForm>
    </Screen>
  );
}
