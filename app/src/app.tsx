// The app: log-in until someone is signed in on this phone, then the screen the address names.
import type { ComponentChildren } from "preact";
import { lazy, Suspense } from "preact/compat";
import { useContext, useEffect, useErrorBoundary, useLayoutEffect, useState } from "preact/hooks";
import { getMeta } from "./db/meta.js";
import { loadOfficeWords, t } from "./i18n/i18n.js";
import { HomeScreen } from "./screens/home.js";
import { LoginScreen } from "./screens/login.js";
import { type AppServices, Loader, Services, type ServicesLoader, SignedIn } from "./ui/context.js";
import { dropPageBefore } from "./ui/first-load.js";
import { useLive, useLocale, useOnline } from "./ui/hooks.js";
import { Notice, Screen } from "./ui/layout.js";
import { type Route, useRoute } from "./ui/router.js";
import { UpdateBanner } from "./ui/update-banner.js";

// Only the sign-in screen and Home come with the app's first script: every other screen loads when
// first opened, and the store (Dexie) and sync engine come in a file of their own (services.ts,
// main.tsx), so the sign-in form is usable sooner on a slow network (issue 14: ≤ 3 s at
// 400 kbps, 400 ms). The service worker precaches every screen's file with the rest after the
// first load, so each one still opens offline (test/e2e/staff-app.test.ts opens them offline).
// The office screens (content, newsletter, finance, accounts, audit) bring their own words
// (i18n.ts): fetched beside the screen's file, so the first script does not carry them.
const withOfficeWords =
  <T,>(load: () => Promise<T>) =>
  () =>
    Promise.all([load(), loadOfficeWords()]).then(([screen]) => screen);

const ClientScreen = lazy(() =>
  import("./screens/client.js").then((m) => ({ default: m.ClientScreen })),
);
const ContactFormScreen = lazy(() =>
  import("./screens/contact-form.js").then((m) => ({ default: m.ContactFormScreen })),
);
const TrainingFormScreen = lazy(() =>
  import("./screens/coordinator-forms.js").then((m) => ({ default: m.TrainingFormScreen })),
);
const SupervisionFormScreen = lazy(() =>
  import("./screens/coordinator-forms.js").then((m) => ({ default: m.SupervisionFormScreen })),
);
const DistributionFormScreen = lazy(() =>
  import("./screens/distribution-form.js").then((m) => ({ default: m.DistributionFormScreen })),
);
const FindClientScreen = lazy(() =>
  import("./screens/find-client.js").then((m) => ({ default: m.FindClientScreen })),
);
const GroupSessionFormScreen = lazy(() =>
  import("./screens/group-session-form.js").then((m) => ({ default: m.GroupSessionFormScreen })),
);
const FixProblemScreen = lazy(() =>
  import("./screens/problem-fix.js").then((m) => ({ default: m.FixProblemScreen })),
);
const ProblemsScreen = lazy(() =>
  import("./screens/problems.js").then((m) => ({ default: m.ProblemsScreen })),
);
const FollowUpScreen = lazy(() =>
  import("./screens/referral-forms.js").then((m) => ({ default: m.FollowUpScreen })),
);
const ReferralFormScreen = lazy(() =>
  import("./screens/referral-forms.js").then((m) => ({ default: m.ReferralFormScreen })),
);
const ReferralOutcomeScreen = lazy(() =>
  import("./screens/referral-forms.js").then((m) => ({ default: m.ReferralOutcomeScreen })),
);
const RegisterClientScreen = lazy(() =>
  import("./screens/register-client.js").then((m) => ({ default: m.RegisterClientScreen })),
);
const SettingsScreen = lazy(() =>
  import("./screens/settings.js").then((m) => ({ default: m.SettingsScreen })),
);
const TeamScreen = lazy(() => import("./screens/team.js").then((m) => ({ default: m.TeamScreen })));
const AuditLogScreen = lazy(
  withOfficeWords(() =>
    import("./screens/audit-log.js").then((m) => ({ default: m.AuditLogScreen })),
  ),
);
const ContentEditScreen = lazy(
  withOfficeWords(() =>
    import("./screens/content-edit.js").then((m) => ({ default: m.ContentEditScreen })),
  ),
);
const ContentListScreen = lazy(
  withOfficeWords(() =>
    import("./screens/content-list.js").then((m) => ({ default: m.ContentListScreen })),
  ),
);
const ContentRevisionsScreen = lazy(
  withOfficeWords(() =>
    import("./screens/content-revisions.js").then((m) => ({ default: m.ContentRevisionsScreen })),
  ),
);
const NewsletterListScreen = lazy(
  withOfficeWords(() =>
    import("./screens/newsletter-list.js").then((m) => ({ default: m.NewsletterListScreen })),
  ),
);
const NewsletterEditScreen = lazy(
  withOfficeWords(() =>
    import("./screens/newsletter-edit.js").then((m) => ({ default: m.NewsletterEditScreen })),
  ),
);
const NewsletterPreviewScreen = lazy(
  withOfficeWords(() =>
    import("./screens/newsletter-preview.js").then((m) => ({ default: m.NewsletterPreviewScreen })),
  ),
);
const NewsletterProgressScreen = lazy(
  withOfficeWords(() =>
    import("./screens/newsletter-progress.js").then((m) => ({
      default: m.NewsletterProgressScreen,
    })),
  ),
);
const FinanceLinesScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-lines.js").then((m) => ({ default: m.FinanceLinesScreen })),
  ),
);
const FinancePledgesScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-pledges.js").then((m) => ({ default: m.FinancePledgesScreen })),
  ),
);
const FinanceBalancesScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-balances.js").then((m) => ({ default: m.FinanceBalancesScreen })),
  ),
);
const FinanceAllocationsScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-postings.js").then((m) => ({ default: m.FinanceAllocationsScreen })),
  ),
);
const FinanceExpensesScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-postings.js").then((m) => ({ default: m.FinanceExpensesScreen })),
  ),
);
const FinanceGiftsScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-gifts.js").then((m) => ({ default: m.FinanceGiftsScreen })),
  ),
);
const FinanceImportScreen = lazy(
  withOfficeWords(() =>
    import("./screens/finance-import.js").then((m) => ({ default: m.FinanceImportScreen })),
  ),
);
const ImagesScreen = lazy(
  withOfficeWords(() => import("./screens/images.js").then((m) => ({ default: m.ImagesScreen }))),
);
const EditUserScreen = lazy(
  withOfficeWords(() =>
    import("./screens/user-edit.js").then((m) => ({ default: m.EditUserScreen })),
  ),
);
const NewUserScreen = lazy(
  withOfficeWords(() =>
    import("./screens/user-new.js").then((m) => ({ default: m.NewUserScreen })),
  ),
);
const UsersScreen = lazy(
  withOfficeWords(() =>
    import("./screens/users-list.js").then((m) => ({ default: m.UsersScreen })),
  ),
);
const SignInLocksScreen = lazy(
  withOfficeWords(() =>
    import("./screens/users-locks.js").then((m) => ({ default: m.SignInLocksScreen })),
  ),
);

