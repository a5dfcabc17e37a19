// Accounts, for administrators: the list, a new account, changes to one. These go straight to the
// server (/api/users), never through the outbox: an account is not field work to record offline,
// and the server's rules (a free username, the last administrator) need its answer. Offline, the
// screens say so. The server's refusals, in the user's language, go beside the field they name.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { UserRole } from "../../../src/db/schema.js";
import { formatMoment, type MessageKey, t, tn } from "../i18n/i18n.js";
import { ApiError, type ManagedUser, NetworkError } from "../sync/api.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { Chips, SelectField, SubmitButton, TextField } from "../ui/fields.js";
import { flash } from "../ui/flash.js";
import { useLocale, useOnline } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { href } from "../ui/router.js";
import {
  changesOf,
  checkUser,
  fieldOf,
  generatePassword,
  normaliseUsername,
  roleList,
  sitesNeeded,
} from "../users/rules.js";

const roleLabel = (role: UserRole) => t(`role.${role}` as MessageKey);

/** Words for a failure: the server's own message, or that the network is missing. */
function failure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError) return t("users.no_network");
  return String(error);
}

/** The accounts, loaded when the screen opens online (and again when the network comes back). */
function useUsers(): { users?: ManagedUser[]; error?: string } {
  const { api } = useServices();
  const online = useOnline();
  const [state, setState] = useState<{ users?: ManagedUser[]; error?: string }>({});
  useEffect(() => {
    if (!online) return;
    let current = true;
    api.users().then(
      (users) => current && setState({ users }),
      (error) => current && setState({ error: failure(error) }),
    );
    return () => {
      current = false;
    };
  }, [online]);
  return state;
}

/** Administrators only, and only with a network: otherwise a notice says why. */
function UsersFrame(props: { title: string; children: () => ComponentChildren }) {
  const { user } = useSignedIn();
  const online = useOnline();
  return (
    <Screen title={props.title}>
      {user.role !== "administrator" ? (
        <Notice kind="warning">
          <p>{t("users.admins_only")}</p>
        </Notice>
      ) : !online ? (
        <Notice kind="warning">
          <p>{t("users.offline")}</p>
        </Notice>
      ) : (
        props.children()
      )}
    </Screen>
  );
}

