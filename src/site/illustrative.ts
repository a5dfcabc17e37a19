// Which projects' public figures are partly made up. The demo project reproduces a real report
// whose published results are totals only; its per-site reach (and so its reach rates) comes from
// generated demo records and must be labelled as such. Every other project's figures are real.
import { DEMO_PROJECT_SLUG } from "../demo/service.js";

export function hasIllustrativeFigures(projectSlug: string): boolean {
  return projectSlug === DEMO_PROJECT_SLUG;
}
