import { t } from "../i18n/i18n.js";
import type { IssueState } from "../newsletter/api.js";
import { type OnlineFrameProps, OnlineScreen } from "../ui/online-screen.js";

export function NewsletterFrame(props: OnlineFrameProps) {
  return (
    <OnlineScreen
      {...props}
      action="newsletter.manage"
      notAllowed="newsletter.editors_only"
      offline="newsletter.offline"
    />
  );
}

export function IssueStateTag(props: { state: IssueState }) {
  // The content list's colours: a draft plain, sending as scheduled (under way), sent as published.
  const look = { draft: "draft", sending: "scheduled", sent: "published" }[props.state];
  return <span class={`tag tag--state-${look}`}>{t(`newsletter.state.${props.state}`)}</span>;
}
