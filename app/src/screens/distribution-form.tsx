// A commodity distribution: what, how many, when — to a client (when opened from one) or not.
import { useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { ClientSummary } from "../ui/client-summary.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { DateField } from "../ui/date-field.js";
import { Chips, Stepper } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { NoSiteNotice } from "../ui/no-site-notice.js";
import { items, options } from "../ui/options.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";

export function DistributionFormScreen(props: { clientId?: string }) {
  const { db } = useServices();
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const client = useLive(
    async () => (props.clientId ? db.records("client").get(props.clientId) : undefined),
    [props.clientId],
  );
  const [item, setItem] = useState("condom");
  const [quantity, setQuantity] = useState(10);
  const [date, setDate] = useState(today());
  const [error, setError] = useState<string>();
  const [dateError, setDateError] = useState<string>();

  const submit = async () => {
    if (!site) return;
    if (quantity < 1) return setError(t("distribution.quantity_invalid"));
    if (date > today()) return setDateError(t("form.future_date"));
    await save([
      {
        type: "commodity_distribution",
        op: "create",
        record: {
          id: newId(),
          site_id: client?.site_id ?? site.id,
          item,
          quantity,
          distributed_on: date,
          client_id: client?.id ?? null,
          contact_id: null,
          group_session_id: null,
        },
      },
    ]);
  };

  return (
    <Screen title={t("distribution.title")}>
      <ClientSummary client={client} />
      <NoSiteNotice />
      <SaveForm onSubmit={submit} busy={busy}>
        <Chips
          label={t("distribution.item")}
          options={options("item", items)}
          value={[item]}
          onChange={(v) => setItem(v[0] ?? item)}
        />
        <Stepper
          label={t("distribution.quantity")}
          value={quantity}
          onChange={setQuantity}
          min={0}
        />
        {error ? <Notice kind="error">{error}</Notice> : null}
        <DateField value={date} onInput={setDate} error={dateError} />
      </SaveForm>
    </Screen>
  );
}
