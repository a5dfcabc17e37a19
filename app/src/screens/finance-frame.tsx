// The finance screens' frame: for finance officers and administrators (`finance.manage`, as the
// server's policy), online only — the bank's lines, pledges and balances are the server's, never
// kept on the phone. A row of links moves between the screens (one row that scrolls sideways on a phone); the
// current one is marked and brought into view.
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { can } from "../../../src/auth/policy.js";
import { type FinancePath, financeScreens } from "../finance/screens.js";
import { t } from "../i18n/i18n.js";
import { useSignedIn } from "../ui/context.js";
import { useOnline } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { href } from "../ui/router.js";
import "../finance/finance.css";

export function FinanceFrame(props: {
  title: string;
  path: FinancePath;
  children: () => ComponentChildren;
}) {
  const { user } = useSignedIn();
  const online = useOnline();
  // The row scrolls sideways on a phone: the current screen's link is brought into view.
  const current = useRef<HTMLAnchorElement>(null);
  useLayoutEffect(() => {
    current.current?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [props.path]);
  return (
    <Screen title={props.title}>
      {!can(user, "finance.manage") ? (
        <Notice kind="warning">
          <p>{t("finance.officers_only")}</p>
        </Notice>
      ) : (
        <>
          <nav aria-label={t("finance.nav.label")} class="finance-nav">
            <ul>
              {financeScreens.map((screen) => (
                <li key={screen.path}>
                  <a
                    href={href(screen.path)}
                    aria-current={screen.path === props.path ? "page" : undefined}
                    ref={screen.path === props.path ? current : undefined}
                  >
                    {t(screen.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {online ? (
            props.children()
          ) : (
            <Notice kind="warning">
              <p>{t("finance.offline")}</p>
            </Notice>
          )}
        </>
      )}
    </Screen>
  );
}
