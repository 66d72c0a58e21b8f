import { haveRedis } from "../../adapters/reference-cluster/redisServer.ts";

/**
 * `false` when redis-server is installed, else the one line a skipped Redis test shows. Under
 * CI=true a missing redis-server is an error: CI installs it, so its absence is a broken setup.
 */
export async function redisSkip(): Promise<false | string> {
  if (await haveRedis()) return false;
  if (process.env.CI === "true")
    throw new Error("redis-server is not installed, and CI must install it (apt-get install redis-server)");
  return "redis-server is not installed (apt-get install redis-server): Redis tests skipped";
}
