// Registering a client: the UIC is built from parts the client can repeat (mother's and father's
// given names, sex, birth year); the names build the code and are not kept. Before saving, the
// code is checked against the site's clients (ui/duplicates.tsx): the same code at the site is
// never registered twice; a code one character off asks the person to say it is someone else.
// Name and phone are optional, and marked so.
import { useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { CommuneField } from "../ui/commune.js";
import { useSignedIn } from "../ui/context.js";
import { DuplicateNotice, useDuplicateCheck } from "../ui/duplicates.js";
import { SelectField, TextField } from "../ui/fields.js";
import { Screen } from "../ui/layout.js";
import { NoSiteNotice } from "../ui/no-site-notice.js";
import { options, populationGroups } from "../ui/options.js";
import { navigate } from "../ui/router.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";
import { noUicParts, readUicParts, UicBuilder, type UicParts } from "../ui/uic-builder.js";

export function RegisterClientScreen() {
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const [parts, setParts] = useState<UicParts>(noUicParts);
  const [group, setGroup] = useState("");
  const [commune, setCommune] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState(false);

  const { uic, year, errors: partErrors } = readUicParts(parts);
  const check = useDuplicateCheck({ siteId: site?.id, uic, sex: parts.sex, birthYear: year });
  const blocked = check.taken || (check.similar && !confirmed);

  const submit = async () => {
    const found: Record<string, string> = { ...partErrors };
    if (!group) found.group = t("form.required");
    if (phone && !/^[0-9 +().-]{0,20}$/.test(phone)) found.phone = t("client.phone_invalid");
    setErrors(found);
    if (Object.keys(found).length > 0 || !site || !parts.sex || blocked) return;
    const id = newId();
    await save(
      [
        {
          type: "client",
          op: "create",
          record: {
            id,
            site_id: site.id,
            uic,
            sex: parts.sex,
            birth_year: year,
            population_group: group,
            home_commune_id: commune || null,
            registered_on: today(),
            ...(name.trim() ? { name: name.trim() } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
          },
        },
      ],
      () => navigate("/client", { id }),
    );
  };

  return (
    <Screen title={t("client.register_title")}>
      <NoSiteNotice />
      <SaveForm onSubmit={submit} busy={busy} label={t("client.save")} disabled={blocked}>
        <UicBuilder parts={parts} onChange={setParts} errors={errors} />
        <DuplicateNotice check={check} confirmed={confirmed} onConfirm={setConfirmed} />
        <SelectField
          label={t("client.population_group")}
          value={group}
          placeholder={t("form.choose")}
          options={options("population", populationGroups)}
          onChange={setGroup}
          error={errors.group}
        />
        <CommuneField label={t("client.home_commune")} value={commune} onChange={setCommune} />
        <fieldset class="optional-details">
          <legend>{t("client.optional_details")}</legend>
          <p class="muted">{t("client.optional_why")}</p>
          <TextField label={t("client.name")} optional value={name} onInput={setName} />
          <TextField
            label={t("client.phone")}
            optional
            type="tel"
            inputMode="tel"
            value={phone}
            onInput={setPhone}
            error={errors.phone}
          />
        </fieldset>
      </SaveForm>
    </Screen>
  );
}
