import type { Page } from "../abilities/browse.ts";
import type { Actor } from "../actors/actor.ts";
import { check, fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** Read the number a counter page shows and add it to what `actor` saw. */
export function noteCount(world: SessionWorld, actor: Actor, page: Pick<Page, "status" | "body">): number {
  const pattern = world.target.pages.counterPattern;
  const match = page.status === 200 ? pattern?.exec(page.body) : undefined;
  if (!match?.[1])
    fail(
      "the counter page shows a count",
      `status 200 and a body matching ${pattern}`,
      `status ${page.status}, body ${JSON.stringify(page.body.slice(0, 200))}`,
    );
  const count = Number(match[1]);
  actor.counts.push(count);
  return count;
}

/** The counts `actor` saw are exactly `expected`. */
export function expectCounts(actor: Actor, expected: readonly number[]): void {
  const counts = actor.counts.join(", ");
  check(
    counts === expected.join(", "),
    "the counter stored in the session counts as the session lives",
    expected.join(", "),
    counts,
  );
}

/** Every visit was counted: the counts are 1..n, each once, however the visits overlapped. */
export function expectEveryVisitCounted(actor: Actor): void {
  const { counts } = actor;
  const distinct = new Set(counts).size;
  const expected = `${counts.length} distinct counts, the last ${counts.length}`;
  check(
    counts.at(-1) === counts.length && distinct === counts.length,
    "every visit is counted, however many overlap",
    expected,
    `${distinct} distinct counts, the last ${counts.at(-1)}`,
  );
}
