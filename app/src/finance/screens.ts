// The finance screens, in the order Home's tiles and the finance screens' own links show them.
// Apart from the screens themselves, so Home (in the app's first script) does not load them.
export const financeScreens = [
  { path: "/finance/lines", label: "finance.nav.lines" },
  { path: "/finance/pledges", label: "finance.nav.pledges" },
  { path: "/finance/balances", label: "finance.nav.balances" },
  { path: "/finance/allocations", label: "finance.nav.allocations" },
  { path: "/finance/expenses", label: "finance.nav.expenses" },
  { path: "/finance/gifts", label: "finance.nav.gifts" },
  { path: "/finance/import", label: "finance.nav.import" },
] as const;

export type FinancePath = (typeof financeScreens)[number]["path"];
