// An account's form, new or existing: checked on the phone first, then by the server, whose
// refusals go beside the field they name (the first refused field gets the focus).
import { useEffect, useState } from "preact/hooks";
import type { UserRole } from "../../../src/db/schema.js";
import { type MessageKey, t } from "../i18n/i18n.js";
import { ApiError, type ManagedUser } from "../sync/api.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { Chips, SelectField, TextField } from "../ui/fields.js";
import { flash } from "../ui/flash.js";
import { useLocale } from "../ui/hooks.js";
import { Notice } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { SaveForm } from "../ui/save-form.js";
import {
  changesOf,
  checkUser,
  fieldOf,
  generatePassword,
  normaliseUsername,
  roleList,
  sitesNeeded,
} from "../users/rules.js";
import { PasswordOnce } from "./password-once.js";
import { roleLabel } from "./user-labels.js";
import { failure } from "./users-online.js";

export function UserForm(props: {
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

  const submit = async () => {
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
    <SaveForm onSubmit={submit} busy={busy} label={before ? t("users.save") : t("users.create")}>
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
    </SaveForm>
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
