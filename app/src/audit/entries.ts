// How an audit entry reads on the audit screen: what was done, to what, and its particulars, in
// the reader's language. Site ids become their codes (from the reference data on the phone); a
// client or a report file is named by the start of its id, the only thing the log keeps of it.
import { auditActions, auditTargetTypes } from "../../../src/audit/actions.js";
import type { UserRole } from "../../../src/db/schema.js";
import { type MessageKey, t } from "../i18n/i18n.js";
import type { AuditEntry } from "../sync/api.js";

// The actions and target types are the server's own lists (src/audit/actions.ts: data, no
// database), in the order the filters offer them.
export { auditActions, auditTargetTypes };

const known = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export function actionLabel(action: string): string {
  return known(auditActions, action) ? t(`audit.action.${action}` as MessageKey) : action;
}

export function targetTypeLabel(type: string): string {
  return known(auditTargetTypes, type) ? t(`audit.target.${type}` as MessageKey) : type;
}

/** "Account lan.tg", "Client 0193a5c2…", "Network address 203.0.113.7". */
export function describeTarget(entry: AuditEntry): string {
  const { type, id, label } = entry.target;
  const name = label ?? (type === "address" ? id : id ? `${id.slice(0, 8)}…` : "");
  return `${targetTypeLabel(type)} ${name}`.trim();
}

const role = (value: unknown) => t(`role.${value as UserRole}` as MessageKey);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The particulars of an entry as one line; empty when the action says it all. */
export function describeDetails(entry: AuditEntry, siteCode: (id: string) => string): string {
  const d = entry.details;
  const sites = (ids: unknown) => list(ids).map(siteCode).join(", ") || t("audit.no_sites");
  switch (entry.action) {
    case "user.created":
      return `${t("audit.detail.role", { role: role(d.role) })}; ${t("audit.detail.sites", {
        sites: sites(d.site_ids),
      })}`;
    case "user.role_changed":
      return t("audit.detail.change", { from: role(d.from), to: role(d.to) });
    case "user.sites_changed":
      return t("audit.detail.change", { from: sites(d.from), to: sites(d.to) });
    case "user.profile_changed":
      return t("audit.detail.fields", {
        fields: list(d.fields)
          .map((field) => t(`audit.field.${field}` as MessageKey))
          .join(", "),
      });
    case "login_throttle.lifted":
      return t("audit.detail.failures", {
        kind: t(`locks.kind.${String(d.kind)}` as MessageKey, { address: entry.target.id ?? "" }),
        count: Number(d.failures),
      });
    case "targets.changed":
      return t("audit.detail.targets", {
        count: Number(d.count),
        indicators: list(d.indicators).join(", "),
        periods: list(d.periods).join(", "),
      });
    case "export.downloaded":
      return t("audit.detail.export", { kind: String(d.kind), period: String(d.period) });
    case "client_details.read":
      return t("audit.detail.reason", { reason: String(d.reason) });
    default:
      return "";
  }
}
