// What the finance screens' forms share: the message of what was just done (a status a screen
// reader says, which takes the focus), and a form's end — the failure that stopped a save, the
// submit button (saying "Saving…" while it waits) and any other buttons.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { Notice } from "../ui/layout.js";

/** The longest description (memo, reason) the server keeps. */
export const MAX_MEMO_LENGTH = 500;

export function SaidMessage(props: { message: string | undefined }) {
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (props.message) said.current?.focus();
  }, [props.message]);
  return (
    <div role="status">
      {props.message ? (
        <p class="notice notice--info" tabIndex={-1} ref={said}>
          {props.message}
        </p>
      ) : null}
    </div>
  );
}

export function FormEnd(props: {
  failure: string | undefined;
  busy: boolean;
  submit: string;
  children?: ComponentChildren;
}) {
  return (
    <>
      {props.failure ? (
        <Notice kind="error">
          <p>{props.failure}</p>
        </Notice>
      ) : null}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={props.busy}>
          {props.busy ? t("finance.saving") : props.submit}
        </button>
        {props.children}
      </div>
    </>
  );
}
