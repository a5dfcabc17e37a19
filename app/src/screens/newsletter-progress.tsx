// An issue being sent: sent, left and failed, refreshed every few seconds until nothing is left,
// then its final state. The numbers change quietly; only the state, when it changes, is announced.
import { useEffect, useState } from "preact/hooks";
import { formatMoment, t } from "../i18n/i18n.js";
import type { Issue, IssueProgress } from "../newsletter/api.js";
import { useServices } from "../ui/context.js";
import { Notice } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { IssueStateTag, NewsletterFrame } from "./newsletter-online.js";
import { failure } from "./users-online.js";

/** How often the numbers are asked for while the issue is being sent. */
export const PROGRESS_POLL_MS = 2_000;

export function NewsletterProgressScreen(props: { id: string }) {
  const { api } = useServices();
  const [issue, setIssue] = useState<Issue>();
  const [progress, setProgress] = useState<IssueProgress>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      try {
        const answer = await api.newsletter.progress(props.id);
        if (!current) return;
        setProgress(answer);
        setError(undefined);
        if (answer.state === "sending") timer = setTimeout(look, PROGRESS_POLL_MS);
        else setIssue(await api.newsletter.get(props.id));
      } catch (caught) {
        if (!current) return;
        // A lost answer is not the end of the sending: keep looking.
        setError(failure(caught));
        timer = setTimeout(look, PROGRESS_POLL_MS * 2);
      }
    };
    api.newsletter.get(props.id).then(
      (found) => current && setIssue(found),
      () => undefined,
    );
    void look();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [props.id]);

  const done = progress ? progress.sent + progress.failed : 0;
  return (
    <NewsletterFrame title={t("newsletter.progress_title")}>
      {() => (
        <>
          {issue ? (
            <p>
              <strong lang="vi">
                {issue.subject_vi || issue.subject_en || t("newsletter.untitled")}
              </strong>
            </p>
          ) : null}
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          <p role="status" class="newsletter-state">
            {progress ? (
              <>
                <IssueStateTag state={progress.state} />{" "}
                {progress.state === "sent"
                  ? t("newsletter.state_sent_note", {
                      time: issue?.sent_at ? formatMoment(issue.sent_at) : "",
                    })
                  : progress.state === "sending"
                    ? t("newsletter.state_sending_note")
                    : t("newsletter.state_draft_note")}
              </>
            ) : (
              t("newsletter.loading")
            )}
          </p>
          {progress && progress.total > 0 ? (
            <>
              <progress
                class="newsletter-progress"
                max={progress.total}
                value={done}
                aria-label={t("newsletter.progress_bar", { done, total: progress.total })}
              />
              <dl class="newsletter-numbers">
                <div>
                  <dt>{t("newsletter.numbers.sent")}</dt>
                  <dd>{progress.sent}</dd>
                </div>
                <div>
                  <dt>{t("newsletter.numbers.left")}</dt>
                  <dd>{progress.left}</dd>
                </div>
                <div>
                  <dt>{t("newsletter.numbers.failed")}</dt>
                  <dd>{progress.failed}</dd>
                </div>
                <div>
                  <dt>{t("newsletter.numbers.total")}</dt>
                  <dd>{progress.total}</dd>
                </div>
              </dl>
              {progress.failed > 0 ? <p class="muted">{t("newsletter.failed_note")}</p> : null}
            </>
          ) : null}
          <div class="actions">
            <a class="button" href={href("/newsletter")}>
              {t("newsletter.all_issues")}
            </a>
          </div>
        </>
      )}
    </NewsletterFrame>
  );
}
