// Failed sign-ins, for administrators: the accounts, devices and network addresses whose failures
// make the next attempt wait (src/auth/throttle.ts), and lifting one when the person is known to
// be the real one. Online only, like the other account screens.
import { useEffect, useState } from "preact/hooks";
import { formatMoment, t, tn } from "../i18n/i18n.js";
import type { SignInThrottle } from "../sync/api.js";
import { useServices } from "../ui/context.js";
import { flash } from "../ui/flash.js";
import { useOnline } from "../ui/hooks.js";
import { Notice } from "../ui/layout.js";
import { failure, UsersFrame } from "./users-online.js";

function whoOrWhere(throttle: SignInThrottle): { title: string; kind: string } {
  if (throttle.kind === "address") {
    return { title: throttle.address ?? "", kind: t("locks.address_row") };
  }
  const user = throttle.user;
  return {
    title: user ? `${user.display_name} (${user.username})` : "",
    kind: throttle.kind === "device" ? t("locks.kind.device") : t("locks.kind.account"),
  };
}

export function SignInLocksScreen() {
  const { api } = useServices();
  const online = useOnline();
  const [throttles, setThrottles] = useState<SignInThrottle[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  useEffect(() => {
    if (!online) return;
    let current = true;
    api.throttles().then(
      (list) => current && setThrottles(list),
      (caught) => current && setError(failure(caught)),
    );
    return () => {
      current = false;
    };
  }, [online]);

  const lift = async (id: string) => {
    setBusy(id);
    setError(undefined);
    try {
      await api.liftThrottle(id);
      setThrottles((list) => list?.filter((throttle) => throttle.id !== id));
      flash(t("locks.lifted"));
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <UsersFrame title={t("locks.title")}>
      {() => (
        <>
          <p class="muted">{t("locks.intro")}</p>
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          {throttles === undefined && !error ? <p class="muted">{t("users.loading")}</p> : null}
          {throttles?.length === 0 ? <p>{t("locks.none")}</p> : null}
          {throttles?.length ? (
            <ul class="list locks">
              {throttles.map((throttle) => {
                const { title, kind } = whoOrWhere(throttle);
                return (
                  <li key={throttle.id}>
                    <div class="list__item lock-row">
                      <strong translate={false}>{title}</strong>
                      <span>{kind}</span>
                      <span class="muted">{tn("locks.failures", throttle.failures)}</span>
                      <span class={throttle.blocked_until ? "tag tag--warning" : "muted"}>
                        {throttle.blocked_until
                          ? t("locks.waits_until", { time: formatMoment(throttle.blocked_until) })
                          : t("locks.not_waiting")}
                      </span>
                      <button
                        type="button"
                        class="button"
                        disabled={busy === throttle.id}
                        onClick={() => lift(throttle.id)}
                      >
                        {t("locks.lift")}
                        <span class="sr"> {title}</span>
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      )}
    </UsersFrame>
  );
}
