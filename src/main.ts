// Start: config → database → migrations → demo data (on an empty database) → app → background
// jobs → listen → (embedded database) the backup socket.
import { buildApp } from "./app.js";
import { type BackupChannel, serveBackups } from "./backup/channel.js";
import { type Config, loadDotEnv, parseConfig } from "./config.js";
import { openConfiguredDatabase } from "./db/open.js";
import { isEmpty, loadDemo } from "./demo/service.js";
import { describeDemoAccounts } from "./demo/users.js";
import { exportJobs } from "./exports/job.js";
import { registerReportExports } from "./indicators/exports/index.js";
import { createJobRunner } from "./jobs/runner.js";
import { readOrCreateSecret } from "./lib/crypto.js";
import { describeStartError } from "./lib/start-errors.js";

async function start(config: Config): Promise<void> {
  let opened = await openConfiguredDatabase(config);
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
  if (config.demoData === "auto" && (await isEmpty(opened.database.db))) {
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
  // On a PostgreSQL server, the public caches start keeping pages once its notices arrive.
  await database.changes.ready();

  // The kinds of file POST /api/exports offers (xlsx, csv, pdf, dhis2_json, adx …).
  const unregisterReports = registerReportExports({ threshold: config.publicMinCount });
  const jobs = createJobRunner(database, exportJobs(database));
  const app = await buildApp({ database, config, secret, jobs });
  let backups: BackupChannel | undefined;
  // Backups being made and requests first, then the jobs they queued (and the PDF printer), then
  // the database.
  const close = async () => {
    await backups?.close();
    await app.close();
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
    `peerlink: serving ${config.publicUrl}/vi/ (${database.engine}) on ${config.host}:${config.port}`,
  );
}

try {
  loadDotEnv();
  await start(parseConfig(process.env));
} catch (error) {
  console.error(`peerlink: cannot start: ${describeStartError(error)}`);
  process.exit(1);
}
