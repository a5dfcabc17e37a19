// A list's answer from the server on its way: the error that stopped it, or a line saying it is
// still loading. The screens decide when each shows; this is how they look, the same everywhere.
import { Notice } from "./layout.js";

export function LoadState(props: {
  error: string | undefined;
  /** Whether the "loading" line shows. */
  loading: boolean;
  loadingText: string;
}) {
  return (
    <>
      {props.error ? (
        <Notice kind="error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      {props.loading ? <p class="muted">{props.loadingText}</p> : null}
    </>
  );
}
