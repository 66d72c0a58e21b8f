import { Agent, request } from "undici";
import type { Target } from "../../adapters/target.ts";
import { fail } from "./verify.ts";
import type { SessionWorld } from "./world.ts";

/** Session ids from many first visits, in the order the answers arrived. */
export interface Collection {
  uids: string[];
  /** How many visits were in flight at once. */
  parallelism: number;
  ms: number;
  /** Whether the sample was taken for an earlier scenario of the run and is shared with it. */
  shared?: boolean;
}

/**
 * Make `count` first visits to the show page, each without any cookie, `parallelism` at a
 * time, and read the session id each answer shows. Only an answer that shows none goes into
 * the transcript, so a thousand visits do not bury it.
 * @throws ConformanceFailure at the first answer that shows no session id
 */
export async function collectFirstVisits(world: SessionWorld, count: number, parallelism: number): Promise<Collection> {
  const url = world.url("show");
  const agent = new Agent({ connect: world.target.tlsCa ? { ca: world.target.tlsCa } : undefined, connections: parallelism, connectTimeout: 5_000 });
  const uids: string[] = [];
  const started = performance.now();
  const visit = async () => {
    const response = await request(url, { dispatcher: agent, headersTimeout: 15_000, bodyTimeout: 15_000 });
    const body = await response.body.text();
    const uid = response.statusCode === 200 ? world.target.uidPattern.exec(body)?.[1] : undefined;
    if (uid) return void uids.push(uid);
    world.transcript.record({ actor: `first visitor ${uids.length + 1}`, method: "GET", url: url.href, requestHeaders: {}, status: response.statusCode, body });
    fail("each first visit shows a session id", `status 200 and a body matching ${world.target.uidPattern}`, `status ${response.statusCode} after ${uids.length} good answers`);
  };
  let left = count - 1;
  const visitor = async () => {
    while (left > 0) {
      left--;
      await visit();
    }
  };
  try {
    // One visit alone first: its TLS session lets the parallel connections resume, not renegotiate.
    await visit();
    await Promise.all(Array.from({ length: Math.min(parallelism, count - 1) }, visitor));
  } finally {
    await agent.destroy();
  }
  return { uids, parallelism, ms: performance.now() - started };
}

const samples = new WeakMap<Target, Map<string, Promise<Collection>>>();

/**
 * The run's sample of first visits for the statistical requirements (SEC-1, SEC-2): taken by
 * the first scenario that asks, then shared by the others on the same target and transport,
 * as a costly resource is. A failed collection is not kept, so each asker sees its failure.
 */
export async function sharedSample(world: SessionWorld, count: number, parallelism: number): Promise<Collection> {
  const byKey = samples.get(world.target) ?? new Map<string, Promise<Collection>>();
  samples.set(world.target, byKey);
  const key = `${world.origin.href} ${count} ${parallelism}`;
  const taken = byKey.get(key);
  if (taken) return { ...(await taken), shared: true };
  const collecting = collectFirstVisits(world, count, parallelism);
  byKey.set(key, collecting);
  collecting.catch(() => byKey.delete(key));
  return collecting;
}

/** Run `visit` `times` times at once and wait for every one. */
export function atOnce<T>(times: number, visit: () => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: times }, visit));
}

/** A collection's figures for the report. */
export function describeCollection(collection: Collection): string {
  const when = collection.shared ? "the run's shared sample, taken" : "taken";
  return `${collection.uids.length} first visits without a cookie, ${collection.parallelism} at a time (${when} in ${collection.ms.toFixed(0)} ms)`;
}

/** Ids that appear more than once in `ids`. */
export function repeatedIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}
