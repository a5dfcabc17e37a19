// A commodity distribution: what, how many, when — to a client (when opened from one) or not.
import { useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { Chips, Stepper, SubmitButton, TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { items, options } from "../ui/options.js";
import { useRecorder } from "../ui/recorder.js";
import { goBack } from "../ui/router.js";

export function DistributionFormScreen(props: { clientId?: string }) {
  const { db } = useServices();
  const { site } = useSignedIn();
  const record = useRecorder();
  const client = useLive(
    async () => (props.clientId ? db.records("client").get(props.clientId) : undefined),
    [props.clientId],
  );
  const [item, setItem] = useState("condom");
  const [quantity, setQuantity] = useState(10);
  const [date, setDate] = useState(today());
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!site) return;
    if (quantity < 1) return setError(t("distribution.quantity_invalid"));
    setBusy(true);
    try {
      await record([
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
      goBack();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t("distribution.title")}>
      {client ? (
        <p class="client-summary">
          {t("contact.for")} <strong class="uic">{client.uic}</strong>
        </p>
      ) : null}
      {site ? null : <Notice kind="warning">{t("form.no_site")}</Notice>}
      <form onSubmit={submit} noValidate>
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
        <TextField
          label={t("form.date")}
          type="date"
          max={today()}
          value={date}
          onInput={setDate}
        />
        <SubmitButton label={t("form.save")} busy={busy} />
      </form>
    </Screen>
  );
}
