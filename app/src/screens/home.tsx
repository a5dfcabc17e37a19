// Home: is the phone online, how many changes wait and what is happening to them (ui/sync-story),
// when the last sync was, "Sync now", problems to look at; then what this person can record.
import { useState } from "preact/hooks";
import { can, writableSites } from "../../../src/auth/policy.js";
import type { RecordType } from "../db/database.js";
import { getMeta } from "../db/meta.js";
import { financeScreens } from "../finance/screens.js";
import { formatMoment, getLocale, t, tn } from "../i18n/i18n.js";
import { groupProblems } from "../sync/problems.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { useLive, useOnline, useSyncing } from "../ui/hooks.js";
import { useKeptOffline } from "../ui/kept-offline.js";
import { Notice, Screen } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { syncStory } from "../ui/sync-story.js";

function SyncCard() {
  const { db, engine } = useServices();
  const { user } = useSignedIn();
  const online = useOnline();
  const kept = useKeptOffline();
  const syncing = useSyncing(engine);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string>();
  const outbox = useLive(async () => {
    const entries = await db.outbox.where("user_id").equals(user.id).toArray();
    return { pending: entries.length, unanswered: entries.filter((e) => e.attempts > 0).length };
  }, [user.id]);
  // Changes settled together (a refused client and its contacts) count once, as they are shown.
  const problems = useLive(async () => (await groupProblems(db, user.id)).length, [user.id]);
  const status = useLive(() => getMeta(db, "syncStatus"));
  const session = useLive(() => getMeta(db, "session"));
  const story = syncStory({
    online,
    running: running || syncing,
    pending: outbox?.pending ?? 0,
    unanswered: outbox?.unanswered ?? 0,
    status,
  });

  const syncNow = async () => {
    setRunning(true);
    setMessage(undefined);
    try {
      // What came of it is told by the story, from the status the engine keeps.
      if ((await engine.sync()).kind === "busy") setMessage(t("sync.busy"));
    } catch (error) {
      setMessage(t("sync.failed_device", { reason: String(error) }));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="card sync" aria-labelledby="sync-title">
      <h2 id="sync-title" class="sr">
        {t("sync.title")}
      </h2>
      <p class={`sync__state ${online ? "sync__state--online" : "sync__state--offline"}`}>
        <span class="badge__dot" aria-hidden="true" />
        {online ? t("status.online_long") : t("status.offline_long")}
      </p>
      <p class={`sync__kept sync__kept--${kept}`} role="status">
        {t(`offline.${kept}`)}
      </p>
      <dl class="sync__facts">
        <div>
          <dt>{t("sync.pending")}</dt>
          <dd>{outbox?.pending ?? "…"}</dd>
        </div>
        <div>
          <dt>{t("sync.last")}</dt>
          <dd>{status?.lastSyncAt ? formatMoment(status.lastSyncAt) : t("sync.never")}</dd>
        </div>
      </dl>
      {outbox && status !== undefined ? (
        <div class={`sync__story sync__story--${story.tone}`} role="status">
          {story.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      ) : null}
      {session && !session.valid ? (
        <Notice kind="warning">
          <p>{t("sync.signed_in_offline")}</p>
          <a class="button" href={href("/login")}>
            {t("login.again")}
          </a>
        </Notice>
      ) : (
        <button
          type="button"
          class="button button--primary button--wide"
          disabled={running}
          onClick={syncNow}
        >
          {running || syncing ? t("sync.running") : t("sync.now")}
        </button>
      )}
      {message ? (
        <p class="sync__message" role="alert">
          {message}
        </p>
      ) : null}
      {problems ? (
        <a class="problems-link" href={href("/problems")}>
          <span class="problems-link__count">{problems}</span>
          {tn("problems.count", problems)}
        </a>
      ) : null}
    </section>
  );
}

interface Tile {
  path: string;
  label: string;
  type?: RecordType;
  /** Coordinators and above. */
  team?: boolean;
}

/**
 * An office role's home: its own screens as tiles and the settings, nothing of the field work it
 * does not do.
 */
function OfficeHome(props: { label: string; tiles: readonly { href: string; label: string }[] }) {
  const { user } = useSignedIn();
  return (
    <Screen title={t("home.greeting", { name: user.displayName })} back={false}>
      <nav aria-label={props.label}>
        <ul class="tiles">
          {props.tiles.map((tile) => (
            <li key={tile.href}>
              <a class="tile" href={tile.href}>
                {tile.label}
              </a>
            </li>
          ))}
          <li>
            <a class="tile tile--quiet" href={href("/settings")}>
              {t("home.settings")}
            </a>
          </li>
        </ul>
      </nav>
    </Screen>
  );
}

/** An editor's home: the website's content. */
const EditorHome = () => (
  <OfficeHome
    label={t("home.content_actions")}
    tiles={[
      { href: href("/content"), label: t("home.content") },
      { href: href("/content/new", { kind: "news" }), label: t("home.content_new_news") },
      { href: href("/images"), label: t("home.images") },
      { href: href("/newsletter"), label: t("home.newsletter") },
    ]}
  />
);

/** A finance officer's home: the finance screens. */
const FinanceHome = () => (
  <OfficeHome
    label={t("home.finance_actions")}
    tiles={financeScreens.map((screen) => ({ href: href(screen.path), label: t(screen.label) }))}
  />
);

export function HomeScreen() {
  const { user } = useSignedIn();
  if (user.role === "editor") return <EditorHome />;
  if (user.role === "finance") return <FinanceHome />;
  return <FieldHome />;
}

function FieldHome() {
  const { user, reference } = useSignedIn();
  const mayWrite = (type: RecordType) => {
    const sites = writableSites(user, type);
    return sites === "all" || sites.length > 0;
  };
  const isTeamLead = user.role !== "outreach_worker";
  const tiles: Tile[] = [
    { path: "/clients", label: t("home.find_client"), type: "contact" },
    { path: "/clients/new", label: t("home.register_client"), type: "client" },
    { path: "/referrals", label: t("home.follow_up"), type: "referral" },
    { path: "/sessions/new", label: t("home.group_session"), type: "group_session" },
    { path: "/distributions/new", label: t("home.distribution"), type: "commodity_distribution" },
    { path: "/trainings/new", label: t("home.training"), type: "training", team: true },
    {
      path: "/supervision/new",
      label: t("home.supervision"),
      type: "supervision_visit",
      team: true,
    },
    { path: "/team", label: t("home.team"), team: true },
  ];
  // The office's screens, for those whose role allows them (the server's policy decides again).
  const officeTiles = [
    { path: "/users", label: t("home.users"), allowed: user.role === "administrator" },
    { path: "/content", label: t("home.content"), allowed: can(user, "content.manage") },
    { path: "/images", label: t("home.images"), allowed: can(user, "content.manage") },
    { path: "/newsletter", label: t("home.newsletter"), allowed: can(user, "newsletter.manage") },
    { path: "/finance/lines", label: t("home.finance"), allowed: can(user, "finance.manage") },
    { path: "/audit", label: t("home.audit"), allowed: can(user, "audit.read") },
  ];
  return (
    <Screen title={t("home.greeting", { name: user.displayName })} back={false}>
      <SyncCard />
      <nav aria-label={t("home.actions")}>
        <ul class="tiles">
          {tiles
            .filter((tile) => (!tile.team || isTeamLead) && (!tile.type || mayWrite(tile.type)))
            .map((tile) => (
              <li key={tile.path}>
                <a class="tile" href={href(tile.path)}>
                  {tile.label}
                </a>
              </li>
            ))}
          {/* The dashboards are server pages (online only), signed in with the same session. */}
          {can(user, "dashboard.read")
            ? reference.projects.map((project) => (
                <li key={project.id}>
                  <a
                    class="tile"
                    href={`/dashboard/${encodeURIComponent(project.slug)}?lang=${getLocale()}`}
                  >
                    {reference.projects.length > 1
                      ? t("home.dashboard_of", { project: project.name[getLocale()] })
                      : t("home.dashboard")}
                  </a>
                </li>
              ))
            : null}
          {officeTiles
            .filter((tile) => tile.allowed)
            .map((tile) => (
              <li key={tile.path}>
                <a class="tile" href={href(tile.path)}>
                  {tile.label}
                </a>
              </li>
            ))}
          <li>
            <a class="tile tile--quiet" href={href("/settings")}>
              {t("home.settings")}
            </a>
          </li>
        </ul>
      </nav>
    </Screen>
  );
}
