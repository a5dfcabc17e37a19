// The warning a recording form shows when the signed-in person has no site to record for.
import { t } from "../i18n/i18n.js";
import { useSignedIn } from "./context.js";
import { Notice } from "./layout.js";

export function NoSiteNotice() {
  const { site } = useSignedIn();
  return site ? null : <Notice kind="warning">{t("form.no_site")}</Notice>;
}
