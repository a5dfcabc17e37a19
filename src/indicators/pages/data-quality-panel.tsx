// The data-quality panel: a card per check with its count and what it means; readers who may open
// records (records.read) also get the list behind each count.
import type { ComponentChildren } from "preact";
import { timeZone } from "../../lib/i18n.js";
import type { MessageKey, Translator } from "../../messages.js";
import type { Dashboard } from "../dashboard.js";
import { dataQualityListLimit, lateEntryDays, silentDeviceDays } from "../data-quality.js";
import type { SiteInfo } from "../engine.js";
import { siteName } from "./tables.js";

const localeTag = { vi: "vi-VN", en: "en-GB" } as const;

/** A moment (a timestamp) in Vietnam's time, as the reader's language writes it. */
function formatMoment(t: Translator, at: Date): string {
  return new Intl.DateTimeFormat(localeTag[t.locale], {
    dateStyle: "short",
    timeStyle: "short",
    timeZone,
  }).format(at);
}

export function DataQualityPanel({ t, dashboard }: { t: Translator; dashboard: Dashboard }) {
  const quality = dashboard.dataQuality;
  const sites = new Map(dashboard.scope.sites.map((s) => [s.id, s]));
  const site = (id: string) => {
    const found: SiteInfo | undefined = sites.get(id);
    return found ? siteName(t, found) : "—";
  };
  const lists = dashboard.mayListRecords;
  const date = (value: string) => t.date(value);
  return (
    <section id="quality" aria-labelledby="quality-title">
      <h2 id="quality-title">{t.t("section.quality")}</h2>
      <p class="note">{t.t("quality.intro")}</p>
      {!lists && <p class="note">{t.t("quality.counts_only")}</p>}
      <ul class="checks">
        <Check
          t={t}
          id="duplicates"
          title={t.t("quality.duplicates")}
          count={quality.duplicates.count}
          help={t.t("quality.duplicates_help")}
          shown={quality.duplicates.pairs.length}
          headers={[
            "quality.column.uic",
            "quality.column.registered",
            "quality.column.other_uic",
            "quality.column.registered",
          ]}
        >
          {quality.duplicates.pairs.map((pair) => (
            <tr key={`${pair.a_id}-${pair.b_id}`}>
              <td>
                {pair.a_uic} <span class="note">({site(pair.a_site_id)})</span>
              </td>
              <td>{date(pair.a_registered_on)}</td>
              <td>
                {pair.b_uic} <span class="note">({site(pair.b_site_id)})</span>
              </td>
              <td>{date(pair.b_registered_on)}</td>
            </tr>
          ))}
        </Check>
        <Check
          t={t}
          id="missing-commune"
          title={t.t("quality.missing_commune")}
          count={quality.missingCommune.contacts + quality.missingCommune.groupSessions}
          help={t.t("quality.missing_commune_help", {
            contacts: quality.missingCommune.contacts,
            sessions: quality.missingCommune.groupSessions,
          })}
          shown={quality.missingCommune.records.length}
          headers={["quality.column.type", "quality.column.date", "records.column.site"]}
        >
          {quality.missingCommune.records.map((record, i) => (
            <tr key={record.record_id ?? `unnamed-${i}`}>
              <td>{t.t(`record_type.${record.record_type}` as MessageKey)}</td>
              <td>{date(record.service_on)}</td>
              <td>{site(record.site_id)}</td>
            </tr>
          ))}
        </Check>
        <Check
          t={t}
          id="late"
          title={t.t("quality.late")}
          count={quality.lateEntries.count}
          help={t.t("quality.late_help", { days: lateEntryDays })}
          shown={quality.lateEntries.records.length}
          headers={[
            "quality.column.date",
            "quality.column.recorded_on",
            "quality.column.days_late",
            "records.column.site",
            "quality.column.uic",
          ]}
        >
          {quality.lateEntries.records.map((record, i) => (
            <tr key={record.record_id ?? `unnamed-${i}`}>
              <td>{date(record.service_on)}</td>
              <td>{date(record.recorded_on)}</td>
              <td class="num">{t.number(record.days_late)}</td>
              <td>{site(record.site_id)}</td>
              <td>{record.uic ?? "—"}</td>
            </tr>
          ))}
        </Check>
        <Check
          t={t}
          id="devices"
          title={t.t("quality.devices")}
          count={quality.silentDevices.count}
          help={t.t("quality.devices_help", { days: silentDeviceDays })}
          shown={quality.silentDevices.devices.length}
          headers={["quality.column.user", "quality.column.last_seen"]}
        >
          {quality.silentDevices.devices.map((device) => (
            <tr key={device.device_id}>
              <td>{device.username}</td>
              <td>
                {device.synced
                  ? formatMoment(t, device.last_seen_at)
                  : t.t("quality.never_synced", { moment: formatMoment(t, device.last_seen_at) })}
              </td>
            </tr>
          ))}
        </Check>
      </ul>
    </section>
  );
}

function Check({
  t,
  id,
  title,
  count,
  help,
  shown,
  headers,
  children,
}: {
  t: Translator;
  id: string;
  title: string;
  count: number;
  help: string;
  /** Rows in the list (none for readers who see counts only). */
  shown: number;
  headers: MessageKey[];
  children: ComponentChildren;
}) {
  return (
    <li class={count > 0 ? "check check--attention" : "check"}>
      <h3 id={`check-${id}`}>{title}</h3>
      <p class="check__count">{t.number(count)}</p>
      <p class="check__help">{help}</p>
      {shown > 0 && (
        <details>
          <summary>{t.t("quality.show_list")}</summary>
          {count > shown && (
            <p class="note">
              {t.t("quality.capped", { shown: Math.min(shown, dataQualityListLimit), count })}
            </p>
          )}
          <section class="table-scroll" aria-labelledby={`check-${id}`} tabindex={0}>
            <table>
              <thead>
                <tr>
                  {headers.map((key, i) => (
                    // Two columns may share a heading (a date for each of a pair): keyed by place.
                    <th key={`${i}-${key}`} scope="col">
                      {t.t(key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </section>
        </details>
      )}
    </li>
  );
}
