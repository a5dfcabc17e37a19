// The Results section of a project page: what period the figures cover, the report's list of
// results, and a table by site with its footnotes. The figures arrive already written (results-view).
import type { Translator } from "../../messages.js";
import type { ResultsRowView, ResultsView } from "../results-view.js";

const illustrativeMark = " *";

export function ResultsSection({ t, view }: { t: Translator; view: ResultsView }) {
  const mark = view.illustrative ? illustrativeMark : "";
  const { threshold } = view;
  return (
    <section id="results" class="section results" aria-labelledby="results-heading">
      <h2 id="results-heading">{t.t("site.project.section.results")}</h2>
      <p class="results__period">{t.t("site.results.intro", { period: view.period })}</p>
      <ul class="results__list">
        {view.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {view.rows.length > 0 && (
        <>
          {/* Focusable, so a keyboard can scroll the table sideways on a narrow screen. */}
          <section class="table-scroll" aria-labelledby="results-caption" tabindex={0}>
            <table class="results__table">
              <caption id="results-caption">
                {t.t("site.results.table_caption", { period: view.period })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.t("site.results.column.site")}</th>
                  <th scope="col">{t.t("site.results.column.communes")}</th>
                  <th scope="col">
                    {t.t("site.results.column.people_reached")}
                    {mark}
                  </th>
                  <th scope="col">{t.t("site.results.column.estimate")}</th>
                  <th scope="col">
                    {t.t("site.results.column.reach")}
                    {mark}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <ResultsRow key={row.name} row={row} />
                ))}
              </tbody>
              <tfoot>
                <ResultsRow row={view.total} />
              </tfoot>
            </table>
          </section>
          <div class="notes">
            {view.notes.total && <p>{t.t("site.results.note.total")}</p>}
            {view.notes.withheld && <p>{t.t("site.results.note.withheld", { threshold })}</p>}
            {view.notes.protecting && <p>{t.t("site.results.note.protecting", { threshold })}</p>}
            {view.notes.noEstimate && <p>{t.t("site.results.note.no_estimate")}</p>}
            {view.illustrative && <p>{t.t("site.results.note.illustrative")}</p>}
          </div>
        </>
      )}
    </section>
  );
}

function ResultsRow({ row }: { row: ResultsRowView }) {
  return (
    <tr>
      <th scope="row">{row.name}</th>
      <td>{row.communes}</td>
      <td>{row.peopleReached}</td>
      <td>{row.estimate}</td>
      <td>{row.reach}</td>
    </tr>
  );
}
