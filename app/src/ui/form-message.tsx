// What happened after an editor's action (saved, sent, refused), in a box that takes the focus so
// a screen reader says it; each refused field is a link that moves the focus to its control.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

export interface FormMessageText {
  kind: "success" | "error";
  text: string;
  /** Refused fields, each a link to its control. */
  fields?: { path: string; text: string }[];
}

export function FormMessage(props: {
  message: FormMessageText;
  /** Changes with each new message, so the box takes the focus again. */
  count: number;
  /** The id of a field's control in this form. */
  controlId: (path: string) => string;
  /** Anything more the box offers (a button). */
  children?: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [props.count]);
  const { message, controlId } = props;
  return (
    <div
      ref={box}
      tabIndex={-1}
      class={`notice notice--${message.kind === "success" ? "info" : "error"} content-message`}
      role={message.kind === "error" ? "alert" : "status"}
    >
      <p>{message.text}</p>
      {message.fields?.length ? (
        <ul>
          {message.fields.map((field) => (
            <li key={field.path}>
              <a
                href={`#${controlId(field.path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(controlId(field.path))?.focus();
                }}
              >
                {field.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {props.children}
    </div>
  );
}
