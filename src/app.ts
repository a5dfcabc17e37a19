// buildApp(deps): the Fastify instance with every module registered, in one visible order.
import fastifyCompress from "@fastify/compress";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { auditRoutes } from "./audit/routes.js";
import { authPlugin } from "./auth/plugin.js";
import { authRoutes } from "./auth/routes.js";
import { throttleRoutes } from "./auth/throttle-routes.js";
import { userRoutes } from "./auth/users-routes.js";
import { type Config, mailDomainOf, parseConfig } from "./config.js";
import { contentRoutes } from "./content/routes.js";
import type { Database } from "./db/connection.js";
import { dataExceptionCode } from "./db/errors.js";
import type { PaypalGateway } from "./donations/paypal.js";
import { receiptMailerOf } from "./donations/receipt-mail.js";
import { donorDocumentRoutes } from "./donations/receipt-routes.js";
import { donationRoutes } from "./donations/routes.js";
import type { ReceiptMailer } from "./donations/service.js";
import { exportRoutes } from "./exports/routes.js";
import { healthRoutes } from "./health/routes.js";
import { AnswerCache } from "./http/answer-cache.js";
import { bodyTooLargeError } from "./http/body-limit.js";
import { inputGuard } from "./http/input-guard.js";
import {
  noStorePrivateAnswers,
  securityHeaders,
  securityHeadersPlugin,
} from "./http/security-headers.js";
import { dashboardRoutes } from "./indicators/dashboard-routes.js";
import { publicSuppressionThreshold } from "./indicators/definitions.js";
import { ReleaseCache } from "./indicators/release.js";
import { indicatorRoutes } from "./indicators/routes.js";
import type { JobQueue } from "./jobs/runner.js";
import { ledgerRoutes } from "./ledger/routes.js";
import { deriveKey } from "./lib/crypto.js";
import { AppError, type ErrorCode } from "./lib/errors.js";
import type { Locale } from "./lib/i18n.js";
import { requestLocale } from "./lib/request-locale.js";
import { type LimitsPluginOptions, limitsPlugin } from "./limits/plugin.js";
import { Mailer } from "./mail/service.js";
import { mediaRoutes } from "./media/routes.js";
import { type MessageKey, messages, translator } from "./messages.js";
import { newsletterRoutes } from "./newsletter/routes.js";
import { newsletterStaffRoutes } from "./newsletter/staff-routes.js";
import { peopleRoutes } from "./people/routes.js";
import { programmeRoutes } from "./programmes/routes.js";
import { getOrganisation } from "./programmes/service.js";
import { renderErrorPage } from "./site/pages/error-page.js";
import { siteRoutes } from "./site/routes.js";
import { stylesheet } from "./site/stylesheet.js";
import { staffAppInlineSources, staffAppRoutes } from "./staff-app/routes.js";
import { MAX_BATCH } from "./sync/protocol.js";
import { syncRoutes } from "./sync/routes.js";

export interface AppDeps {
  database: Database;
  /** `publicMinCount` is 5 when left out (tests that do not test it). */
  config: Pick<Config, "publicUrl" | "logLevel"> &
    Partial<Pick<Config, "trustProxy" | "publicMinCount" | "donations">>;
  /**
   * The mail queue (src/mail/); main.ts gives the one its worker drains. Left out, mail is queued
   * from newsletter@ the public URL's host with no postal address (tests that send none).
   */
  mailer?: Mailer;
  /** The instance secret (PEERLINK_SECRET or DATA_DIR/secret.key): keys for sessions and details. */
  secret: string;
  /** Where logs go instead of stdout (tests read them to prove no personal data is logged). */
  logStream?: { write(line: string): void };
  /** The background job queue (src/jobs/); tests that queue no job leave it out. */
  jobs?: JobQueue;
  /** The cache of public pages and answers (tests look at how many were made). */
  answers?: AnswerCache;
  /**
   * Sends a gift's receipt by e-mail (src/mail/'s service, connected in main.ts); without one,
   * receipts are on the gift's status page only.
   */
  receiptMailer?: ReceiptMailer;
  /** PayPal's gateway instead of PayPal's SDK on its own (tests: the SDK against a local PayPal). */
  paypal?: PaypalGateway;
  /** Other limits for some request classes than src/limits/limits.ts's (tests). */
  limits?: LimitsPluginOptions["classes"];
}

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

