// How an account reads: its role in words, and tags when it is disabled or locked.
import type { UserRole } from "../../../src/db/schema.js";
import { formatMoment, type MessageKey, t } from "../i18n/i18n.js";
import type { ManagedUser } from "../sync/api.js";

export const roleLabel = (role: UserRole) => t(`role.${role}` as MessageKey);

export function StateTags(props: { user: ManagedUser }) {
  const locked = props.user.locked_until && new Date(props.user.locked_until) > new Date();
  if (!props.user.disabled && !locked) return null;
  return (
    <span class="tags">
      {props.user.disabled ? <span class="tag tag--off">{t("users.disabled")}</span> : null}
      {locked ? (
        <span class="tag tag--warning">
          {t("users.locked_until", { time: formatMoment(props.user.locked_until!) })}
        </span>
      ) : null}
    </span>
  );
}
