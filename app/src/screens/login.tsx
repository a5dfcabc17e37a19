// Log-in. The first one on a phone needs a network; after it the same person can sign in offline
// (to record work; syncing waits for an online sign-in). Errors are the server's own words.
// On a phone nobody has signed in on it is there before the store is open (main.tsx): what it reads
// from the store comes when the store does, and signing in waits for the store.
import { useContext, useEffect, useLayoutEffect, useState } from "preact/hooks";
import { canSignInOffline, signInOffline, signInOnline } from "../auth/session.js";
import { getMeta } from "../db/meta.js";
import { t, tn } from "../i18n/i18n.js";
import { ApiError, NetworkError, ServerError } from "../sync/api.js";
import { Services, useLoadServices } from "../ui/context.js";
import { SubmitButton, TextField } from "../ui/fields.js";
import { refocus, takeTypedBeforeStart } from "../ui/first-load.js";
import { useLive, useOnline } from "../ui/hooks.js";
import { useKeptOffline } from "../ui/kept-offline.js";
import { Notice } from "../ui/layout.js";
import { navigate } from "../ui/router.js";
import { LanguageSwitch } from "./settings.js";

export function LoginScreen() {
  // Undefined until the store is open; every useLive below waits for it.
  const services = useContext(Services);
  const loadServices = useLoadServices();
  const online = useOnline();
  const remembered = useLive(async () => services && getMeta(services.db, "offlineLogin"));
  const ended = useLive(async () => services && getMeta(services.db, "session"));
  const pending = useLive(async () => services?.db.outbox.count());
  // Offline sign-in needs this person's check on the phone and the app's files kept there.
  const kept = useKeptOffline();
  const offlineReady =
    useLive(async () => services !== undefined && canSignInOffline(services.db)) && kept === "kept";
  // What was typed in the page's own form before the app started (first.html), if anything: the
  // form leaves the page as this one renders, and the focus moves before anything else can happen.
  const [typed] = useState(takeTypedBeforeStart);
  const [username, setUsername] = useState(typed?.username ?? "");
  const [password, setPassword] = useState(typed?.password ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (remembered && !username) setUsername(remembered.username);
  }, [remembered]);
  useLayoutEffect(() => refocus(document, typed), []);
  // Sign-in pressed in the page's own form before the app was there: done now, as pressed.
  useEffect(() => {
    if (typed?.pressed && typed.username && typed.password) void signIn();
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    void signIn();
  };

  const signIn = async () => {
    // Home once signed in — unless the address changed meanwhile (the app shows the screen it names
    // as soon as the session is stored, and a tap there must not be undone).
    const from = location.hash;
    const goHome = () => {
      if (location.hash === from) navigate("/");
    };
    setBusy(true);
    setError(undefined);
    // Opened already, or opening since the first screen; its file failing to arrive is the
    // network's fault (a phone with a store open has every file it needs).
    const services = await loadServices().catch((caught: unknown) => {
      console.error("store failed to open", caught);
      return undefined;
    });
    if (!services) {
      setError(t("login.no_network"));
      setBusy(false);
      return;
    }
    const { db, api, engine } = services;
    try {
      if (!navigator.onLine) {
        if (await signInOffline(db, username, password)) goHome();
        else setError(t("login.offline_failed"));
        return;
      }
      await signInOnline(db, api, username, password);
      goHome();
      engine.sync().catch((e) => console.error("sync failed", e));
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught.message);
      else if (caught instanceof NetworkError) {
        // The server failing, or the network said it was there and was not: try this phone's own
        // check, and otherwise say which of the two it was.
        if (await signInOffline(db, username, password)) goHome();
        else if (caught instanceof ServerError)
          setError(t("login.server_error", { status: caught.status }));
        else setError(t("login.no_network"));
      } else setError(String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="screen login">
      <div class="login__top">
        <p class="login__brand">Peerlink</p>
        <LanguageSwitch />
      </div>
      <h1 tabIndex={-1}>{t("login.title")}</h1>
      {ended && !ended.unlocked ? (
        <Notice kind="warning">
          <p>{t("login.session_ended")}</p>
        </Notice>
      ) : null}
      {pending ? (
        <Notice>
          <p>{tn("login.pending_safe", pending)}</p>
        </Notice>
      ) : null}
      {online ? null : (
        <Notice kind={offlineReady ? "info" : "warning"}>
          <p>{offlineReady ? t("login.offline_ready") : t("login.first_online")}</p>
        </Notice>
      )}
      <form onSubmit={submit} noValidate>
        <TextField
          label={t("login.username")}
          value={username}
          onInput={setUsername}
          autoComplete="username"
          required
        />
        <TextField
          label={t("login.password")}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          required
        />
        {error ? (
          <Notice kind="error">
            <p>{error}</p>
          </Notice>
        ) : null}
        <SubmitButton label={t("login.submit")} busy={busy} busyLabel={t("login.signing_in")} />
      </form>
      {online && offlineReady ? <p class="muted">{t("login.offline_ready")}</p> : null}
    </main>
  );
}
