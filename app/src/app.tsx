// The app: log-in until someone is signed in on this phone, then the screen the address names.
import type { ComponentChildren } from "preact";
import { lazy, Suspense } from "preact/compat";
import { getMeta } from "./db/meta.js";
import { t } from "./i18n/i18n.js";
import { HomeScreen } from "./screens/home.js";
import { LoginScreen } from "./screens/login.js";
import { type AppServices, Services, SignedIn, useServices } from "./ui/context.js";
import { useLive, useLocale } from "./ui/hooks.js";
import { Screen } from "./ui/layout.js";
import { type Route, useRoute } from "./ui/router.js";
import { UpdateBanner } from "./ui/update-banner.js";

// Only the sign-in screen and Home come with the app's first script: every other screen loads when
// first opened, so the sign-in form is usable sooner on a slow network (issue 14: ≤ 3 s at
// 400 kbps, 400 ms). The service worker precaches every screen's file with the rest after the
// first load, so each one still opens offline (test/e2e/staff-app.test.ts opens them offline).
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
const AuditLogScreen = lazy(() =>
  import("./screens/audit-log.js").then((m) => ({ default: m.AuditLogScreen })),
);
const ContentEditScreen = lazy(() =>
  import("./screens/content-edit.js").then((m) => ({ default: m.ContentEditScreen })),
);
const ContentListScreen = lazy(() =>
  import("./screens/content-list.js").then((m) => ({ default: m.ContentListScreen })),
);
const ContentRevisionsScreen = lazy(() =>
  import("./screens/content-revisions.js").then((m) => ({ default: m.ContentRevisionsScreen })),
);
const ImagesScreen = lazy(() =>
  import("./screens/images.js").then((m) => ({ default: m.ImagesScreen })),
);
const EditUserScreen = lazy(() =>
  import("./screens/user-edit.js").then((m) => ({ default: m.EditUserScreen })),
);
const NewUserScreen = lazy(() =>
  import("./screens/user-new.js").then((m) => ({ default: m.NewUserScreen })),
);
const UsersScreen = lazy(() =>
  import("./screens/users-list.js").then((m) => ({ default: m.UsersScreen })),
);
const SignInLocksScreen = lazy(() =>
  import("./screens/users-locks.js").then((m) => ({ default: m.SignInLocksScreen })),
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
    case "/content/revisions":
      return <ContentRevisionsScreen key={id} id={id} />;
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

function SignedInApp() {
  const { db } = useServices();
  const route = useRoute();
  // null: nobody signed in; undefined: not read yet.
  const session = useLive(async () => (await getMeta(db, "session")) ?? null);
  const reference = useLive(async () => (await getMeta(db, "reference")) ?? null);
  const siteId = useLive(async () => (await getMeta(db, "siteId")) ?? null);
  if (session === undefined || reference === undefined || siteId === undefined) return null;
  // After a 401 the login screen comes back, but "/login" from Home asks for it on purpose too.
  if (!session?.unlocked || route.path === "/login") return <LoginScreen />;
  const ref = reference ?? { sites: [], staff: [], projects: [] };
  const site = ref.sites.find((s) => s.id === siteId) ?? ref.sites[0];
  return (
    <SignedIn.Provider value={{ user: session.user, reference: ref, site }}>
      <Suspense
        fallback={
          <p class="screen-opening" role="status">
            {t("nav.opening")}
          </p>
        }
      >
        {screenFor(route)}
      </Suspense>
    </SignedIn.Provider>
  );
}

export function App(props: { services: AppServices }) {
  useLocale();
  return (
    <Services.Provider value={props.services}>
      <UpdateBanner />
      <SignedInApp />
    </Services.Provider>
  );
}
