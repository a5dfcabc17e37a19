// Start: config → database → migrations → demo data (on an empty database) → app → background
// jobs → listen → (embedded database) the backup socket.
//
// The embedded database opens in a worker thread of its own: while it does, the main thread loads
// the rest of the server's modules (dynamic imports below), so a restart takes the longer of the
// two rather than their sum (docs/benchmarks.md, "site").
import type { BackupChannel } from "./backup/channel.js";
import { type Config, loadDotEnv, parseConfig } from "./config.js";
import { openConfiguredDatabase } from "./db/open.js";
import { readOrCreateSecret } from "./lib/crypto.js";
import { describeStartError } from "./lib/start-errors.js";

function loadServer() {
  return Promise.all([
    import("./app.js"),
    import("./backup/channel.js"),
    import("./exports/job.js"),
    import("./indicators/exports/index.js"),
    import("./jobs/runner.js"),
    import("./demo/service.js"),
    import("./mail/service.js"),
    import("./mail/transport.js"),
    import("./mail/worker.js"),
    import("./db/maintenance.js"),
  ]).then(([app, channel, exportJob, reports, runner, demo, mail, transport, worker, upkeep]) => ({
    Mailer: mail.Mailer,
    configuredTransport: transport.configuredTransport,
    createMailWorker: worker.createMailWorker,
    isEmpty: demo.isEmpty,
    loadDemo: demo.loadDemo,
    buildApp: app.buildApp,
    serveBackups: channel.serveBackups,
    exportJobs: exportJob.exportJobs,
    registerReportExports: reports.registerReportExports,
    createJobRunner: runner.createJobRunner,
    maintenanceJobs: upkeep.maintenanceJobs,
  }));
}

async function start(config: Config): Promise<void> {
  const opening = openConfiguredDatabase(config);
  const loading = loadServer();
  // Both are awaited below; a failure of one is not left unhandled while the other is awaited.
  loading.catch(() => undefined);
  let opened = await opening;
  if (opened.permissionsNotice) console.log(`peerlink: ${opened.permissionsNotice}`);
  let secret = config.secret;
  if (!secret) {
    const stored = readOrCreateSecret(config.dataDir);
    secret = stored.secret;
    if (stored.created) {
      console.log(
        `peerlink: created a new secret in ${config.dataDir}/secret.key — keep a copy apart from the backups (docs/operations.md)`,
      );
    }
  }
  if (opened.migrations.applied.length > 0) {
    console.log(`peerlink: applied migrations ${opened.migrations.applied.join(", ")}`);
  }
  const { isEmpty, loadDemo } = await loading;
  if (config.demoData === "auto" && (await isEmpty(opened.database.db))) {
    const { describeDemoAccounts } = await import("./demo/users.js");
    const summary = await loadDemo(opened.database.db);
    console.log(
      `peerlink: loaded the demo project "${summary.project}" (${summary.clients} clients, ${summary.contacts} contacts); set DEMO_DATA=off to start empty`,
    );
    if (summary.accounts > 0) {
      console.log(
        `peerlink: demo accounts (demo passwords, published: for trying Peerlink only):\n${describeDemoAccounts().join("\n")}`,
      );
    }
    // Loading the demo grew the embedded database's memory (WebAssembly memory never shrinks):
    // opened again, the server starts at the size it has on any later start (docs/benchmarks.md).
    if (opened.database.engine === "pglite") {
      await opened.close();
      opened = await openConfiguredDatabase(config);
    }
  }
  const { database } = opened;
  const {
    buildApp,
    serveBackups,
    exportJobs,
    registerReportExports,
    createJobRunner,
    maintenanceJobs,
    Mailer,
    configuredTransport,
    createMailWorker,
  } = await loading;
  // On a PostgreSQL server, the public caches start keeping pages once its notices arrive.
  await database.changes.ready();

  // The kinds of file POST /api/exports offers (xlsx, csv, pdf, dhis2_json, adx …).
  const unregisterReports = registerReportExports({ threshold: config.publicMinCount });
  // Exports, and the embedded database's upkeep (db/maintenance.ts: it has no autovacuum).
  const jobs = createJobRunner(database, [...exportJobs(database), ...maintenanceJobs(database)]);
  // Mail queued by a request is sent by this process's worker, woken at once.
  let wakeMail = () => {};
  const mailer = new Mailer(
    secret,
    { from: config.mail.from, postalAddress: config.mail.postalAddress },
    () => wakeMail(),
  );
  const app = await buildApp({ database, config, secret, jobs, mailer });
  const transport = configuredTransport(config.mail, config.dataDir);
  const mailWorker = createMailWorker({
    database,
    mailer,
    transport,
    ratePerSecond: config.mail.ratePerSecond,
    window: config.mail.window,
    log: app.log.child({ module: "mail" }),
    // The embedded database's data directory admits one process: a lease left is a dead one's.
    exclusive: database.engine === "pglite",
  });
  wakeMail = () => mailWorker.wake();
  let backups: BackupChannel | undefined;
  // Backups being made and requests first, then the jobs they queued (and the PDF printer), then
  // the database.
  const close = async () => {
    await backups?.close();
    await app.close();
    await mailWorker.stop();
    await jobs.stop();
    await unregisterReports();
    await opened.close();
  };
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`received ${signal}, closing`);
    await close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await jobs.start(app.log.child({ module: "jobs" }));
    await mailWorker.start();
    await app.listen({ port: config.port, host: config.host });
    // Only this process may open the embedded database: `peerlink backup` asks it for a copy.
    if (database.engine === "pglite") {
      backups = await serveBackups({
        dataDir: config.dataDir,
        database,
        log: app.log.child({ module: "backup" }),
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  console.log(
    `peerlink: serving ${config.publicUrl}/vi/ (${database.engine}) on ${config.host}:${config.port}; mail goes to ${transport.describe}`,
  );
}

try {
  loadDotEnv();
  await start(parseConfig(process.env));
} catch (error) {
  console.error(`peerlink: cannot start: ${describeStartError(error)}`);
  process.exit(1);
}
