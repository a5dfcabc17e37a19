// Whom a form records for: "For <UIC>", once the client is loaded.
import type { LocalRecord } from "../db/database.js";
import { t } from "../i18n/i18n.js";

export function ClientSummary({ client }: { client: LocalRecord<"client"> | undefined }) {
  return client ? (
    <p class="client-summary">
      {t("contact.for")} <strong class="uic">{client.uic}</strong>
    </p>
  ) : null;
}
