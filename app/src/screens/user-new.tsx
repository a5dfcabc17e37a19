// A new account; once made, "another" starts a fresh form.
import { useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { UserForm } from "./user-form.js";
import { UsersFrame } from "./users-online.js";

export function NewUserScreen() {
  const [round, setRound] = useState(0);
  return (
    <UsersFrame title={t("users.new_title")}>
      {() => <UserForm key={round} onAnother={() => setRound((n) => n + 1)} />}
    </UsersFrame>
  );
}
