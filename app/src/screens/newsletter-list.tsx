// The newsletter's issues, newest first: each with its state, when it was sent and to how many,
// and, while one is being sent, how far it has gone; a draft opens for editing, a sent issue its
// progress. A button starts a new issue.
import { useEffect, useState } from "preact/hooks";
import { formatMoment, t, tn } from "../i18n/i18n.js";
import type { IssueProgress, IssueSummary } from "../newsletter/api.js";
import { useServices } from "../ui/context.js";
import { LoadState } from "../ui/load-state.js";
import { href } from "../ui/router.js";
import { IssueStateTag, NewsletterFrame } from "./newsletter-online.js";
import { failure } from "./users-online.js";

function Row(props: { issue: IssueSummary; progress: IssueProgress | undefined }) {
  const { issue, progress } = props;
  const subject = issue.subject.vi.trim() || issue.subject.en.trim();
  const target =
    issue.state === "draft"
      ? href("/newsletter/edit", { id: issue.id })
      : href("/newsletter/progress", { id: issue.id });
  return (
    <li>
      <a class="list__item content-row" href={target}>
        <strong lang={issue.subject.vi.trim() ? "vi" : "en"}>
          {subject || t("newsletter.untitled")}
        </strong>
        <span class="tags">
          <IssueStateTag state={issue.state} />
        </span>
        <span class="content-row__dates muted">
          {issue.sent_at
            ? t("newsletter.sent_at", { time: formatMoment(issue.sent_at) })
            : t("newsletter.updated_at", { time: formatMoment(issue.updated_at) })}
          {issue.recipients !== null ? ` · ${tn("newsletter.recipients", issue.recipients)}` : ""}
        </span>
        {progress ? (
          <span class="muted">
            {t("newsletter.progress_line", {
              sent: progress.sent,
              left: progress.left,
              failed: progress.failed,
            })}
          </span>
        ) : null}
      </a>
    </li>
  );
}

export function NewsletterListScreen() {
  const { api } = useServices();
  const [issues, setIssues] = useState<IssueSummary[]>();
  const [progress, setProgress] = useState<Record<string, IssueProgress>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    api.newsletter.list().then(
      async (found) => {
        if (!current) return;
        setIssues(found);
        // Only issues being sent have progress to show; a sent one says how many it went to.
        for (const issue of found.filter((i) => i.state === "sending")) {
          const answer = await api.newsletter.progress(issue.id).catch(() => undefined);
          if (current && answer) setProgress((known) => ({ ...known, [issue.id]: answer }));
        }
      },
      (caught) => current && setError(failure(caught)),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <NewsletterFrame title={t("newsletter.title")}>
      {() => (
        <>
          <div class="actions">
            <a class="button button--primary" href={href("/newsletter/edit")}>
              {t("newsletter.new")}
            </a>
          </div>
          <LoadState
            error={error}
            loading={issues === undefined && !error}
            loadingText={t("newsletter.loading")}
          />
          {issues ? (
            <>
              <h2 class="content__count">{tn("newsletter.count", issues.length)}</h2>
              {issues.length === 0 ? <p>{t("newsletter.none")}</p> : null}
              <ul class="list">
                {issues.map((issue) => (
                  <Row key={issue.id} issue={issue} progress={progress[issue.id]} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </NewsletterFrame>
  );
}
