import { Agent, request } from "undici";
import type { Target } from "../../adapters/target.ts";
import { type Actor, Note } from "../actors/actor.ts";
import { uidIn } from "../questions/uid.ts";
import { CannotJudge, fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** Session ids from many first visits, in the order the answers arrived. */
export interface Collection {
  uids: string[];
  /** How many visits were in flight at once. */
  parallelism: number;
  ms: number;
  /** Whether the sample was taken for an earlier scenario of the run and is shared with it. */
  shared?: boolean;
}

/** The ids a crowd of first visitors was given. */
/** The actor standing for many first visitors at once. */
export const CROWD = "Visitors";

export const ISSUED = new Note<string[]>("the session ids many first visits were given");

/**
 * Make `count` first visits to the show page without any cookie, `parallelism` at a time, and
 * read the session id each shows. Only an answer that shows none goes into the transcript, so
 * a thousand visits do not bury it.
 */
async function collectFirstVisits(world: SessionWorld, count: number, parallelism: number): Promise<Collection> {
  const url = world.url("show");
  const agent = new Agent({
    connect: world.target.connection.tlsCa ? { ca: world.target.connection.tlsCa } : undefined,
    connections: parallelism,
    connectTimeout: 5_000,
  });
  const uids: string[] = [];
  const started = performance.now();
  const visit = async () => {
    const response = await request(url, { dispatcher: agent, headersTimeout: 15_000, bodyTimeout: 15_000 }).catch(
      (error: Error) => {
        throw new CannotJudge(
          `a first visit of the sample got no answer after ${uids.length} good ones: ${error.message}`,
        );
      },
    );
    const body = await response.body.text();
    const uid = uidIn(world, { status: response.statusCode, body });
    if (uid) return void uids.push(uid);
    world.transcript.record({
      actor: `first visitor ${uids.length + 1}`,
      method: "GET",
      url: url.href,
      requestHeaders: {},
      status: response.statusCode,
      body,
    });
    fail(
      "each first visit shows a session id",
      `status 200 and a body matching ${world.target.pages.uidPattern}`,
      `status ${response.statusCode} after ${uids.length} good answers`,
    );
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
 * The run's sample of first visits for the statistical requirements (SEC-1, SEC-2): taken by the
 * first scenario that asks, then shared by the others on the same target and transport, as a
 * costly resource is. A failed collection is not kept, so each asker sees its failure.
 */
export async function collectSample(world: SessionWorld, crowd: Actor): Promise<Collection> {
  const { entropySamples: count, collectParallelism: parallelism } = world.thresholds;
  const byKey = samples.get(world.target) ?? new Map<string, Promise<Collection>>();
  samples.set(world.target, byKey);
  const key = `${world.url("show").href} ${count} ${parallelism}`;
  const taken = byKey.get(key);
  const collection = taken
    ? { ...(await taken), shared: true }
    : await remember(byKey, key, collectFirstVisits(world, count, parallelism));
  crowd.note(ISSUED, collection.uids);
  return collection;
}

function remember(
  byKey: Map<string, Promise<Collection>>,
  key: string,
  collecting: Promise<Collection>,
): Promise<Collection> {
  byKey.set(key, collecting);
  collecting.catch(() => byKey.delete(key));
  return collecting;
}

/** A collection's figures for the report. */
export function describeCollection(collection: Collection): string {
  const when = collection.shared ? "the run's shared sample, taken" : "taken";
  return `${collection.uids.length} first visits without a cookie, ${collection.parallelism} at a time (${when} in ${collection.ms.toFixed(0)} ms)`;
}
