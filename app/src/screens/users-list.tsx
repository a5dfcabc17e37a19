// The accounts, for administrators: each with its role, sites and state, opening its edit screen.
import { t, tn } from "../i18n/i18n.js";
import { useSignedIn } from "../ui/context.js";
import { LoadState } from "../ui/load-state.js";
import { href } from "../ui/router.js";
import { roleLabel, StateTags } from "./user-labels.js";
import { UsersFrame, useUsers } from "./users-online.js";

export function UsersScreen() {
  const { reference } = useSignedIn();
  const { users, error } = useUsers();
  const codes = new Map(reference.sites.map((s) => [s.id, s.code]));
  return (
    <UsersFrame title={t("users.title")}>
      {() => (
        <>
          <div class="actions">
            <a class="button button--primary" href={href("/users/new")}>
              {t("users.new")}
            </a>
            <a class="button" href={href("/users/locks")}>
              {t("users.locks")}
            </a>
          </div>
          <LoadState
            error={error}
            loading={users === undefined && !error}
            loadingText={t("users.loading")}
          />
          {users ? (
            <>
              <p class="muted users__count">{tn("users.count", users.length)}</p>
              <ul class="list">
                {users.map((u) => (
                  <li key={u.id}>
                    <a
                      class={`list__item user-row${u.disabled ? " user-row--off" : ""}`}
                      href={href("/users/edit", { id: u.id })}
                    >
                      <strong>{u.display_name}</strong>
                      <span class="muted">
                        {u.username} · {roleLabel(u.role)}
                      </span>
                      <span class="muted">
                        {u.site_ids.length
                          ? u.site_ids.map((id) => codes.get(id) ?? "?").join(", ")
                          : t("users.no_sites")}
                      </span>
                      <StateTags user={u} />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </UsersFrame>
  );
}
