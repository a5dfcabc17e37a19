// The records behind a figure: which records a dashboard number counts, a hundred to a page, each
// by type, date, site, commune and the client's UIC (never a name or a phone).
import type { MessageKey, Translator } from "../../messages.js";
import { pick } from "../../programmes/service.js";
import { capitalise, formatPeriod } from "../../site/dates.js";
import { type Dimension, definitionOf } from "../definitions.js";
import { categoryName, dimensionName, indicatorName } from "../labels.js";
import { type FigureRecords, recordsPageSize } from "../records.js";
import { renderDashboardDocument } from "./dashboard-layout.js";
import { dashboardHref, formatFigure, recordsHref, stateOf } from "./dashboard-links.js";
import { siteName } from "./tables.js";

function cellText(t: Translator, list: FigureRecords): string {
  return (Object.keys(list.cell) as Dimension[])
    .map((d) => {
      const category = list.cell[d] ?? null;
      const known = d !== "commune" || list.scope.communes.some((c) => c.id === category);
      const row = list.rows.find((r) => r.commune_id === category);
      const name =
        known || !row?.commune_name
          ? categoryName(t, list.scope, d, category)
          : `${row.commune_kind} ${row.commune_name}`;
      return `${dimensionName(t, d)}: ${name}`;
    })
    .join(" · ");
}

function summaryText(t: Translator, list: FigureRecords): string {
  const { summary } = list;
  const kind = definitionOf(list.indicator).counting;
  if (summary.subjects !== null) {
    return t.t("records.summary_unique", { subjects: summary.subjects, rows: summary.rows });
  }
  if (kind === "quantity") {
    return t.t("records.summary_sum", { rows: summary.rows, figure: t.number(summary.figure) });
  }
  return t.t("records.summary", { rows: summary.rows });
}

export function renderRecordsPage(t: Translator, list: FigureRecords): string {
  const { scope } = list;
  const state = stateOf(scope, t.locale);
  const here = { indicator: list.indicator, cell: list.cellText, page: list.page };
  const period = capitalise(formatPeriod(t, scope.period.from, scope.period.to), t);
  const sites = (scope.site ? [scope.site] : scope.sites).map((s) => siteName(t, s)).join(", ");
  const sitesById = new Map(scope.sites.map((s) => [s.id, s]));
  // One site in scope: its name is in the line above the table, not on every row.
  const manySites = scope.site === null && scope.sites.length > 1;
  const name = indicatorName(t, list.indicator);
  const unit = definitionOf(list.indicator).unit;
  const isSum = definitionOf(list.indicator).counting === "quantity";
  const first = (list.page - 1) * recordsPageSize + 1;
  const last = first + list.rows.length - 1;
  return renderDashboardDocument({
    t,
    title: `${name} · ${pick({ vi: scope.project.name_vi, en: scope.project.name_en }, t.locale)}`,
    switchHref: recordsHref(state, here, { lang: t.locale === "vi" ? "en" : "vi" }),
    children: (
      <>
        <p>
          <a href={dashboardHref(state)}>{t.t("records.back")}</a>
        </p>
        <h1>
          {t.t("records.heading", {
            indicator: name,
            figure: formatFigure(t, unit, list.summary.figure),
          })}
        </h1>
        <p class="scope">
          {[period, sites, scope.commune ? `${scope.commune.kind} ${scope.commune.name}` : null]
            .filter(Boolean)
            .join(" · ")}
          {Object.keys(list.cell).length > 0 && (
            <>
              <br />
              {cellText(t, list)}
            </>
          )}
        </p>
        <p>{summaryText(t, list)}</p>
        {list.rows.length === 0 ? (
          <p>{t.t("records.empty")}</p>
        ) : (
          <section class="table-scroll" aria-labelledby="records-caption" tabindex={0}>
            <table class="records">
              <caption id="records-caption">
                {t.t("records.caption", {
                  first: t.number(first),
                  last: t.number(last),
                  rows: t.number(list.summary.rows),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t.t("records.column.number")}
                  </th>
                  <th scope="col">{t.t("records.column.date")}</th>
                  <th scope="col">{t.t("records.column.uic")}</th>
                  <th scope="col">{t.t("records.column.type")}</th>
                  <th scope="col">{t.t("records.column.commune")}</th>
                  {manySites && <th scope="col">{t.t("records.column.site")}</th>}
                  {isSum && (
                    <th scope="col" class="num">
                      {t.t("records.column.quantity")}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row, i) => (
                  <tr key={`${row.record_type}-${row.record_id ?? first + i}-${row.subject ?? ""}`}>
                    <td class="num">{t.number(first + i)}</td>
                    <td>{t.date(row.service_on)}</td>
                    <td>{row.uic ?? "—"}</td>
                    <td>{t.t(`record_type.${row.record_type}` as MessageKey)}</td>
                    <td>
                      {row.commune_name
                        ? capitalise(`${row.commune_kind} ${row.commune_name}`, t)
                        : "—"}
                    </td>
                    {manySites && (
                      <td>
                        {row.site_ids
                          .map((id) => sitesById.get(id))
                          .map((s) => (s ? siteName(t, s) : "—"))
                          .join(", ") || "—"}
                      </td>
                    )}
                    {isSum && <td class="num">{t.number(row.quantity ?? 0)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {list.pageCount > 1 && (
          <nav aria-label={t.t("records.pages")}>
            <ul class="pager">
              {list.page > 1 && (
                <li>
                  <a href={recordsHref(state, { ...here, page: list.page - 1 })} rel="prev">
                    {t.t("records.previous")}
                  </a>
                </li>
              )}
              <li aria-current="page">
                {t.t("records.page", { page: list.page, pages: list.pageCount })}
              </li>
              {list.page < list.pageCount && (
                <li>
                  <a href={recordsHref(state, { ...here, page: list.page + 1 })} rel="next">
                    {t.t("records.next")}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
      </>
    ),
  });
}
