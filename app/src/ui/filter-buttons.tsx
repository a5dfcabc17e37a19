// The two buttons under a list's filters: apply them (the form's submit) and clear them all.
export function FilterButtons(props: {
  apply: string;
  clear: string;
  /** While a page is loading, applying again waits. */
  disabled?: boolean;
  onClear: () => void;
}) {
  return (
    <div class="actions">
      <button type="submit" class="button button--primary" disabled={props.disabled}>
        {props.apply}
      </button>
      <button type="button" class="button" onClick={props.onClear}>
        {props.clear}
      </button>
    </div>
  );
}
