// The frame of every screen: a bar with the way back, the screen's title and the sync state
// (online or not, syncing or failing, changes waiting), then the screen, then a spoken/visible
// flash message.
import type { ComponentChildren } from "preact";
import { getMeta } from "../db/meta.js";
import { t } from "../i18n/i18n.js";
import { useServices, useSignedIn } from "./context.js";
import { useFlash } from "./flash.js";
import { useLive, useOnline } from "./hooks.js";
import { goBack } from "./router.js";

function SyncBadge() {
  const { db } = useServices();
  const { user } = useSignedIn();
  const online = useOnline();
  const pending = useLive(() => db.outbox.where("user_id").equals(user.id).count(), [user.id]);
  const failure = useLive(async () => (await getMeta(db, "syncStatus"))?.failure ?? null);
  // Online is not the same as synced: a server that fails or does not answer shows here too.
  const state = !online ? "offline" : failure && failure.kind !== "offline" ? "trouble" : "online";
  const label = t(`status.${state}`);
  return (
    <a class={`badge badge--${state}`} href="#/">
      <span class="badge__dot" aria-hidden="true" />
      <span class="sr">{label}</span>
      {pending ? (
        <span>
          {pending}
          <span class="sr"> {t("status.waiting")}</span>
        </span>
      ) : (
        <span aria-hidden="true">{online ? "✓" : "—"}</span>
      )}
    </a>
  );
}

export function Screen(props: {
  title: string;
  back?: boolean;
  /** Room for two languages side by side on a wide screen (the content editor). */
  wide?: boolean | undefined;
  children: ComponentChildren;
}) {
  const message = useFlash();
  return (
    <>
      <header class="bar">
        {props.back === false ? (
          <span class="bar__brand">Peerlink</span>
        ) : (
          <button type="button" class="bar__back" onClick={goBack}>
            <span aria-hidden="true">←</span>
            <span class="sr">{t("nav.back")}</span>
          </button>
        )}
        <SyncBadge />
      </header>
      <main class={props.wide ? "screen screen--wide" : "screen"}>
        <h1 tabIndex={-1}>{props.title}</h1>
        {props.children}
      </main>
      <div class="flash" role="status" aria-live="polite">
        {message ? <p class="flash__message">{message}</p> : null}
      </div>
    </>
  );
}

export function Notice(props: {
  kind?: "info" | "warning" | "error";
  children: ComponentChildren;
}) {
  const kind = props.kind ?? "info";
  return (
    <div class={`notice notice--${kind}`} role={kind === "error" ? "alert" : undefined}>
      {props.children}
    </div>
  );
}
