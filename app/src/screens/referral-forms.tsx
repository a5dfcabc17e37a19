// Referrals: a new one for a client (service, facility, date); later its outcome — the day the
// client arrived, and for an HIV test its result — sent as an update on the version last seen.
import { useEffect, useState } from "preact/hooks";
import { formatDate, t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { ClientSummary } from "../ui/client-summary.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { DateField } from "../ui/date-field.js";
import { Chips, TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { label, options, services, testResults } from "../ui/options.js";
import { href } from "../ui/router.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";

export function ReferralFormScreen(props: { clientId: string }) {
  const { db } = useServices();
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const client = useLive(() => db.records("client").get(props.clientId), [props.clientId]);
  const [service, setService] = useState("hiv_test");
  const [facility, setFacility] = useState("");
  const [date, setDate] = useState(today());
  const [dateError, setDateError] = useState<string>();

  const submit = async () => {
    if (!client || !site) return;
    if (date > today()) return setDateError(t("form.future_date"));
    await save([
      {
        type: "referral",
        op: "create",
        record: {
          id: newId(),
          site_id: client.site_id,
          client_id: client.id,
          service,
          facility: facility.trim(),
          referred_on: date,
          arrived_on: null,
          result: null,
          result_on: null,
        },
      },
    ]);
  };

  return (
    <Screen title={t("referral.title")}>
      <ClientSummary client={client} />
      <SaveForm onSubmit={submit} busy={busy}>
        <Chips
          label={t("referral.service")}
          options={options("service", services)}
          value={[service]}
          onChange={(v) => setService(v[0] ?? service)}
        />
        <TextField label={t("referral.facility")} optional value={facility} onInput={setFacility} />
        <DateField value={date} onInput={setDate} error={dateError} />
      </SaveForm>
    </Screen>
  );
}

export function ReferralOutcomeScreen(props: { id: string }) {
  const { db } = useServices();
  const { busy, save } = useSave();
  const referral = useLive(() => db.records("referral").get(props.id), [props.id]);
  const client = useLive(
    async () => (referral ? db.records("client").get(referral.client_id) : undefined),
    [referral?.client_id],
  );
  const [arrived, setArrived] = useState("");
  const [result, setResult] = useState("");
  const [resultOn, setResultOn] = useState("");
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!referral) return;
    setArrived(referral.arrived_on ?? today());
    setResult(referral.result ?? "");
    setResultOn(referral.result_on ?? referral.arrived_on ?? today());
  }, [referral?.id]);

  if (!referral) return <Screen title={t("referral.outcome_title")}>{null}</Screen>;
  const isTest = referral.service === "hiv_test";

  const submit = async () => {
    if (arrived < referral.referred_on) return setError(t("referral.arrived_before"));
    if (arrived > today()) return setError(t("form.future_date"));
    await save([
      {
        type: "referral",
        op: "update",
        record: {
          id: referral.id,
          arrived_on: arrived,
          result: isTest && result ? result : null,
          result_on: isTest && result ? resultOn || arrived : null,
        },
      },
    ]);
  };

  return (
    <Screen title={t("referral.outcome_title")}>
      <p>
        {client ? <strong class="uic">{client.uic}</strong> : null} ·{" "}
        {label("service", referral.service)}
      </p>
      <SaveForm onSubmit={submit} busy={busy}>
        <DateField
          label={t("referral.arrived_on")}
          value={arrived}
          onInput={setArrived}
          error={error}
        />
        {isTest ? (
          <>
            <Chips
              label={t("referral.result")}
              options={options("result", testResults)}
              value={result ? [result] : []}
              onChange={(v) => setResult(v[0] === result ? "" : (v[0] ?? ""))}
            />
            {result ? (
              <DateField label={t("referral.result_on")} value={resultOn} onInput={setResultOn} />
            ) : null}
          </>
        ) : null}
        {referral.version === null ? <Notice>{t("referral.not_sent_yet")}</Notice> : null}
      </SaveForm>
    </Screen>
  );
}

/** Referrals still waiting for the client to arrive: whom to follow up. */
export function FollowUpScreen() {
  const { db } = useServices();
  const list = useLive(async () => {
    const waiting = (await db.records("referral").orderBy("referred_on").toArray()).filter(
      (r) => !r.arrived_on && !r.voided_at,
    );
    const clients = new Map(
      (await db.records("client").bulkGet(waiting.map((r) => r.client_id))).map((c) => [c?.id, c]),
    );
    return waiting.map((r) => ({ referral: r, uic: clients.get(r.client_id)?.uic ?? "?" }));
  });
  return (
    <Screen title={t("home.follow_up")}>
      {list?.length === 0 ? <p class="muted">{t("referral.none_waiting")}</p> : null}
      <ul class="list">
        {(list ?? []).map(({ referral, uic }) => (
          <li key={referral.id}>
            <a class="list__item" href={href("/referrals/outcome", { id: referral.id })}>
              <span class="uic">{uic}</span>
              <span class="muted">
                {label("service", referral.service)} · {formatDate(referral.referred_on)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
