// The commune picker: the communes of the site the person records for.
import { t } from "../i18n/i18n.js";
import { useSignedIn } from "./context.js";
import { SelectField } from "./fields.js";

export function CommuneField(props: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
}) {
  const { site } = useSignedIn();
  return (
    <SelectField
      label={props.label ?? t("form.commune")}
      value={props.value}
      onChange={props.onChange}
      placeholder={t("form.commune_none")}
      options={(site?.communes ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

export function useCommuneName(): (id: string | null | undefined) => string {
  const { reference } = useSignedIn();
  const names = new Map(reference.sites.flatMap((s) => s.communes.map((c) => [c.id, c.name])));
  return (id) => (id ? (names.get(id) ?? "—") : "—");
}
