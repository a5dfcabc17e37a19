// Recording a contact in a few taps: the date is today, the commune the client's, topics are
// chips; condoms given also make a commodity distribution (linked to the contact and client), and
// each "refer to" makes a referral — all saved together, or not at all.
import { useEffect, useState } from "preact/hooks";
import type { ChangeInput } from "../db/record-changes.js";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { CommuneField } from "../ui/commune.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { Chips, Stepper, SubmitButton, TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { options, services, topics } from "../ui/options.js";
import { useRecorder } from "../ui/recorder.js";
import { goBack } from "../ui/router.js";

export function ContactFormScreen(props: { clientId: string }) {
  const { db } = useServices();
  const { site } = useSignedIn();
  const record = useRecorder();
  const client = useLive(() => db.records("client").get(props.clientId), [props.clientId]);
  const [date, setDate] = useState(today());
  const [commune, setCommune] = useState("");
  const [chosenTopics, setTopics] = useState<string[]>([]);
  const [condoms, setCondoms] = useState(0);
  const [referTo, setReferTo] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (client?.home_commune_id && !commune) setCommune(client.home_commune_id);
  }, [client]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!client || !site) return;
    if (date > today()) return setError(t("form.future_date"));
    setBusy(true);
    const contactId = newId();
    const changes: ChangeInput[] = [
      {
        type: "contact",
        op: "create",
        record: {
          id: contactId,
          site_id: client.site_id,
          client_id: client.id,
          contact_date: date,
          commune_id: commune || null,
          topics: chosenTopics,
        },
      },
    ];
    if (condoms > 0)
      changes.push({
        type: "commodity_distribution",
        op: "create",
        record: {
          id: newId(),
          site_id: client.site_id,
          item: "condom",
          quantity: condoms,
          distributed_on: date,
          client_id: client.id,
          contact_id: contactId,
          group_session_id: null,
        },
      });
    for (const service of referTo)
      changes.push({
        type: "referral",
        op: "create",
        record: {
          id: newId(),
          site_id: client.site_id,
          client_id: client.id,
          service,
          facility: "",
          referred_on: date,
          arrived_on: null,
          result: null,
          result_on: null,
        },
      });
    try {
      await record(changes);
      goBack();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t("contact.title")}>
      {client ? (
        <p class="client-summary">
          {t("contact.for")} <strong class="uic">{client.uic}</strong>
        </p>
      ) : null}
      {site ? null : <Notice kind="warning">{t("form.no_site")}</Notice>}
      <form onSubmit={submit} noValidate>
        <TextField
          label={t("form.date")}
          type="date"
          value={date}
          max={today()}
          onInput={setDate}
          error={error}
        />
        <CommuneField value={commune} onChange={setCommune} />
        <Chips
          label={t("contact.topics")}
          multiple
          options={options("topic", topics)}
          value={chosenTopics}
          onChange={setTopics}
        />
        <Stepper label={t("contact.condoms")} value={condoms} onChange={setCondoms} step={1} />
        <Chips
          label={t("contact.refer_to")}
          multiple
          options={options("service", services)}
          value={referTo}
          onChange={setReferTo}
        />
        <SubmitButton label={t("form.save")} busy={busy} />
      </form>
    </Screen>
  );
}
