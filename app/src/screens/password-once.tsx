// The password just set for an account, to hand to its person.
import { t } from "../i18n/i18n.js";
import { Notice } from "../ui/layout.js";

/** The password just set, to hand to the person: shown here once, never stored on the phone. */
export function PasswordOnce(props: { name: string; password: string }) {
  return (
    <Notice kind="info">
      <p>{t("users.give_password", { name: props.name })}</p>
      <p class="password-once" translate={false}>
        {props.password}
      </p>
    </Notice>
  );
}
