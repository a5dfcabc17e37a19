// Changes the benchmark tries one at a time with --trials, to measure what helps the indicators:
// indexes that let the contacts scans read an index instead of the table (index-only scans; the
// generator ran VACUUM, as autovacuum would on a live database), and turning off PostgreSQL's JIT
// compilation, which costs a few hundred milliseconds per large query. Each is made in the
// benchmark database only and undone after its timings; nothing here is a migration.

export interface Trial {
  label: string;
  engines: readonly ("pglite" | "postgres")[];
  /** SQL that makes the change, and SQL that undoes it, given the database's name. */
  apply(database: string): string;
  undo(database: string): string;
  /** A database setting: only connections opened after the change see it. */
  reconnect: boolean;
}

const siteDateIndex = {
  create: `create index bench_contacts_site_date_covering on contacts (site_id, contact_date)
           include (client_id, commune_id) where voided_at is null; analyze contacts`,
  drop: "drop index bench_contacts_site_date_covering; analyze contacts",
};
const dateIndex = {
  create: `create index bench_contacts_date_covering on contacts (contact_date)
           include (site_id, client_id, commune_id) where voided_at is null; analyze contacts`,
  drop: "drop index bench_contacts_date_covering; analyze contacts",
};
const jitOff = {
  set: (database: string) => `alter database "${database}" set jit = off`,
  reset: (database: string) => `alter database "${database}" reset jit`,
};

export const trials: Trial[] = [
  {
    label: "+ index contacts (site_id, contact_date) include (client_id, commune_id) where live",
    engines: ["pglite", "postgres"],
    apply: () => siteDateIndex.create,
    undo: () => siteDateIndex.drop,
    reconnect: false,
  },
  {
    label: "+ index contacts (contact_date) include (site_id, client_id, commune_id) where live",
    engines: ["pglite", "postgres"],
    apply: () => dateIndex.create,
    undo: () => dateIndex.drop,
    reconnect: false,
  },
  {
    label: "+ jit = off",
    engines: ["postgres"],
    apply: jitOff.set,
    undo: jitOff.reset,
    reconnect: true,
  },
  {
    label: "+ jit = off + index contacts (site_id, contact_date) include (client_id, commune_id)",
    engines: ["postgres"],
    apply: (database) => `${jitOff.set(database)}; ${siteDateIndex.create}`,
    undo: (database) => `${jitOff.reset(database)}; ${siteDateIndex.drop}`,
    reconnect: true,
  },
];