function StateTags(props: { user: ManagedUser }) {
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

export function UsersScreen() {
  const { reference } = useSignedIn();
  const { users, error } = useUsers();
  const codes = new Map(reference.sites.map((s) => [s.id, s.code]));
  return (
    <UsersFrame title={t("users.title")}>
      {() => (
        <>
          <a class="button button--primary button--wide" href={href("/users/new")}>
            {t("users.new")}
          </a>
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          {users === undefined && !error ? <p class="muted">{t("users.loading")}</p> : null}
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

/** The password just set, to hand to the person: shown here once, never stored on the phone. */
function PasswordOnce(props: { name: string; password: string }) {
  return (
    <Notice kind="info">
      <p>{t("users.give_password", { name: props.name })}</p>
      <p class="password-once" translate={false}>
        {props.password}
      </p>
    </Notice>
  );
}

function UserForm(props: {
  existing?: ManagedUser;
  onSaved?: (user: ManagedUser) => void;
  /** After a new account: an empty form for the next one. */
  onAnother?: () => void;
}) {
  const { api } = useServices();
  const { reference } = useSignedIn();
  const locale = useLocale();
  const before = props.existing;
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState(before?.display_name ?? "");
  const [role, setRole] = useState<UserRole>(before?.role ?? "outreach_worker");
  const [siteIds, setSiteIds] = useState<string[]>(before ? [...before.site_ids] : []);
  const [staffId, setStaffId] = useState(before?.staff_id ?? "");
  const [language, setLanguage] = useState<"vi" | "en">(before?.locale ?? "vi");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** Counts refusals, so the first refused field gets the focus after each one. */
  const [refusals, setRefusals] = useState(0);
  const [done, setDone] = useState<{ user: ManagedUser; password?: string }>();

  const needed = sitesNeeded(role);
  const chooseRole = (chosen: UserRole) => {
    setRole(chosen);
    // An outreach worker works at one site: keep the first of several.
    if (sitesNeeded(chosen) === "one" && siteIds.length > 1) setSiteIds(siteIds.slice(0, 1));
  };
  const toggleSite = (id: string) => {
    if (siteIds.includes(id)) setSiteIds(siteIds.filter((s) => s !== id));
    else setSiteIds(needed === "one" ? [id] : [...siteIds, id]);
  };
  // Staff of the chosen sites (of every site while none is chosen), the current link kept.
  const staff = reference.staff.filter(
    (s) =>
      s.id === staffId ||
      ((s as { active?: boolean }).active !== false &&
        (siteIds.length === 0 || s.site_ids.some((id) => siteIds.includes(id)))),
  );
  useEffect(() => {
    const linked = reference.staff.find((s) => s.id === staffId);
    if (linked && siteIds.length && !linked.site_ids.some((id) => siteIds.includes(id))) {
      setStaffId("");
    }
  }, [siteIds.join()]);

  // The first refused field comes into view, with the keyboard on it.
  useEffect(() => {
    if (refusals === 0) return;
    document
      .querySelector<HTMLElement>(
        ".field--error input, .field--error select, .field--error button, form .notice--error",
      )
      ?.focus();
  }, [refusals]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFormError(undefined);
    const problems = checkUser(
      { username: before?.username ?? username, displayName, role, siteIds, password },
      before ? "edit" : "create",
    );
    const messages = Object.fromEntries(
      Object.entries(problems).map(([field, reason]) => [
        field,
        t(`users.error.${reason}` as MessageKey),
      ]),
    );
    setErrors(messages);
    if (Object.keys(messages).length) return setRefusals((n) => n + 1);
    setBusy(true);
    try {
      let saved: ManagedUser;
      if (before) {
        const changes = changesOf(before, {
          displayName,
          role,
          siteIds,
          staffId,
          locale: language,
          password,
        });
        if (Object.keys(changes).length === 0) {
          flash(t("users.nothing_changed"));
          return;
        }
        saved = await api.updateUser(before.id, changes);
      } else {
        saved = await api.createUser({
          username: normaliseUsername(username),
          display_name: displayName.trim(),
          role,
          password,
          site_ids: siteIds,
          staff_id: staffId || null,
          locale: language,
        });
      }
      setPassword("");
      setDone(password ? { user: saved, password } : { user: saved });
      props.onSaved?.(saved);
    } catch (caught) {
      const field = caught instanceof ApiError ? fieldOf(caught.parameter) : undefined;
      if (field && field in fieldLabels) setErrors({ [field]: failure(caught) });
      else setFormError(failure(caught));
      setRefusals((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <>
        <Notice>
          <p>
            {before
              ? t("users.saved", { name: done.user.display_name })
              : t("users.created", { username: done.user.username })}
          </p>
        </Notice>
        {done.password ? (
          <PasswordOnce name={done.user.display_name} password={done.password} />
        ) : null}
        <div class="actions">
          <a class="button button--primary button--wide" href={href("/users")}>
            {t("users.back_to_list")}
          </a>
          {props.onAnother ? (
            <button type="button" class="button button--wide" onClick={props.onAnother}>
              {t("users.new_another")}
            </button>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {before ? (
        <p class="muted">
          {t("users.username")}: <strong translate={false}>{before.username}</strong>
        </p>
      ) : (
        <TextField
          label={t("users.username")}
          value={username}
          onInput={setUsername}
          hint={t("users.username_hint")}
          error={errors.username}
          autoComplete="off"
          maxLength={40}
        />
      )}
      <TextField
        label={t("users.display_name")}
        value={displayName}
        onInput={setDisplayName}
        error={errors.display_name}
        maxLength={100}
      />
      <Chips
        label={t("users.role")}
        options={roleList.map((r) => ({ value: r, label: roleLabel(r) }))}
        value={[role]}
        onChange={(value) => chooseRole((value[0] ?? role) as UserRole)}
        error={errors.role}
      />
      <fieldset class={`field${errors.site_ids ? " field--error" : ""}`}>
        <legend class="field__label">
          {t("users.sites")}
          {needed === "none" ? <span class="field__optional"> ({t("form.optional")})</span> : null}
        </legend>
        {reference.sites.length === 0 ? <p class="muted">{t("form.no_site")}</p> : null}
        <ul class="list">
          {reference.sites.map((site) => (
            <li key={site.id}>
              <label class="list__item check">
                <input
                  type="checkbox"
                  checked={siteIds.includes(site.id)}
                  onChange={() => toggleSite(site.id)}
                />
                <span>
                  <strong translate={false}>{site.code}</strong> {site.name[locale]}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <p class="field__hint">
          {errors.site_ids ??
            (needed === "one"
              ? t("users.sites_one")
              : needed === "some"
                ? t("users.sites_some")
                : t("users.sites_none"))}
        </p>
      </fieldset>
      <SelectField
        label={t("users.staff")}
        optional
        value={staffId}
        placeholder={t("users.staff_none")}
        options={staff.map((s) => ({ value: s.id, label: s.display_name }))}
        onChange={setStaffId}
        error={errors.staff_id}
      />
      <Chips
        label={t("users.language")}
        options={[
          { value: "vi", label: "Tiếng Việt" },
          { value: "en", label: "English" },
        ]}
        value={[language]}
        onChange={(value) => setLanguage((value[0] ?? "vi") as "vi" | "en")}
        error={errors.locale}
      />
      <TextField
        label={before ? t("users.new_password") : t("users.password")}
        optional={Boolean(before)}
        value={password}
        onInput={setPassword}
        hint={before ? t("users.new_password_hint") : t("users.password_hint")}
        error={errors.password}
        autoComplete="new-password"
        maxLength={200}
      />
      <button
        type="button"
        class="button button--wide generate"
        onClick={() => {
          setPassword(generatePassword(before?.username ?? username));
          setErrors(({ password: _, ...rest }) => rest);
        }}
      >
        {t("users.generate")}
      </button>
      {formError ? (
        <div tabIndex={-1} class="notice notice--error" role="alert">
          <p>{formError}</p>
        </div>
      ) : Object.keys(errors).length ? (
        <Notice kind="error">
          <p>{t("users.fix_form")}</p>
        </Notice>
      ) : null}
      <SubmitButton label={before ? t("users.save") : t("users.create")} busy={busy} />
    </form>
  );
}

/** Fields the form shows, by the name the server gives them in `parameter`. */
const fieldLabels = {
  username: true,
  display_name: true,
  role: true,
  site_ids: true,
  staff_id: true,
  locale: true,
  password: true,
};

export function NewUserScreen() {
  const [round, setRound] = useState(0);
  return (
    <UsersFrame title={t("users.new_title")}>
      {() => <UserForm key={round} onAnother={() => setRound((n) => n + 1)} />}
    </UsersFrame>
  );
}

/** Disabling ends the person's sessions at once; enabling lets them sign in again. */
function AccessCard(props: { user: ManagedUser; onChanged: (user: ManagedUser) => void }) {
  const { api } = useServices();
  const { user: me } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const target = props.user;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.updateUser(target.id, { disabled: !target.disabled });
      flash(saved.disabled ? t("users.disabled_now") : t("users.enabled_now"));
      props.onChanged(saved);
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card access" aria-labelledby="access-title">
      <h2 id="access-title">{t("users.access")}</h2>
      <p>
        {target.disabled ? t("users.disabled_long") : t("users.active")}
        <StateTags user={{ ...target, disabled: false }} />
      </p>
      {target.id === me.id ? (
        <p class="muted">{t("users.yourself")}</p>
      ) : (
        <>
          <p class="muted">{target.disabled ? t("users.enable_hint") : t("users.disable_hint")}</p>
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          <button type="button" class="button button--wide" disabled={busy} onClick={toggle}>
            {target.disabled ? t("users.enable") : t("users.disable")}
          </button>
        </>
      )}
    </section>
  );
}

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
