/**
 * Property-based tests of the reference's cookie handling: whatever Cookie header arrives, the
 * Site answers without an exception or a 5xx, and never hands a visitor a session the visitor
 * does not hold, nor one that ended. Headers are built from the pieces real ones are made of
 * (names, separators, live, ended and forged ids, quotes, percent-encoding) and from raw text.
 */
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { Agent, request } from "undici";
import { ManualClock } from "../../reference/clock.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { type Listening, listen } from "../../reference/server.ts";
import type { Session } from "../../reference/session.ts";
import type { Site } from "../../reference/site.ts";
import { RecordedResponse } from "../support/recordedResponse.ts";

/** Headers sent through the Site itself: any string, as a proxy or another front end may hand it over. */
const RUNS_IN_PROCESS = 10_000;
/** Headers sent over real HTTP, through Node's parser: fewer, as each costs a round trip. */
const RUNS_OVER_HTTP = 5_000;
const SHOW = /Your session id is: ([0-9a-f]{64})/;

interface Known {
  site: Site;
  clock: ManualClock;
  /** Sessions other visitors hold. */
  sessions: Session[];
  live: string[];
  ended: string;
  /** What the Site logged: an exception while answering would show here. */
  errors: string[];
}

/** A site with three live sessions and one that ended. */
function siteWithSessions(): Known {
  const errors: string[] = [];
  const clock = new ManualClock(1_000_000);
  const site = exampleSite({ clock, onEnding: () => {}, log: (line) => errors.push(line) });
  site.stopSweeping();
  const sessions = [site.makeSession(), site.makeSession(), site.makeSession()];
  const gone = site.makeSession();
  gone.expire();
  return { site, clock, sessions, live: sessions.map((s) => s.uid), ended: gone.uid, errors };
}

/**
 * Answer one request and check it. The clock moves 10 ms first (100 s over 10,000 runs, well
 * within the timeout), so a live session the request used shows a new `lastModified`.
 */
async function answerChecked(
  known: Known,
  header: string,
  answer: () => Promise<{ status: number; body: string; setCookie: string[] }>,
): Promise<void> {
  known.clock.advance(0.01);
  const before = known.sessions.map((s) => s.lastModified);
  const { status, body, setCookie } = await answer();
  checkAnswer(header, status, body, setCookie, known);
  for (const [i, session] of known.sessions.entries()) {
    if (session.lastModified !== before[i])
      assert.ok(
        holds(header, session.uid),
        `session ${session.uid} used for a visitor who does not hold it: Cookie: ${JSON.stringify(header)}`,
      );
  }
}

/** Header text made of real cookies' pieces, over `text` for free-form parts. */
function cookieHeader(ids: string[], text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const name = fc.oneof(
    fc.constantFrom(
      "TWISTED_SESSION",
      "TWISTED_SECURE_SESSION",
      "twisted_session",
      " TWISTED_SESSION ",
      "__proto__",
      "constructor",
      "",
      "other",
    ),
    text,
  );
  const id = fc.constantFrom(...ids);
  const value = fc.oneof(
    id,
    id.map((uid) => `"${uid}"`),
    id.map((uid) => uid.toUpperCase()),
    id.map((uid) => uid.slice(0, 63)),
    id.map((uid) => `${uid}${uid.slice(0, 1)}`),
    id.map((uid) => [...uid].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }),
    fc.constantFrom("", '"', '""', "%", "%zz", "%00", "=", ";", "\\"),
    text,
  );
  const pair = fc.tuple(name, fc.constantFrom("=", "==", "", " = "), value).map(([n, eq, v]) => `${n}${eq}${v}`);
  const separator = fc.constantFrom("; ", ";", ";;", " ; ", ", ", "");
  const pairs = fc
    .array(fc.tuple(pair, separator), { maxLength: 8 })
    .map((list) => list.map(([p, s]) => p + s).join(""));
  return fc.oneof({ weight: 4, arbitrary: pairs }, { weight: 1, arbitrary: text });
}