const isApi = (request: FastifyRequest) => request.url.startsWith("/api/");

/**
 * A request as the logs show it. Query values are left out: a query can carry personal data (the
 * reason someone gives for reading a client's details), and logs are kept and copied widely.
 */
function requestForLog(request: FastifyRequest) {
  const [path, query] = request.url.split("?", 2);
  const keys = query?.split("&").map((pair) => `${pair.split("=", 1)[0]}=…`);
  return {
    method: request.method,
    url: keys ? `${path}?${keys.join("&")}` : path,
    remoteAddress: request.ip,
  };
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; parameter?: string; revision?: number };
}

function errorBody(error: AppError, locale: Locale): ErrorBody {
  const t = translator(locale);
  const { parameter, reason, values, revision } = error.details;
  const reasonText = reason ? t.t(`reason.${reason}` as MessageKey, values) : "";
  return {
    error: {
      code: error.code,
      message: t.t(`error.${error.code}` as MessageKey, {
        parameter: parameter ?? "",
        reason: reasonText,
        ...values,
      }),
      ...(parameter ? { parameter } : {}),
      ...(revision !== undefined ? { revision } : {}),
    },
  };
}

/** A schema failure names the first parameter that is wrong; the schema's message is a reason key. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const keys = (first.params as { keys?: string[] }).keys;
    const unknownKey = first.keyword === "unrecognized_keys" ? keys?.[0] : undefined;
    const parameter = unknownKey ?? first.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const message = first.message ?? "";
    const known = `reason.${message}` in messages.vi;
    const reason = unknownKey ? "unknown_parameter" : known ? message : "invalid";
    // A length or size bound the schema set, for messages that say it ("at most {max} …").
    const { maximum, minimum } = first.params as { maximum?: unknown; minimum?: unknown };
    const values: Record<string, number> = {};
    if (typeof maximum === "number" || typeof maximum === "bigint") values.max = Number(maximum);
    if (typeof minimum === "number" || typeof minimum === "bigint") values.min = Number(minimum);
    return new AppError("invalid_parameter", {
      parameter,
      reason,
      ...(Object.keys(values).length > 0 ? { values } : {}),
    });
  }
  const sqlState = dataExceptionCode(error);
  if (sqlState) {
    return new AppError("invalid_value", {
      detail: `the database refused a value as invalid input (SQLSTATE ${sqlState})`,
    });
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 404) return new AppError("not_found");
  if (status === 413) return new AppError("payload_too_large", { values: { max: MAX_BATCH } });
  if ((error as { code?: string }).code?.startsWith("FST_ERR_CTP_")) {
    return new AppError("invalid_body", { reason: "invalid" });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError("invalid_parameter", { parameter: "request", reason: "invalid" });
  }
  return new AppError("internal");
}

/** The longest path segment the router takes (Fastify's default, named for the message). */
const MAX_PARAM_LENGTH = 100;

