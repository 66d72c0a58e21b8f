/**
 * One reference node on Redis (REDIS_URL), as `serve --store` runs it: the example site on the
 * wall clock, 900 s timeout, plain HTTP on 127.0.0.1, the secret from SESSION_STORE_SECRET.
 */
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { listen } from "../../reference/server.ts";
import { RedisSessionStore } from "../../reference/stores/redisStore.ts";
import { REFERENCE_VERSION } from "../../reference/version.ts";

const store = await new RedisSessionStore({
  url: process.env.REDIS_URL!,
  secret: Buffer.from(process.env.SESSION_STORE_SECRET!, "hex"),
}).connect();
const site = exampleSite({ store, onEnding: () => {}, log: () => {} });
const http = await listen(site, { port: Number(process.env.PORT ?? 0) });
process.on("SIGTERM", () => process.exit(0));
console.log(
  JSON.stringify({ ready: true, port: Number(http.url.port), version: `reference ${REFERENCE_VERSION} on Redis` }),
);
