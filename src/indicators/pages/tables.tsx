// The dashboard's tables: every indicator by site (with the scope's total), and the place-bound
// indicators by commune. Each number links to its records for readers who may open them.
import type { MessageKey, Translator } from "../../messages.js";
import { pick } from "../../programmes/service.js";
import { capitalise } from "../../site/dates.js";
import {
  type CommuneRow,
  communeIndicators,
  type Dashboard,
  indicatorGroups,
} from "../dashboard.js";
import { definitionOf } from "../definitions.js";
import type { SiteInfo } from "../engine.js";
import { categoryName, indicatorName } from "../labels.js";
import { hasRecords } from "../records.js";
import { type DashboardState, recordsHref } from "./dashboard-links.js";
import { FigureValue } from "./figure.js";

interface TableProps {
  t: Translator;
  dashboard: Dashboard;
  state: DashboardState;
  period: string;
}

export const siteName = (t: Translator, site: SiteInfo) =>
  pick({ vi: site.name_vi, en: site.name_en }, t.locale);

export function SiteTable({ t, dashboard, state, period }: TableProps) {
  const sites = dashboard.report.set.sites;
  const link = (id: Parameters<typeof hasRecords>[0], cell?: string) =>
    dashboard.mayListRecords && hasRecords(id)
      ? recordsHref(state, cell === undefined ? { indicator: id } : { indicator: id, cell })
      : undefined;
  return (
    <section id="sites" aria-labelledby="sites-title">
      <h2 id="sites-title">{t.t("section.sites")}</h2>
      <section class="table-scroll" aria-labelledby="sites-caption" tabindex={0}>
        <table>
          <caption id="sites-caption">{t.t("sites.caption", { period })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t("table.indicator")}</th>
              {sites.map((site) => (
                <th key={site.id} scope="col" class="num">
                  {siteName(t, site)}
                </th>
              ))}
              <th scope="col" class="num">
                {t.t("table.total")}
              </th>
            </tr>
          </thead>
          {indicatorGroups.map((group) => (
            <tbody key={group}>
              <tr class="group-row">
                <th scope="rowgroup" colSpan={sites.length + 2}>
                  {t.t(`group.${group}` as MessageKey)}
                </th>
              </tr>
              {dashboard.sites
                .filter((row) => definitionOf(row.id).group === group)
                .map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{indicatorName(t, row.id)}</th>
                    {sites.map((site, i) => (
                      <td key={site.id} class="num">
                        <FigureValue
                          t={t}
                          unit={row.unit}
                          value={row.bySite[i] ?? null}
                          href={link(row.id, `site:${site.id}`)}
                        />
                      </td>
                    ))}
                    <td class="num">
                      <FigureValue t={t} unit={row.unit} value={row.total} href={link(row.id)} />
                    </td>
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </section>
      {sites.length > 1 && <p class="note">{t.t("sites.note_total")}</p>}
    </section>
  );
}

export function communeLabel(t: Translator, dashboard: Dashboard, row: CommuneRow): string {
  return row.commune
    ? capitalise(categoryName(t, dashboard.report.set, "commune", row.commune.id), t)
    : t.t("coverage.unplaced");
}

/** Communes grouped as the dashboard shows them: by site, then outside every site's area. */
export function communeGroups(t: Translator, dashboard: Dashboard) {
  const placed = dashboard.communes.filter((row) => row.commune !== null);
  const groups = dashboard.report.set.sites.map((site) => ({
    key: site.id,
    title: siteName(t, site),
    inArea: true,
    rows: placed.filter((row) => row.commune?.site_ids.includes(site.id)),
  }));
  groups.push({
    key: "outside",
    title: t.t("coverage.outside"),
    inArea: false,
    rows: placed.filter((row) => !row.inArea),
  });
  return groups.filter((group) => group.rows.length > 0);
}

export function CommuneTable({ t, dashboard, state, period }: TableProps) {
  const unplaced = dashboard.communes.find((row) => row.commune === null);
  const columns = communeIndicators.length + 2;
  const Row = ({ row }: { row: CommuneRow }) => (
    <tr>
      <th scope="row">{communeLabel(t, dashboard, row)}</th>
      {communeIndicators.map((id) => (
        <td key={id} class="num">
          <FigureValue
            t={t}
            unit={definitionOf(id).unit}
            value={row.values[id]}
            href={
              dashboard.mayListRecords
                ? recordsHref(state, { indicator: id, cell: `commune:${row.commune?.id ?? ""}` })
                : undefined
            }
          />
        </td>
      ))}
      <td>{row.commune ? t.t(row.covered ? "table.yes" : "table.no") : "—"}</td>
    </tr>
  );
  return (
    <section id="communes" aria-labelledby="communes-title">
      <h2 id="communes-title">{t.t("section.communes")}</h2>
      <section class="table-scroll" aria-labelledby="communes-caption" tabindex={0}>
        <table>
          <caption id="communes-caption">{t.t("communes.caption", { period })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t("table.commune")}</th>
              {communeIndicators.map((id) => (
                <th key={id} scope="col" class="num">
                  {indicatorName(t, id)}
                </th>
              ))}
              <th scope="col">{t.t("table.covered")}</th>
            </tr>
          </thead>
          {communeGroups(t, dashboard).map((group) => (
            <tbody key={group.key}>
              <tr class="group-row">
                <th scope="rowgroup" colSpan={columns}>
                  {group.title}
                </th>
              </tr>
              {group.rows.map((row) => (
                <Row key={row.commune?.id} row={row} />
              ))}
            </tbody>
          ))}
          {unplaced && (
            <tbody>
              <Row row={unplaced} />
            </tbody>
          )}
        </table>
      </section>
    </section>
  );
}
