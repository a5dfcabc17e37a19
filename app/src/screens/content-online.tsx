// The website's content goes straight to the server (/api/content), never through the outbox: a
// web page is not field work to record offline, and the server's rules (a free slug, the latest
// revision) need its answer. Offline, or for someone who may not edit, the screens say so.
import type { ComponentChildren } from "preact";
import { can } from "../../../src/auth/policy.js";
import { t } from "../i18n/i18n.js";
import { useSignedIn } from "../ui/context.js";
import { useOnline } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";

export function ContentFrame(props: {
  title: string;
  wide?: boolean;
  children: () => ComponentChildren;
}) {
  const { user } = useSignedIn();
  const online = useOnline();
  return (
    <Screen title={props.title} wide={props.wide}>
      {!can(user, "content.manage") ? (
        <Notice kind="warning">
          <p>{t("content.editors_only")}</p>
        </Notice>
      ) : !online ? (
        <Notice kind="warning">
          <p>{t("content.offline")}</p>
        </Notice>
      ) : (
        props.children()
      )}
    </Screen>
  );
}
