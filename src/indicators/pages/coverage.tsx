// Commune coverage drawn like a map: for each site, a box per commune of its area, shaded by the
// people reached there (CSS only), with the figures written in the box so the shade is never the
// only way to read them.
import type { MessageKey, Translator } from "../../messages.js";
import type { CommuneRow, Dashboard } from "../dashboard.js";
import { type DashboardSectionProps, type DashboardState, recordsHref } from "./dashboard-links.js";
import { communeGroups, communeLabel } from "./tables.js";

/** Shades by people reached: 0 (not covered), 1–4, 5–9, 10–19, 20 or more. */
export function coverageLevel(people: number): 0 | 1 | 2 | 3 | 4 {
  if (people <= 0) return 0;
  if (people < 5) return 1;
  if (people < 10) return 2;
  if (people < 20) return 3;
  return 4;
}

const levels = [0, 1, 2, 3, 4] as const;

export function Coverage({ t, dashboard, state }: DashboardSectionProps) {
  return (
    <section id="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t.t("section.coverage")}</h2>
      <p class="note">{t.t("coverage.intro")}</p>
      <h3 id="coverage-legend">{t.t("coverage.legend")}</h3>
      <ul class="legend" aria-labelledby="coverage-legend">
        {levels.map((level) => (
          <li key={level}>
            <span class={`swatch level-${level}`} aria-hidden="true" />
            {t.t(`coverage.level.${level}` as MessageKey)}
          </li>
        ))}
      </ul>
      {communeGroups(t, dashboard).map((group) => (
        <section key={group.key} class="coverage-site" aria-labelledby={`coverage-${group.key}`}>
          <h3 id={`coverage-${group.key}`}>{group.title}</h3>
          {group.inArea && (
            <p class="note">
              {t.t("coverage.site_summary", {
                covered: group.rows.filter((row) => row.covered).length,
                total: group.rows.length,
              })}
            </p>
          )}
          <ul class="tiles">
            {group.rows.map((row) => (
              <Tile key={row.commune?.id} t={t} dashboard={dashboard} state={state} row={row} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function Tile({
  t,
  dashboard,
  state,
  row,
}: {
  t: Translator;
  dashboard: Dashboard;
  state: DashboardState;
  row: CommuneRow;
}) {
  const people = row.values.people_reached;
  const peopleText = t.t("coverage.people", { count: people });
  const href =
    dashboard.mayListRecords && people > 0
      ? recordsHref(state, { indicator: "people_reached", cell: `commune:${row.commune?.id}` })
      : undefined;
  return (
    <li class={`tile level-${coverageLevel(people)}`}>
      <span class="tile__name">{communeLabel(t, dashboard, row)}</span>
      <span class="tile__figure">
        {people === 0 ? (
          t.t("coverage.not_covered")
        ) : (
          <>
            {href ? <a href={href}>{peopleText}</a> : peopleText}
            <br />
            {t.t("coverage.contacts", { count: row.values.contacts })}
          </>
        )}
      </span>
    </li>
  );
}
