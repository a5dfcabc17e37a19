// One client: who (by code), their recent contacts and referrals, and what to record next.
import { formatDate, t } from "../i18n/i18n.js";
import { ClientLine } from "../ui/client-line.js";
import { useCommuneName } from "../ui/commune.js";
import { useServices } from "../ui/context.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { label } from "../ui/options.js";
import { href } from "../ui/router.js";

export function ClientScreen(props: { id: string }) {
  const { db } = useServices();
  const communeName = useCommuneName();
  const client = useLive(() => db.records("client").get(props.id), [props.id]);
  const contacts = useLive(
    async () =>
      (await db.records("contact").where("client_id").equals(props.id).sortBy("contact_date"))
        .filter((c) => !c.voided_at)
        .reverse()
        .slice(0, 10),
    [props.id],
  );
  const referrals = useLive(
    async () =>
      (await db.records("referral").where("client_id").equals(props.id).sortBy("referred_on"))
        .filter((r) => !r.voided_at)
        .reverse(),
    [props.id],
  );
  if (client === undefined) return <Screen title={t("client.title")}>{null}</Screen>;

  return (
    <Screen title={`${t("client.title")} ${client.uic}`}>
      <p class="client-summary">
        <ClientLine client={client} withoutCode />
      </p>
      {client.version === null ? <Notice>{t("client.not_sent")}</Notice> : null}
      <div class="actions">
        <a class="button button--primary" href={href("/contacts/new", { client: client.id })}>
          {t("client.record_contact")}
        </a>
        <a class="button" href={href("/referrals/new", { client: client.id })}>
          {t("client.refer")}
        </a>
        <a class="button" href={href("/distributions/new", { client: client.id })}>
          {t("client.give")}
        </a>
      </div>
      <section>
        <h2>{t("client.referrals")}</h2>
        {referrals?.length ? (
          <ul class="list">
            {referrals.map((r) => (
              <li key={r.id}>
                <a class="list__item" href={href("/referrals/outcome", { id: r.id })}>
                  <span>
                    {label("service", r.service)} · {formatDate(r.referred_on)}
                  </span>
                  <span class="muted">
                    {r.arrived_on
                      ? `${t("referral.arrived_on_short", { date: formatDate(r.arrived_on) })}${r.result ? ` · ${label("result", r.result)}` : ""}`
                      : t("referral.waiting")}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("client.no_referrals")}</p>
        )}
      </section>
      <section>
        <h2>{t("client.contacts")}</h2>
        {contacts?.length ? (
          <ul class="list">
            {contacts.map((c) => (
              <li key={c.id} class="list__item list__item--static">
                <span>
                  {formatDate(c.contact_date)} · {communeName(c.commune_id)}
                </span>
                <span class="muted">
                  {c.topics.map((topic) => label("topic", topic)).join(", ")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("client.no_contacts")}</p>
        )}
      </section>
    </Screen>
  );
}
