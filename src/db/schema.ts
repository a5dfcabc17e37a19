// Row types of the tables in migrations/*.sql, for Kysely. Keep in step with the migrations: the
// schema test compares these column lists with the database's own catalogue.
import type { ColumnType, Generated } from "kysely";
import type {
  items,
  populationGroups,
  services,
  sexes,
  testResults,
  trainingKinds,
} from "../sync/vocabulary.js";

/** A calendar date as PostgreSQL writes it: YYYY-MM-DD. */
export type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, never, never>;

/** Columns every record that a device can create carries (see architecture.md). */
interface SyncedColumns {
  id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  version: Version;
  voided_at: Timestamp | null;
  void_reason: string | null;
}

export type PlaceLevel = "province" | "district" | "commune";
export type PlaceKind =
  | "tỉnh"
  | "thành phố"
  | "thị xã"
  | "huyện"
  | "quận"
  | "phường"
  | "xã"
  | "thị trấn";

export interface PlacesTable {
  id: Generated<string>;
  code: string;
  level: PlaceLevel;
  kind: PlaceKind;
  name: string;
  parent_id: string | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export type OrganisationKind = "implementer" | "sponsor" | "government_partner" | "cbo";

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  short_name: string;
  name_vi: string;
  name_en: string;
  kind: OrganisationKind;
  about_vi: Generated<string>;
  about_en: Generated<string>;
  website: string | null;
}

export const narrativeFields = [
  "background",
  "objectives",
  "target_populations",
  "locations",
  "enablers",
  "difficulties",
  "lessons",
  "recommendations",
] as const;
export type NarrativeField = (typeof narrativeFields)[number];

type Localised<F extends string> = { [K in `${F}_vi` | `${F}_en`]: Generated<string> };

export type ProjectsTable = {
  id: Generated<string>;
  slug: string;
  implementer_id: string;
  status: Generated<"draft" | "published">;
  starts_on: DateString;
  ends_on: DateString;
  published_on: DateString | null;
  name_vi: string;
  name_en: string;
} & Localised<"summary" | NarrativeField>;

export interface ProjectOrganisationsTable {
  project_id: string;
  organisation_id: string;
  role: "sponsor" | "government_partner" | "partner";
}

export interface SitesTable {
  id: Generated<string>;
  project_id: string;
  place_id: string;
  code: string;
  name_vi: string;
  name_en: string;
  population_size_estimate: number | null;
}

export interface SiteCommunesTable {
  site_id: string;
  place_id: string;
}

export type StaffRole = "programme_officer" | "coordinator" | "outreach_worker" | "supervisor";

export interface StaffTable {
  id: Generated<string>;
  organisation_id: string;
  display_name: string;
  role: StaffRole;
  starts_on: DateString;
  ends_on: DateString | null;
}

export interface StaffSitesTable {
  staff_id: string;
  site_id: string;
}

export type Sex = (typeof sexes)[number];
export type PopulationGroup = (typeof populationGroups)[number];

export interface ClientsTable extends SyncedColumns {
  site_id: string;
  uic: string;
  sex: Sex;
  birth_year: number;
  population_group: PopulationGroup;
  home_commune_id: string | null;
  name_encrypted: Uint8Array | null;
  phone_encrypted: Uint8Array | null;
  registered_on: DateString;
}

export interface ContactsTable extends SyncedColumns {
  site_id: string;
  client_id: string;
  staff_id: string | null;
  contact_date: DateString;
  commune_id: string | null;
  topics: ColumnType<string[], string[] | undefined, string[]>;
}

export interface GroupSessionsTable extends SyncedColumns {
  site_id: string;
  held_on: DateString;
  commune_id: string | null;
  facilitator_id: string | null;
  topic: Generated<string>;
}

export interface GroupAttendancesTable extends SyncedColumns {
  site_id: string;
  session_id: string;
  client_id: string;
}

