// Small pieces shared by the pages: an organisation's name as a visitor reads it, and a list of
// labelled facts (sponsor, period…) shown under a title.
import type { Locale } from "../../lib/i18n.js";
import { type OrganisationView, pick } from "../../programmes/service.js";

/** "Tổ chức Sức khỏe Gia đình Quốc tế (FHI)" / "Family Health International (FHI)". */
export function organisationLabel(organisation: OrganisationView, locale: Locale): string {
  const name = pick(organisation.name, locale);
  return name === organisation.shortName ? name : `${name} (${organisation.shortName})`;
}

export interface Fact {
  label: string;
  value: string;
}

export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl class="facts">
      {facts.map((fact) => (
        <div key={fact.label} class="facts__item">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