function screenFor(route: Route): ComponentChildren {
  const id = route.params.get("id") ?? "";
  const client = route.params.get("client") ?? "";
  switch (route.path) {
    case "/":
      return <HomeScreen />;
    case "/clients":
      return <FindClientScreen />;
    case "/clients/new":
      return <RegisterClientScreen />;
    case "/client":
      return <ClientScreen id={id} />;
    case "/contacts/new":
      return <ContactFormScreen clientId={client} />;
    case "/referrals":
      return <FollowUpScreen />;
    case "/referrals/new":
      return <ReferralFormScreen clientId={client} />;
    case "/referrals/outcome":
      return <ReferralOutcomeScreen id={id} />;
    case "/distributions/new":
      return <DistributionFormScreen clientId={client || undefined} />;
    case "/sessions/new":
      return <GroupSessionFormScreen />;
    case "/trainings/new":
      return <TrainingFormScreen />;
    case "/supervision/new":
      return <SupervisionFormScreen />;
    case "/team":
      return <TeamScreen />;
    case "/problems":
      return <ProblemsScreen />;
    case "/problems/fix":
      return <FixProblemScreen id={id} />;
    case "/users":
      return <UsersScreen />;
    case "/users/new":
      return <NewUserScreen />;
    case "/users/edit":
      return <EditUserScreen id={id} />;
    case "/users/locks":
      return <SignInLocksScreen />;
    case "/audit":
      return <AuditLogScreen />;
    case "/images":
      return <ImagesScreen />;
    case "/settings":
      return <SettingsScreen />;
    case "/content":
      return <ContentListScreen params={route.params} />;
    case "/content/new": {
      const kind = route.params.get("kind") ?? "";
      return <ContentEditScreen key={`new-${kind}`} kind={kind} />;
    }
    case "/content/edit":
      return <ContentEditScreen key={id} id={id} />;
    case "/finance/lines":
      return <FinanceLinesScreen />;
    case "/finance/pledges":
      return <FinancePledgesScreen />;
    case "/finance/balances":
      return <FinanceBalancesScreen />;
    case "/finance/allocations":
      return <FinanceAllocationsScreen />;
    case "/finance/expenses":
      return <FinanceExpensesScreen />;
    case "/finance/gifts":
      return <FinanceGiftsScreen />;
    case "/finance/import":
      return <FinanceImportScreen />;
    case "/content/revisions":
      return <ContentRevisionsScreen key={id} id={id} />;
    case "/newsletter":
      return <NewsletterListScreen />;
    case "/newsletter/edit":
      return <NewsletterEditScreen key={id} id={id || undefined} />;
    case "/newsletter/preview":
      return <NewsletterPreviewScreen key={id} id={id} params={route.params} />;
    case "/newsletter/progress":
      return <NewsletterProgressScreen key={id} id={id} />;
    default:
      return (
        <Screen title={t("nav.not_found")}>
          <a class="button" href="#/">
            {t("nav.home")}
          </a>
        </Screen>
      );
  }
}

