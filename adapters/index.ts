import { referenceAdapter } from "./reference.ts";
import type { Adapter } from "./target.ts";

/** Adapters known by name; anything else given as a target is a target file. */
const builtIn: Record<string, () => Promise<Adapter>> = {
  reference: async () => referenceAdapter(),
  "reference-cluster": async () => (await import("./reference-cluster/index.ts")).referenceClusterAdapter(),
  "reference-cluster-quick": async () =>
    (await import("./reference-cluster/index.ts")).referenceClusterAdapter({ quick: true }),
  twisted: async () => (await import("./twisted/index.ts")).twistedAdapter,
  "express-session": async () => (await import("./express-session/index.ts")).expressSessionAdapter,
  "express-session-redis": async () => (await import("./express-session-redis/index.ts")).expressSessionRedisAdapter,
  "fastify-session": async () => (await import("./fastify-session/index.ts")).fastifySessionAdapter,
  "koa-session": async () => (await import("./koa-session/index.ts")).koaSessionAdapter,
  "koa-session-store": async () => (await import("./koa-session/index.ts")).koaSessionStoreAdapter,
  php: async () => (await import("./php/index.ts")).phpAdapter,
  django: async () => (await import("./django/index.ts")).djangoAdapter,
  flask: async () => (await import("./flask/index.ts")).flaskAdapter,
  tomcat: async () => (await import("./tomcat/index.ts")).tomcatAdapter,
  rack: async () => (await import("./rack/index.ts")).rackAdapter,
  "go-cookiestore": async () => (await import("./go/index.ts")).goCookieStoreAdapter,
  "go-filesystemstore": async () => (await import("./go/index.ts")).goFilesystemStoreAdapter,
};

/** The names of the built-in targets, for help texts. */
export const BUILT_IN_TARGETS = Object.keys(builtIn);

/**
 * The matrix's implementations, in column order: every built-in target but the full Redis
 * Cluster, whose three masters and real-time timeouts take minutes (reference-cluster-quick
 * runs the same two nodes on one Redis; `--target reference-cluster` runs the full one).
 */
export const MATRIX_TARGETS = BUILT_IN_TARGETS.filter((name) => name !== "reference-cluster");

/** Adapters made in code and known by name while registered (the self-test's mini server of several nodes). */
const registered = new Map<string, Adapter>();

/** Make `adapter` known as `name` to adapterFor, and so to a run; call the result to forget it. */
export function registerAdapter(name: string, adapter: Adapter): () => void {
  registered.set(name, adapter);
  return () => void registered.delete(name);
}

/** The adapter for a `--target` value: a registered or built-in name, or the path of a target file. */
export async function adapterFor(target: string): Promise<Adapter> {
  const known = registered.get(target);
  if (known) return known;
  const make = builtIn[target];
  return make ? make() : (await import("./targetFileAdapter.ts")).targetFileAdapter(target);
}
