// Saving a form's records and leaving it: `busy` while the changes are written (the submit button
// says so and cannot be pressed twice), then the form goes back, or wherever `then` says.
import { useState } from "preact/hooks";
import type { ChangeInput } from "../db/record-changes.js";
import { useRecorder } from "./recorder.js";
import { goBack } from "./router.js";

export function useSave(): {
  busy: boolean;
  save: (changes: ChangeInput[], then?: () => void) => Promise<void>;
} {
  const record = useRecorder();
  const [busy, setBusy] = useState(false);
  const save = async (changes: ChangeInput[], then: () => void = goBack) => {
    setBusy(true);
    try {
      await record(changes);
      then();
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
}
