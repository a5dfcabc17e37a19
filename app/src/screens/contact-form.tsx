// Recording a contact in a few taps: the date is today, the commune the client's, topics are
// chips; condoms given also make a commodity distribution (linked to the contact and client), and
// each "refer to" makes a referral — all saved together, or not at all.
import { useEffect, useState } from "preact/hooks";
import type { ChangeInput } from "../db/record-changes.js";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { ClientSummary } from "../ui/client-summary.js";
import { CommuneField } from "../ui/commune.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { DateField } from "../ui/date-field.js";
import { Chips, Stepper } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Screen } from "../ui/layout.js";
import { NoSiteNotice } from "../ui/no-site-notice.js";
import { options, services, topics } from "../ui/options.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";

export function ContactFormScreen(props: { clientId: string }) {
  const { db } = useServices();
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const client = useLive(() => db.records("client").get(props.clientId), [props.clientId]);
  const [date, setDate] = useState(today());
  const [commune, setCommune] = useState("");
  const [chosenTopics, setTopics] = useState<string[]>([]);
  const [condoms, setCondoms] = useState(0);
  const [referTo, setReferTo] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (client?.home_commune_id && !commune) setCommune(client.home_commune_id);
  }, [client]);

  const submit = async () => {
    if (!client || !site) return;
    if (date > today()) return setError(t("form.future_date"));
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
    await save(changes);
  };

  return (
    <Screen title={t("contact.title")}>
      <ClientSummary client={client} />
      <NoSiteNotice />
      <SaveForm onSubmit={submit} busy={busy}>
        <DateField value={date} onInput={setDate} error={error} />
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
      </SaveForm>
    </Screen>
  );
}