/** An address the router cannot read (a malformed %-escape, a segment over 100 characters). */
function routerError(error: FastifyError): AppError {
  if (error.code === "FST_ERR_BAD_URL") {
    return new AppError("invalid_parameter", { parameter: "path", reason: "invalid_url_encoding" });
  }
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return new AppError("invalid_parameter", {
      parameter: "path",
      reason: "text_too_long",
      values: { max: MAX_PARAM_LENGTH },
    });
  }
  return new AppError("internal", { detail: `router error ${error.code}` });
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const secureCookies = deps.config.publicUrl.startsWith("https://");
  const applySecurityHeaders = securityHeaders({
    https: secureCookies,
    // The public pages' stylesheet; under /app/, the staff app's first-load page's stylesheet and
    // script instead.
    inlineStyles: [stylesheet.cspSource],
    inlineUnder: { prefix: "/app/", ...staffAppInlineSources() },
  });
  const app = Fastify({
    logger:
      deps.config.logLevel === "silent"
        ? false
        : {
            level: deps.config.logLevel,
            serializers: { req: requestForLog },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    // Log-in throttling counts failures per client address: behind a proxy, that address comes
    // from X-Forwarded-For, which is believed only from the proxies named here.
    trustProxy: deps.config.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: MAX_PARAM_LENGTH },
    // Requests the router refuses reach no route and none of its hooks: answered here, with the
    // same headers and error shape as any other.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      applySecurityHeaders(request.raw, reply.raw);
      answerError(routerError(error), request, reply).then(
        (body) => reply.send(body),
        (failure) => reply.send(failure),
      );
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // The header of an error page names the organisation when the database can still say it; the
  // database may be what failed, so its absence is not an error.
  const organisationForErrorPage = () => getOrganisation(deps.database.db).catch(() => undefined);

  /** An error as the caller meets it: JSON under /api/, else the error page, in their language. */
  async function answerError(appError: AppError, request: FastifyRequest, reply: FastifyReply) {
    const locale = requestLocale(request);
    reply.status(appError.status);
    const wait = appError.status === 429 ? appError.details.values?.seconds : undefined;
    if (wait !== undefined) reply.header("retry-after", String(wait));
    if (isApi(request)) return errorBody(appError, locale);
    reply.type("text/html; charset=utf-8");
    return renderErrorPage({
      locale,
      status: appError.status,
      // Said on the page where it tells the visitor what to do (a form sent too much).
      ...(appError.code === "body_too_large"
        ? { message: errorBody(appError, locale).error.message }
        : {}),
      path: request.url,
      publicUrl: deps.config.publicUrl,
      organisation: await organisationForErrorPage(),
      // A refused request says why (a form's field, too many requests); a missing page does not.
      detail:
        appError.status >= 400 &&
        appError.status < 500 &&
        appError.status !== 404 &&
        appError.code !== "body_too_large"
          ? errorBody(appError, locale).error.message
          : undefined,
    });
  }

  app.setErrorHandler(async (error, request, reply) => {
    const appError = bodyTooLargeError(error, request) ?? toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error }, "request failed");
    } else if (appError.code === "invalid_value") {
      // A check is missing before the database: say so, but not the value (it may be personal).
      request.log.warn(
        { route: request.routeOptions.url, detail: appError.details.detail },
        "a value no schema refused reached the database",
      );
    }
    return answerError(appError, request, reply);
  });

  app.setNotFoundHandler(async (request, reply) =>
    answerError(new AppError("not_found"), request, reply),
  );

  const clientDetailsKey = deriveKey(deps.secret, "client-details");
  const signInKey = deriveKey(deps.secret, "sign-in");
  const publicMinCount = deps.config.publicMinCount ?? publicSuppressionThreshold;

  // Headers and the input guard first: every answer carries the headers, every request's text is
  // checked before its route's schema. Then the limits: every statement of a request, the
  // session's look-up included, runs under them. Then authentication, which decides for every
  // route whether the request may go on; then the no-store rule, after the cookies it looks at
  // are written.
  await app.register(securityHeadersPlugin, { apply: applySecurityHeaders });
  await app.register(inputGuard);
  await app.register(limitsPlugin, { classes: deps.limits });
  await app.register(authPlugin, { database: deps.database, secureCookies });
  await app.register(noStorePrivateAnswers);
  // Brotli or gzip for every answer of 1 KiB or more that is not compressed already (the cached
  // public pages are compressed once, when made: src/http/answer-cache.ts). Its hook runs after
  // the limits' check of an answer's size, which measures what the route made. Request bodies are
  // taken as sent: a compressed body could grow past the body limits after they were checked.
  await app.register(fastifyCompress, {
    globalCompression: true,
    globalDecompression: false,
    encodings: ["br", "gzip"],
    threshold: 1024,
  });
  // A write's answer goes out once the database's notice of its change has been counted
  // (src/db/change-notices.ts), so whoever wrote sees it on the next page they open.
  app.addHook("onSend", async (request, _reply, payload) => {
    if (request.method !== "GET" && request.method !== "HEAD") await deps.database.changes.settle();
    return payload;
  });
  await typed.register(healthRoutes, { database: deps.database });
  await typed.register(authRoutes, {
    database: deps.database,
    secureCookies,
    publicUrl: deps.config.publicUrl,
    signInKey,
  });
  await typed.register(userRoutes, { database: deps.database });
  await typed.register(throttleRoutes, { database: deps.database });
  await typed.register(peopleRoutes, { database: deps.database, clientDetailsKey });
  await typed.register(auditRoutes, { database: deps.database });
  await typed.register(syncRoutes, { database: deps.database, clientDetailsKey });
  await typed.register(programmeRoutes, { database: deps.database });
  // The public figures and pages, computed once per change of what they show, shared by the
  // project pages and the API.
  const releases = new ReleaseCache(deps.database.changes);
  const answers = deps.answers ?? new AnswerCache();
  await typed.register(indicatorRoutes, {
    database: deps.database,
    publicMinCount,
    releases,
    answers,
  });
  await typed.register(dashboardRoutes, { database: deps.database });
  await typed.register(exportRoutes, { database: deps.database, jobs: deps.jobs });
  await typed.register(contentRoutes, {
    database: deps.database,
    publicUrl: deps.config.publicUrl,
  });
  await typed.register(mediaRoutes, { database: deps.database });
  const newsletter = {
    mailer:
      deps.mailer ??
      new Mailer(deps.secret, {
        from: `Peerlink <newsletter@${mailDomainOf(deps.config.publicUrl)}>`,
        postalAddress: "",
      }),
    linkKey: deriveKey(deps.secret, "newsletter-links"),
    publicUrl: deps.config.publicUrl,
  };
  await typed.register(newsletterStaffRoutes, { database: deps.database, context: newsletter });
  await typed.register(newsletterRoutes, {
    database: deps.database,
    publicUrl: deps.config.publicUrl,
    context: newsletter,
  });
  const receiptMailer = deps.receiptMailer ?? receiptMailerOf(newsletter.mailer, deps.database.db);
  // Donors' sealed details, and the signed links to their receipts and statements.
  const donorDetailsKey = deriveKey(deps.secret, "donor-details");
  const donationLinkKey = deriveKey(deps.secret, "donation-links");
  await typed.register(donationRoutes, {
    database: deps.database,
    publicUrl: deps.config.publicUrl,
    detailsKey: donorDetailsKey,
    linkKey: donationLinkKey,
    // Tests that do not test giving take the demo's bank account and no gateway.
    config: deps.config.donations ?? parseConfig({}).donations,
    mailer: receiptMailer,
    paypal: deps.paypal,
  });
  await typed.register(donorDocumentRoutes, {
    database: deps.database,
    publicUrl: deps.config.publicUrl,
    detailsKey: donorDetailsKey,
    linkKey: donationLinkKey,
    postalAddress: newsletter.mailer.settings.postalAddress,
    mailer: receiptMailer,
  });
  await typed.register(ledgerRoutes, { database: deps.database });
  await typed.register(staffAppRoutes);
  await typed.register(siteRoutes, {
    database: deps.database,
    publicUrl: deps.config.publicUrl,
    publicMinCount,
    releases,
    answers,
    donorDetailsKey,
    // The address the newsletter's footer gives (MAIL_POSTAL_ADDRESS), in the organisation's JSON-LD.
    organisationSettings: { postalAddress: newsletter.mailer.settings.postalAddress },
  });
  return app;
}
