// How a client reads in a list: the code, then sex, birth year and population group.
import type { LocalRecord } from "../db/database.js";
import { label } from "./options.js";

export function ClientLine(props: { client: LocalRecord<"client">; withoutCode?: boolean }) {
  const { client } = props;
  return (
    <>
      {props.withoutCode ? null : <span class="uic">{client.uic}</span>}
      <span class="muted">
        {label("sex", client.sex)} · {client.birth_year} ·{" "}
        {label("population", client.population_group)}
      </span>
    </>
  );
}
