// The app: log-in until someone is signed in on this phone, then the screen the address names.
import type { ComponentChildren } from "preact";
import { lazy, Suspense } from "preact/compat";
import { getMeta } from "./db/meta.js";
import { t } from "./i18n/i18n.js";
import { ClientScreen } from "./screens/client.js";
import { ContactFormScreen } from "./screens/contact-form.js";
import { SupervisionFormScreen, TrainingFormScreen } from "./screens/coordinator-forms.js";
import { DistributionFormScreen } from "./screens/distribution-form.js";
import { FindClientScreen } from "./screens/find-client.js";
import { GroupSessionFormScreen } from "./screens/group-session-form.js";
import { HomeScreen } from "./screens/home.js";
import { LoginScreen } from "./screens/login.js";
import { FixProblemScreen } from "./screens/problem-fix.js";
import { ProblemsScreen } from "./screens/problems.js";
import {
  FollowUpScreen,
  ReferralFormScreen,
  ReferralOutcomeScreen,
} from "./screens/referral-forms.js";
import { RegisterClientScreen } from "./screens/register-client.js";
import { SettingsScreen } from "./screens/settings.js";
import { TeamScreen } from "./screens/team.js";
import { type AppServices, Services, SignedIn, useServices } from "./ui/context.js";
import { useLive, useLocale } from "./ui/hooks.js";
import { Screen } from "./ui/layout.js";
import { type Route, useRoute } from "./ui/router.js";
import { UpdateBanner } from "./ui/update-banner.js";

// Screens of administration and of the website's content load when first opened, not with the
// app: field workers on slow networks never wait for them, and the service worker still precaches
// them with the rest, so they open offline too (docs/benchmarks.md, "site").
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
      <Suspense fallback={null}>{screenFor(route)}</Suspense>
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