export type ReferralService = (typeof services)[number];
export type TestResult = (typeof testResults)[number];

export interface ReferralsTable extends SyncedColumns {
  site_id: string;
  client_id: string;
  referred_by: string | null;
  service: ReferralService;
  facility: Generated<string>;
  referred_on: DateString;
  arrived_on: DateString | null;
  result: TestResult | null;
  result_on: DateString | null;
}

export type CommodityItem = (typeof items)[number];

export interface CommodityDistributionsTable extends SyncedColumns {
  site_id: string;
  item: CommodityItem;
  quantity: number;
  distributed_on: DateString;
  client_id: string | null;
  contact_id: string | null;
  group_session_id: string | null;
  staff_id: string | null;
}

export type TrainingKind = (typeof trainingKinds)[number];

export interface TrainingsTable extends SyncedColumns {
  project_id: string;
  site_id: string | null;
  kind: TrainingKind;
  title: string;
  starts_on: DateString;
  ends_on: DateString;
  venue: Generated<string>;
}

export interface TrainingParticipantsTable extends SyncedColumns {
  training_id: string;
  staff_id: string;
  site_id: string | null;
}

export interface SupervisionVisitsTable extends SyncedColumns {
  site_id: string;
  supervisor_id: string | null;
  visited_on: DateString;
  findings: Generated<string>;
  actions: Generated<string>;
}

export type UserRole =
  | "administrator"
  | "programme_officer"
  | "site_coordinator"
  | "outreach_worker"
  | "supervisor"
  | "editor"
  | "finance";

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: UserRole;
  organisation_id: string | null;
  staff_id: string | null;
  locale: Generated<"vi" | "en">;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
}

