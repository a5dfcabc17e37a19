// Changes to one account: its form, then its access (disable or enable).
import { useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import type { ManagedUser } from "../sync/api.js";
import { Notice } from "../ui/layout.js";
import { AccessCard } from "./user-access.js";
import { UserForm } from "./user-form.js";
import { UsersFrame, useUsers } from "./users-online.js";

export function EditUserScreen(props: { id: string }) {
  const { users, error } = useUsers();
  const [changed, setChanged] = useState<ManagedUser>();
  const found = changed ?? users?.find((u) => u.id === props.id);
  return (
    <UsersFrame title={t("users.edit_title")}>
      {() => (
        <>
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          {users === undefined && !error ? <p class="muted">{t("users.loading")}</p> : null}
          {users && !found ? (
            <Notice kind="warning">
              <p>{t("users.not_found")}</p>
            </Notice>
          ) : null}
          {found ? (
            <>
              <UserForm key={found.id} existing={found} onSaved={setChanged} />
              <AccessCard user={found} onChanged={setChanged} />
            </>
          ) : null}
        </>
      )}
    </UsersFrame>
  );
}
