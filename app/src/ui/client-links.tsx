// Clients as a list of links, each opening the client's page.
import type { LocalRecord } from "../db/database.js";
import { ClientLine } from "./client-line.js";
import { href } from "./router.js";

export function ClientLinks({ clients }: { clients: LocalRecord<"client">[] }) {
  return (
    <ul class="list">
      {clients.map((client) => (
        <li key={client.id}>
          <a class="list__item" href={href("/client", { id: client.id })}>
            <ClientLine client={client} />
          </a>
        </li>
      ))}
    </ul>
  );
}
