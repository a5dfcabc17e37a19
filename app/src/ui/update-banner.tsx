// A new release of the app is ready (the service worker has it): the person reloads when it suits
// them — never in the middle of a form.
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";

let update: (() => Promise<void>) | undefined;
const listeners = new Set<() => void>();

/** Called by main.tsx when the service worker has a new version waiting. */
export function offerUpdate(apply: () => Promise<void>): void {
  update = apply;
  for (const listener of listeners) listener();
}

export function UpdateBanner() {
  const [ready, setReady] = useState(update !== undefined);
  useEffect(() => {
    const listener = () => setReady(true);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  if (!ready) return null;
  return (
    <div class="update" role="status">
      <p>{t("update.ready")}</p>
      <button type="button" class="button" onClick={() => update?.()}>
        {t("update.reload")}
      </button>
    </div>
  );
}
