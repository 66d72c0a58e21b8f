import { CATALOGUE } from "../../lib/catalogue.ts";

/** Markers around the README's generated catalogue. */
export const CATALOGUE_START = "<!-- catalogue:start (generated from lib/catalogue.ts by `npm run catalogue`) -->";
export const CATALOGUE_END = "<!-- catalogue:end -->";

/** The requirement catalogue as a Markdown table: id, level, title, source, why it matters. */
export function catalogueMarkdown(): string {
  const rows = CATALOGUE.map((r) => `| ${r.id} | ${r.level} | ${r.title} | ${r.source} | ${r.rationale} |`);
  return ["| id | level | requirement | source | why it matters |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** `readme` with its catalogue section replaced by the current table. */
export function withCatalogue(readme: string): string {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start === -1 || end < start) throw new Error(`the README has no ${CATALOGUE_START} … ${CATALOGUE_END} section`);
  return `${readme.slice(0, start + CATALOGUE_START.length)}\n${catalogueMarkdown()}\n${readme.slice(end)}`;
}