const Opening = () => (
  <p class="screen-opening" role="status">
    {t("nav.opening")}
  </p>
);

/**
 * A screen that fails — its file not reachable (offline before the service worker has kept it) or
 * an error while it renders — says so in place of the screen, with the way home; the rest of the
 * app keeps working. Another address is a new try (SignedInApp keys it by the path).
 */
function ScreenBoundary(props: { children: ComponentChildren }) {
  const [error] = useErrorBoundary((caught) => console.error("screen failed", caught));
  const online = useOnline();
  if (!error) return <>{props.children}</>;
  return (
    <Screen title={t("nav.failed_title")}>
      <Notice kind="error">
        <p>{online ? t("nav.failed") : t("nav.failed_offline")}</p>
      </Notice>
      <p class="actions">
        <a class="button" href="#/">
          {t("nav.home")}
        </a>
        {online ? (
          <button type="button" class="button" onClick={() => location.reload()}>
            {t("nav.reload")}
          </button>
        ) : null}
      </p>
    </Screen>
  );
}

function SignedInApp() {
  const services = useContext(Services);
  const route = useRoute();
  // Shown before the store was open (a phone nobody has signed in on, main.tsx): the sign-in
  // screen stays — with what is typed in it — until the store says what to show.
  const [before] = useState(() => services === undefined);
  // null: nobody signed in; undefined: not read yet (or the store not open yet).
  const session = useLive(
    async () => services && ((await getMeta(services.db, "session")) ?? null),
  );
  const reference = useLive(
    async () => services && ((await getMeta(services.db, "reference")) ?? null),
  );
  const siteId = useLive(async () => services && ((await getMeta(services.db, "siteId")) ?? null));
  const ready = session !== undefined && reference !== undefined && siteId !== undefined;
  // The page's loading note (or its own sign-in form) goes once a screen is here to replace it.
  useLayoutEffect(() => {
    if (ready) dropPageBefore();
  });
  if (!ready) return before ? <LoginScreen /> : null;
  // After a 401 the login screen comes back, but "/login" from Home asks for it on purpose too.
  if (!session?.unlocked || route.path === "/login") return <LoginScreen />;
  const ref = reference ?? { sites: [], staff: [], projects: [] };
  const site = ref.sites.find((s) => s.id === siteId) ?? ref.sites[0];
  return (
    <SignedIn.Provider value={{ user: session.user, reference: ref, site }}>
      <ScreenBoundary key={route.path}>
        <Suspense fallback={<Opening />}>{screenFor(route)}</Suspense>
      </ScreenBoundary>
    </SignedIn.Provider>
  );
}

/** `services` once the store is open: at once on a phone someone has signed in on (main.tsx). */
export function App(props: { services: AppServices | undefined; loader: ServicesLoader }) {
  useLocale();
  const [services, setServices] = useState(props.services);
  useEffect(() => {
    void props.loader.opened.then(setServices);
  }, []);
  return (
    <Loader.Provider value={props.loader}>
      <Services.Provider value={services}>
        <UpdateBanner />
        <SignedInApp />
      </Services.Provider>
    </Loader.Provider>
  );
}