/** Whether a visitor sending `header` holds `uid`: it is in the header, plainly or percent-encoded. */
function holds(header: string, uid: string): boolean {
  const decoded = header.replace(/%[0-9a-fA-F]{2}/g, (encoded) => String.fromCharCode(parseInt(encoded.slice(1), 16)));
  return header.includes(uid) || decoded.includes(uid);
}

/** What a visitor sending `header` may be shown: a new session, or a live one it holds. */
function checkAnswer(header: string, status: number, body: string, setCookie: string[], known: Known): void {
  assert.ok(status < 500, `status ${status} for Cookie: ${JSON.stringify(header)}`);
  const shown = SHOW.exec(body)?.[1];
  if (!shown) return;
  assert.notEqual(shown, known.ended, `an ended session came back for Cookie: ${JSON.stringify(header)}`);
  if (known.live.includes(shown))
    assert.ok(
      holds(header, shown),
      `session ${shown} handed to a visitor who does not hold it: Cookie: ${JSON.stringify(header)}`,
    );
  for (const cookie of setCookie)
    assert.ok(
      !known.live.some((uid) => cookie.includes(uid)),
      `an existing session's cookie set for Cookie: ${JSON.stringify(header)}`,
    );
}

describe("the reference's cookie handling, over HTTP", () => {
  let known: Known;
  let server: Listening;
  let agent: Agent;

  before(async () => {
    known = siteWithSessions();
    server = await listen(known.site);
    agent = new Agent({ connections: 4 });
  });

  after(async () => {
    await agent.close();
    await server.close();
  });

  it(`answers ${RUNS_OVER_HTTP} generated Cookie headers without a 5xx and without handing out a session the visitor does not hold`, async () => {
    // What HTTP carries: visible ASCII, tab and obs-text bytes (sent as latin1), UTF-8 included.
    const onTheWire = fc.string({
      unit: fc
        .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constant(0x09), fc.integer({ min: 0x80, max: 0xff }))
        .map((c) => String.fromCharCode(c)),
      maxLength: 40,
    });
    const utf8 = fc.string({ unit: "grapheme", maxLength: 10 }).map((s) => Buffer.from(s, "utf8").toString("latin1"));
    const header = cookieHeader([...known.live, known.ended], fc.oneof(onTheWire, utf8));
    await fc.assert(
      fc.asyncProperty(header, fc.constantFrom("/", "/counter"), (cookie, path) =>
        answerChecked(known, cookie, async () => {
          const response = await request(new URL(path, server.url), { headers: { cookie }, dispatcher: agent });
          return {
            status: response.statusCode,
            body: await response.body.text(),
            setCookie: [response.headers["set-cookie"] ?? []].flat(),
          };
        }),
      ),
      { numRuns: RUNS_OVER_HTTP },
    );
    assert.deepEqual(known.errors, []);
  });
});

describe("the reference's cookie handling, in process", () => {
  it(`answers ${RUNS_IN_PROCESS} arbitrary Cookie strings (control characters and lone surrogates included) without an exception`, async () => {
    const known = siteWithSessions();
    // Any code point, lone surrogates included, mostly ASCII (fast-check's "binary" unit costs seconds to set up).
    const codePoint = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
      fc.integer({ min: 0x80, max: 0xffff }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
    );
    const header = cookieHeader(
      [...known.live, known.ended],
      fc.string({ unit: codePoint.map((c) => String.fromCodePoint(c)), maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(header, fc.constantFrom("/", "/counter"), fc.boolean(), (cookie, path, secure) =>
        answerChecked(known, cookie, async () => {
          const response = new RecordedResponse();
          const message = { method: "GET", url: path, headers: { cookie } } as unknown as IncomingMessage;
          await known.site.handle(message, response.asServerResponse, secure);
          return { status: response.statusCode, body: response.body, setCookie: response.setCookie() };
        }),
      ),
      { numRuns: RUNS_IN_PROCESS },
    );
    assert.deepEqual(known.errors, []);
  });
});
