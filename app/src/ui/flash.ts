// One short message at a time ("Saved on this phone"), shown by the screen frame for a few seconds.
import { useEffect, useState } from "preact/hooks";

let current: string | undefined;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

export function flash(message: string): void {
  current = message;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    current = undefined;
    for (const listener of listeners) listener();
  }, 4000);
  for (const listener of listeners) listener();
}

export function useFlash(): string | undefined {
  const [message, setMessage] = useState(current);
  useEffect(() => {
    const listener = () => setMessage(current);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return message;
}
