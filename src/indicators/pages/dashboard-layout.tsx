// The frame of the staff pages that are not the app: the dashboards and the lists of records behind
// their figures, and the pages that ask to sign in. A header with the way back to the staff app and
// the language switch; no footer, no script. Never indexed.
import type { ComponentChildren } from "preact";
import { render } from "preact-render-to-string";
import { type Translator, translator } from "../../messages.js";
import { dashboardStylesheet } from "../dashboard-stylesheet.js";

export interface DashboardLayoutProps {
  t: Translator;
  title: string;
  /** This page in the other language; none on pages that have no address of their own. */
  switchHref?: string | undefined;
  children: ComponentChildren;
}

export function renderDashboardDocument(props: DashboardLayoutProps): string {
  return `<!doctype html>${render(<DashboardLayout {...props} />)}`;
}

function DashboardLayout({ t, title, switchHref, children }: DashboardLayoutProps) {
  const other = translator(t.locale === "vi" ? "en" : "vi");
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t.t("dashboard.brand")}`}</title>
        <link rel="stylesheet" href={dashboardStylesheet.path} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.t("site.skip_link")}
        </a>
        <header class="dash-header">
          <div class="wrap">
            <span class="dash-header__brand">
              {t.t("dashboard.brand")} · {t.t("dashboard.title")}
            </span>
            <a class="dash-header__link" href="/app/">
              {t.t("dashboard.back_to_app")}
            </a>
            {switchHref && (
              <a
                class="dash-header__link"
                href={switchHref}
                hreflang={other.locale}
                lang={other.locale}
                aria-label={other.t("dashboard.language_switch")}
              >
                {other.t("dashboard.language_name")}
              </a>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{children}</div>
        </main>
      </body>
    </html>
  );
}
