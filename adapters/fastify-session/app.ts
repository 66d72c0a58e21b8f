/**
 * The suite's page contract on Fastify with @fastify/cookie and @fastify/session, as their
 * READMEs set them up. Run in a child process by ./index.ts; deviations are in NOTES.md.
 */

import { randomBytes } from "node:crypto";
import { createServer, type RequestListener } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import fastifyCookie from "@fastify/cookie";
import fastifySession from "@fastify/session";
import Fastify from "fastify";
import { announce, listenTls, packageVersion, slowMs, timeoutMs, withControlRoutes } from "../frameworks/child.ts";

declare module "fastify" {
  interface Session {
    count?: number;
    slowVisits?: number;
  }
}

// The control routes sit in front of Fastify: the session plugin's hooks run on every route.
let handler: RequestListener | undefined;
const app = Fastify({
  serverFactory: (fastifyHandler) => {
    handler = fastifyHandler;
    return createServer(withControlRoutes(fastifyHandler));
  },
});
await app.register(fastifyCookie);
await app.register(fastifySession, {
  secret: randomBytes(32).toString("hex"), // required, at least 32 characters; fresh per process
  cookie: {
    secure: "auto", // per connection: the default (true) sends no cookie at all over plain HTTP
    maxAge: timeoutMs(), // without it sessions never time out
  },
});

app.get("/", async (request) => `Your session id is: ${request.session.sessionId}`);

app.get("/expire", async (request) => {
  await request.session.destroy();
  return "Your session has been expired.";
});

app.get("/counter", async (request) => {
  const count = (request.session.get("count") ?? 0) + 1;
  request.session.set("count", count);
  return `Visit #${count} for you!`;
});

// SEC-5's long request: it changes the session, and the plugin saves it when the answer ends.
app.get<{ Querystring: { ms?: string } }>("/slow", async (request) => {
  const ms = slowMs(request.query.ms);
  request.session.set("slowVisits", (request.session.get("slowVisits") ?? 0) + 1);
  await sleep(ms);
  return `Your session was held for ${ms} ms.`;
});

await app.listen({ port: 0, host: "127.0.0.1" });
announce(
  app.server,
  `${packageVersion("fastify")} + ${packageVersion("@fastify/session")} + ${packageVersion("@fastify/cookie")}`,
  await listenTls(withControlRoutes(handler!)),
);
