// Screens are addressed by the URL's hash (#/client?id=…): the page itself never changes, so the
// service worker serves one file for every screen, and the back button works.
import { useEffect, useState } from "preact/hooks";

export interface Route {
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  return { path: path || "/", params: new URLSearchParams(query) };
}

export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return `#${path}${query ? `?${query}` : ""}`;
}

export function navigate(path: string, params: Record<string, string | undefined> = {}): void {
  location.hash = href(path, params);
}

/** After saving: back where the person came from (the browser's history), or home. */
export function goBack(): void {
  if (history.length > 1) history.back();
  else navigate("/");
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => {
      setRoute(parseHash(location.hash));
      // A new screen starts at its top, and keyboard users start at its heading.
      window.scrollTo(0, 0);
      requestAnimationFrame(() => document.querySelector<HTMLElement>("h1")?.focus());
    };
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
