// Accounts, for administrators, go straight to the server (/api/users), never through the outbox:
// an account is not field work to record offline, and the server's rules (a free username, the
// last administrator) need its answer. Offline, the screens say so. The server's refusals come in
// the user's language.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import { ApiError, type ManagedUser, NetworkError, ServerError } from "../sync/api.js";
import { useServices } from "../ui/context.js";
import { useOnline } from "../ui/hooks.js";
import { OnlineScreen } from "../ui/online-screen.js";

/** Words for a failure: the server's own message, a fault of the server, or no network. */
export function failure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof ServerError) return t("users.server_error", { status: error.status });
  if (error instanceof NetworkError) return t("users.no_network");
  return String(error);
}

/** The accounts, loaded when the screen opens online (and again when the network comes back). */
export function useUsers(): { users?: ManagedUser[]; error?: string } {
  const { api } = useServices();
  const online = useOnline();
  const [state, setState] = useState<{ users?: ManagedUser[]; error?: string }>({});
  useEffect(() => {
    if (!online) return;
    let current = true;
    api.users().then(
      (users) => current && setState({ users }),
      (error) => current && setState({ error: failure(error) }),
    );
    return () => {
      current = false;
    };
  }, [online]);
  return state;
}

/** Administrators only, and only with a network: otherwise a notice says why. */
export function UsersFrame(props: { title: string; children: () => ComponentChildren }) {
  return (
    <OnlineScreen
      {...props}
      action="users.manage"
      notAllowed="users.admins_only"
      offline="users.offline"
    />
  );
}