export interface UserSitesTable {
  user_id: string;
  site_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

/** Counters of failed sign-ins, each making the next attempt wait (migration 0017). */
export interface LoginThrottlesTable {
  id: Generated<string>;
  kind: "account" | "unknown_name" | "device" | "address";
  key: string;
  user_id: string | null;
  level: number;
  updated_at: Timestamp;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

/** The append-only log of administration (migration 0017; src/audit/). */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  /** Null for the operator at the server's command line. */
  actor_id: string | null;
  channel: Generated<"api" | "cli">;
  address: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** Written as JSON text, read as an object. */
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  first_seen_at: Timestamp;
  last_push_at: Timestamp | null;
  last_pull_at: Timestamp | null;
}

export interface SyncReceiptsTable {
  change_id: string;
  user_id: string;
  record_type: string;
  record_id: string;
  content_hash: string;
  status: "applied" | "conflict";
  version: number | null;
  received_at: Timestamp;
}

/** A project's (site_id null) or a site's target for an indicator over a period (migration 0004). */
export interface TargetsTable {
  id: Generated<string>;
  project_id: string;
  site_id: string | null;
  indicator_id: string;
  period_start: DateString;
  period_end: DateString;
  /** numeric: both drivers return it as a string, exactly; numbers are accepted on write. */
  value: ColumnType<string, number | string, number | string>;
}

export type ExportStatus = "queued" | "running" | "done" | "failed";

/** A file asked for by a user, made by a background job and kept for download (migration 0005). */
export interface ExportsTable {
  id: string;
  project_id: string;
  kind: string;
  /** ExportParams (src/exports/renderers.ts), as JSON. */
  params: ColumnType<unknown, string, string>;
  requested_by: string;
  status: Generated<ExportStatus>;
  progress: Generated<number>;
  progress_note: string | null;
  progress_values: ColumnType<Record<string, string | number> | null, string | null, string | null>;
  error_code: string | null;
  attempts: Generated<number>;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  /** bytea: a Buffer from pg, a Uint8Array from PGlite. */
  content: ColumnType<Uint8Array | null, Uint8Array | null, Uint8Array | null>;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** An image of the public website (migration 0020); its files are its variants. */
export interface ImagesTable {
  id: string;
  alt_vi: string;
  alt_en: string;
  width: number;
  height: number;
  original_sha256: string;
  uploaded_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ImageFormat = "webp" | "jpeg";

export interface ImageVariantsTable {
  image_id: string;
  format: ImageFormat;
  width: number;
  height: number;
  /** bytea: a Buffer from pg, a Uint8Array from PGlite. */
  bytes: Uint8Array;
  sha256: string;
  size: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

/** Suspected duplicates, both ways, with both clients' facts; kept by triggers on clients (0007, 0012). */
export interface ClientUicNeighboursTable {
  client_id: string;
  neighbour_id: string;
  /** The pair's row that is counted (the client's code is the shorter, or the first of one length). */
  counted: boolean;
  client_site_id: string;
  client_registered_on: string;
  client_live: boolean;
  neighbour_site_id: string;
  neighbour_registered_on: string;
  neighbour_live: boolean;
}

/**
 * Who was reached in which months (first days), in a project, at a site or in a commune; kept by
 * triggers on contacts, attendances, meetings and clients (migration 0009, src/indicators/reach.ts).
 */
interface ReachMonths {
  client_id: string;
  population_group: PopulationGroup | null;
  contact_months: string[];
  prevention_months: string[];
}
export interface ReachClientsTable extends ReachMonths {
  project_id: string;
}
export interface ReachSitesTable extends ReachMonths {
  project_id: string;
  site_id: string;
}
export interface ReachCommunesTable extends ReachMonths {
  project_id: string;
  commune_id: string | null;
}

/** Live contacts of live clients by site, commune and month (migration 0009). */
export interface ContactTalliesTable {
  site_id: string;
  commune_id: string | null;
  month: string;
  contacts: number;
}

/** Live group meetings and their live attendances by site, commune and month (migration 0014). */
export interface GroupTalliesTable {
  site_id: string;
  commune_id: string | null;
  month: string;
  sessions: number;
  attendances: number;
}

/** People reached in each month of a project, by population group (migration 0013). */
export interface ReachMonthsTable {
  project_id: string;
  month: string;
  population_group: string;
  contact_people: number;
  prevention_people: number;
}

export type SearchKind = "page" | "news" | "activity" | "project";

/** Published documents as site search finds them (migration 0021; written by src/search/). */
export interface SearchDocumentsTable {
  kind: SearchKind;
  ref: string;
  locale: "vi" | "en";
  url: string;
  title: string;
  body: string;
  published_at: Timestamp;
  project_slug: string | null;
  /** A tsvector in PostgreSQL's input syntax (src/search/vectors.ts). */
  search_vector: string;
  indexed_at: Generated<Date>;
}

/** Content the NGO runs itself (migration 0019; src/content/). */
export type ContentKind = "page" | "news" | "activity" | "partner" | "project";
export type ContentState = "draft" | "scheduled" | "published" | "archived";
export type RevisionNote =
  | "created"
  | "saved"
  | "published"
  | "scheduled"
  | "unpublished"
  | "archived"
  | "restored";

/** JSON columns: written as JSON text, read as the parsed value (src/content/fields.ts says the shape). */
type Json = ColumnType<unknown, string, string>;

export interface ContentItemsTable {
  id: string;
  kind: ContentKind;
  state: ContentState;
  project_slug: string | null;
  is_demo: Generated<boolean>;
  revision: number;
  fields: Json;
  html: Json;
  slug_vi: string | null;
  slug_en: string | null;
  title_vi: Generated<string>;
  title_en: Generated<string>;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  publish_at: Timestamp | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ContentRevisionsTable {
  item_id: string;
  number: number;
  fields: Json;
  html: Json;
  state: ContentState;
  note: RevisionNote;
  restored_from: number | null;
  saved_at: Timestamp;
  saved_by: string | null;
}

export interface ContentSlugHistoryTable {
  kind: ContentKind;
  locale: "vi" | "en";
  slug: string;
  item_id: string;
  retired_at: Timestamp;
}

export type LedgerAccountKind = "asset" | "fund" | "expense";
export type LedgerTransactionKind =
  | "gift"
  | "fee"
  | "settlement"
  | "allocation"
  | "expense"
  | "reversal";

export interface LedgerAccountsTable {
  code: string;
  kind: LedgerAccountKind;
  project_id: string | null;
  name_vi: string;
  name_en: string;
  created_at: Generated<Date>;
}

export interface LedgerTransactionsTable {
  id: string;
  kind: LedgerTransactionKind;
  occurred_on: DateString;
  memo: string;
  reverses: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  /** The key of the request that posted it (allocations, expenses, their reversals). */
  client_key: Generated<string | null>;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  transaction_id: string;
  account_code: string;
  amount: number;
  currency: Generated<string>;
}

export type PledgeStatus = "waiting" | "received" | "failed";
export type PledgeMethod = "vietqr" | "vnpay" | "paypal";
export type GiftChannel = "bank" | "vnpay" | "paypal";

export interface DonationPledgesTable {
  id: string;
  reference: string;
  project_id: string | null;
  amount: number;
  method: PledgeMethod;
  locale: "vi" | "en";
  named: Generated<boolean>;
  donor_name: Uint8Array | null;
  donor_email: Uint8Array | null;
  status: Generated<PledgeStatus>;
  failure_code: string | null;
  created_at: Generated<Date>;
  received_at: Timestamp | null;
  /** PayPal's (migration 0028): the currency, the amount in its hundredths, the rate to đồng. */
  currency: Generated<string | null>;
  original_amount: Generated<number | null>;
  /** numeric: read as text (`::text`) so both drivers give the same. */
  vnd_rate: Generated<string | null>;
  gateway_order_id: Generated<string | null>;
}

export interface DonationGiftsTable {
  id: string;
  pledge_id: string | null;
  project_id: string | null;
  amount: number;
  received_on: DateString;
  channel: GiftChannel;
  source_key: string;
  ledger_transaction_id: string;
  receipt_year: number;
  receipt_number: number;
  created_at: Generated<Date>;
  /** A PayPal gift's own currency, amount and fee (hundredths), rate, and fee in đồng (0028). */
  original_currency: Generated<string | null>;
  original_amount: Generated<number | null>;
  original_fee: Generated<number | null>;
  vnd_rate: Generated<string | null>;
  fee: Generated<number | null>;
}

export interface DonationReceiptCountersTable {
  year: number;
  last_number: number;
}

export type BankLineSource = "sepay" | "casso" | "statement";
export type BankLineState = "unmatched" | "matched" | "not_donation";

export interface DonationBankLinesTable {
  id: string;
  source: BankLineSource;
  provider_id: string;
  fingerprint: string;
  bank_reference: string | null;
  booked_on: DateString;
  amount: number;
  content: string;
  state: Generated<BankLineState>;
  matched_by: "reference" | "amount_date" | "hand" | null;
  gift_id: string | null;
  decided_by: string | null;
  /** Why a line was marked not a donation (migration 0027). */
  decision_reason: Generated<string | null>;
  created_at: Generated<Date>;
}

export interface DonationGatewayEventsTable {
  id: string;
  gateway: "vnpay" | "sepay" | "casso" | "paypal";
  outcome: string;
  reference: string | null;
  received_at: Generated<Date>;
}

/** The outbound mail queue (migration 0022; src/mail/). */
export type MailStatus = "queued" | "sending" | "sent" | "failed";

export interface MailOutboxTable {
  id: string;
  batch_id: string | null;
  recipient_hash: string;
  recipient: Uint8Array | null;
  message_id: string;
  content: Json | null;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface MailSuppressionsTable {
  address_hash: string;
  failures: number;
  last_error: string | null;
  suppressed_at: Timestamp | null;
  updated_at: Timestamp;
}

/** The newsletter (migration 0022; src/newsletter/). */
export type SubscriberStatus = "pending" | "confirmed" | "left";
export type ConsentEvent = "requested" | "confirmed" | "changed" | "left";

export interface NewsletterSubscribersTable {
  id: string;
  address_hash: string;
  address: Uint8Array;
  locale: "vi" | "en";
  topics: Generated<string[]>;
  status: SubscriberStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  confirmed_at: Timestamp | null;
  left_at: Timestamp | null;
}

export interface NewsletterConsentsTable {
  id: Generated<string>;
  subscriber_id: string;
  event: ConsentEvent;
  locale: "vi" | "en";
  page: string | null;
  shown_text: string;
  topics: Generated<string[]>;
  at: Timestamp;
}

/** Fixed-window counts of attempts per key (src/lib/rate-limit.ts). */
export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

/** The one row naming the process that sends the mail queue, and until when (src/mail/worker.ts). */
export interface MailSenderLeaseTable {
  id: Generated<number>;
  holder: string;
  expires_at: Timestamp;
  acquired_at: Timestamp;
}

export type IssueState = "draft" | "sending" | "sent";

export interface NewsletterIssuesTable {
  id: string;
  state: Generated<IssueState>;
  subject_vi: Generated<string>;
  subject_en: Generated<string>;
  intro_vi: Generated<string>;
  intro_en: Generated<string>;
  news_ids: Generated<string[]>;
  topic: string | null;
  recipients: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_by: string | null;
  sent_at: Timestamp | null;
}

export interface DB {
  places: PlacesTable;
  organisations: OrganisationsTable;
  projects: ProjectsTable;
  project_organisations: ProjectOrganisationsTable;
  sites: SitesTable;
  site_communes: SiteCommunesTable;
  staff: StaffTable;
  staff_sites: StaffSitesTable;
  clients: ClientsTable;
  client_uic_neighbours: ClientUicNeighboursTable;
  reach_clients: ReachClientsTable;
  reach_sites: ReachSitesTable;
  reach_communes: ReachCommunesTable;
  reach_months: ReachMonthsTable;
  contact_tallies: ContactTalliesTable;
  group_tallies: GroupTalliesTable;
  contacts: ContactsTable;
  group_sessions: GroupSessionsTable;
  group_attendances: GroupAttendancesTable;
  referrals: ReferralsTable;
  commodity_distributions: CommodityDistributionsTable;
  trainings: TrainingsTable;
  training_participants: TrainingParticipantsTable;
  supervision_visits: SupervisionVisitsTable;
  users: UsersTable;
  user_sites: UserSitesTable;
  sessions: SessionsTable;
  login_throttles: LoginThrottlesTable;
  audit_log: AuditLogTable;
  devices: DevicesTable;
  sync_receipts: SyncReceiptsTable;
  targets: TargetsTable;
  exports: ExportsTable;
  images: ImagesTable;
  image_variants: ImageVariantsTable;
  schema_migrations: SchemaMigrationsTable;
  search_documents: SearchDocumentsTable;
  content_items: ContentItemsTable;
  content_revisions: ContentRevisionsTable;
  content_slug_history: ContentSlugHistoryTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_entries: LedgerEntriesTable;
  donation_pledges: DonationPledgesTable;
  donation_gifts: DonationGiftsTable;
  donation_receipt_counters: DonationReceiptCountersTable;
  donation_bank_lines: DonationBankLinesTable;
  donation_gateway_events: DonationGatewayEventsTable;
  mail_outbox: MailOutboxTable;
  mail_suppressions: MailSuppressionsTable;
  mail_sender_lease: MailSenderLeaseTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_consents: NewsletterConsentsTable;
  rate_limits: RateLimitsTable;
  newsletter_issues: NewsletterIssuesTable;
}
