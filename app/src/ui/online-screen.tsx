// A screen that works only online and only for people with one permission: the content, newsletter
// and accounts screens go straight to the server, never through the outbox, because what they
// change is not field work to record offline and the server's rules need its answer. Offline, or
// for someone who may not, the screen says so instead of showing its body.
import type { ComponentChildren } from "preact";
import { type Action, can } from "../../../src/auth/policy.js";
import { type MessageKey, t } from "../i18n/i18n.js";
import { useSignedIn } from "./context.js";
import { useOnline } from "./hooks.js";
import { Notice, Screen } from "./layout.js";

/** A screen built on OnlineScreen: its title, its width, and its body once allowed and online. */
export interface OnlineFrameProps {
  title: string;
  wide?: boolean;
  children: () => ComponentChildren;
}

export function OnlineScreen(props: {
  title: string;
  wide?: boolean;
  /** What the person must be allowed to do to see the body. */
  action: Action;
  /** The notice for someone who may not. */
  notAllowed: MessageKey;
  /** The notice without a network. */
  offline: MessageKey;
  children: () => ComponentChildren;
}) {
  const { user } = useSignedIn();
  const online = useOnline();
  return (
    <Screen title={props.title} wide={props.wide}>
      {!can(user, props.action) ? (
        <Notice kind="warning">
          <p>{t(props.notAllowed)}</p>
        </Notice>
      ) : !online ? (
        <Notice kind="warning">
          <p>{t(props.offline)}</p>
        </Notice>
      ) : (
        props.children()
      )}
    </Screen>
  );
}
