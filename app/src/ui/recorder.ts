// Saving from a form: the changes go to the device's store with their outbox entries (one
// transaction), the person hears it is saved on this phone, and a sync starts if there is a network.
import { type ChangeInput, recordChanges } from "../db/record-changes.js";
import { t } from "../i18n/i18n.js";
import { useServices, useSignedIn } from "./context.js";
import { flash } from "./flash.js";

export function useRecorder(): (changes: ChangeInput[]) => Promise<void> {
  const { db, engine } = useServices();
  const { user } = useSignedIn();
  return async (changes) => {
    await recordChanges(db, user, changes);
    flash(t("form.saved"));
    if (navigator.onLine) engine.sync().catch((error) => console.error("sync failed", error));
  };
}
