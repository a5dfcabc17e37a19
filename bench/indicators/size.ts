// How big the generated programme is at a scale: 1 is the large programme (about 100,000
// clients, 1,000,000 contacts, 60 sites over 3 years); 0.01 is a smoke run that takes seconds.
// Sites stay 60 at every scale, so the per-site shape of the queries does not change; the team
// keeps a floor so each site has a coordinator and at least two outreach workers.

export interface ProgrammeSize {
  scale: number;
  sites: number;
  /** Outreach workers over all sites (at least two per site). */
  workers: number;
  supervisors: number;
  programmeOfficers: number;
  clients: number;
  /** Contacts per client are drawn between 1 and this, about 10 on average. */
  maxContactsPerClient: number;
  groupSessions: number;
  referrals: number;
  distributions: number;
  trainings: number;
  supervisionVisits: number;
}

export function programmeSize(scale: number): ProgrammeSize {
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be in (0, 10], not ${scale}`);
  const n = (full: number, floor: number) => Math.max(floor, Math.round(full * scale));
  return {
    scale,
    sites: 60,
    workers: n(220, 120),
    supervisors: 12,
    programmeOfficers: 8,
    clients: n(100_000, 300),
    maxContactsPerClient: 40,
    groupSessions: n(30_000, 60),
    referrals: n(150_000, 100),
    distributions: n(200_000, 100),
    trainings: n(200, 20),
    supervisionVisits: n(2_000, 60),
  };
}
