// The page a visitor sees when a page does not exist (404) or could not be shown (any other
// status), in the visitor's language and in the same frame as every other page. The app's
// not-found and error handlers call it for every path outside /api/. It reads nothing from the
// database (the database may be what failed), so the organisation is shown only when the caller
// passes it.
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import type { OrganisationView } from "../../programmes/service.js";
import { homePage, pagePath } from "../paths.js";
import { renderDocument } from "./layout.js";

export interface ErrorPageProps {
  locale: Locale;
  status: number;
  /** The path asked for. Not shown: echoing a visitor-supplied address invites spoofed messages. */
  path: string;
  publicUrl: string;
  organisation?: OrganisationView | undefined;
  /** What was wrong with the request (a refused form's field, too many requests), said to the visitor. */
  detail?: string | undefined;
  /** What went wrong and what to do, when the error says it (a body too large for its form). */
  message?: string | undefined;
}

export function renderErrorPage({
  locale,
  status,
  publicUrl,
  organisation,
  detail,
  message,
}: ErrorPageProps): string {
  const t = translator(locale);
  const notFound = status === 404;
  const title = t.t(
    notFound ? "site.not_found.title" : message ? "site.error.too_big_title" : "site.error.title",
  );
  const body = message ?? t.t(notFound ? "site.not_found.body" : "site.error.body");
  return renderDocument({
    t,
    page: homePage,
    title,
    description: body,
    publicUrl,
    organisation,
    indexable: false,
    children: (
      <div class="wrap wrap--text error-page">
        <h1>{title}</h1>
        <p class="lead">{body}</p>
        {detail ? <p data-error="detail">{detail}</p> : null}
        <p>
          <a class="button" href={pagePath(homePage, locale)}>
            {t.t("site.error.home_link")}
          </a>
        </p>
      </div>
    ),
  });
}
