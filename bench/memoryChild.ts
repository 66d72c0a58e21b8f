/**
 * Child process of memory.ts (run with --expose-gc): N live sessions made directly through the
 * reference Site's API, and the memory they hold after a full collection, minus a baseline
 * taken after a warm-up that made and dropped sessions the same way.
 * Usage: memoryChild.ts <sessions>
 */

import { exampleSite } from "../reference/examples/exampleSite.ts";
import { collectGarbage } from "./child.ts";

const sessions = Number(process.argv[2]);
if (!(sessions > 0)) throw new Error("usage: memoryChild.ts <sessions>");

// Warm-up: compile the hot paths and grow the young generation as the real run will.
warmUp(Math.min(sessions, 50_000));
collectGarbage();
const before = process.memoryUsage();

const site = exampleSite({ onEnding: () => {} });
const started = performance.now();
for (let i = 0; i < sessions; i++) site.makeSession();
const makeMs = performance.now() - started;
collectGarbage();
const after = process.memoryUsage();
const live = site.store.size() as number;
if (live !== sessions) throw new Error(`expected ${sessions} live sessions, the store holds ${live}`);
site.stopSweeping();

console.log(
  JSON.stringify({
    sessions: live,
    rssPerSession: (after.rss - before.rss) / live,
    heapPerSession: (after.heapUsed + after.external - before.heapUsed - before.external) / live,
    makeMicros: (makeMs * 1000) / live,
  }),
);

function warmUp(count: number): void {
  const warm = exampleSite({ onEnding: () => {} });
  for (let i = 0; i < count; i++) warm.makeSession();
  warm.stopSweeping();
}
