/**
 * What `session-conformance init` learns from a running server before it writes a target file:
 * the session cookie, where the show page prints the session id, and which optional pages of
 * the page contract answer. Every request is bounded in time; nothing here judges conformance.
 */
import { parseSetCookie } from "cookie";
import { Agent, request } from "undici";
import { CONTROL_ROUTES, COUNTER_PATTERN, PAGE_PATHS, slowText } from "../lib/pages.ts";

export interface Answer {
  status: number;
  body: string;
  /** The cookies the response set, by name. */
  cookies: Map<string, string>;
}

/** Requests with their own connection pool, closed by `close()`, and a 5 s bound on each. */
export class Prober {
  private readonly agent = new Agent({
    connectTimeout: 5_000,
    keepAliveTimeout: 1_000,
  });

  /** @throws the connection error (its `code`, e.g. ECONNREFUSED, says why) */
  async fetch(url: URL, options: { cookies?: Map<string, string>; method?: string } = {}): Promise<Answer> {
    const cookie = [...(options.cookies ?? [])].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await request(url, {
      method: (options.method ?? "GET") as "GET",
      headers: cookie ? { cookie } : {},
      dispatcher: this.agent,
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    const body = await response.body.text();
    const raw = response.headers["set-cookie"];
    const cookies = new Map<string, string>();
    for (const line of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      const parsed = parseSetCookie(line);
      if (parsed.name) cookies.set(parsed.name, parsed.value ?? "");
    }
    return { status: response.statusCode, body, cookies };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** What the probe found; undefined fields were not found. */
export interface Findings {
  showUrl: URL;
  /** Cookie names the first visit set. */
  cookieNames: string[];
  /** The session cookie, when one cookie of the first visit is it. */
  cookieName?: string;
  uid?: string;
  uidPattern?: string;
  expire?: string;
  counter?: string;
  notify?: string;
  endings?: string;
  slow?: string;
  clockAdvance?: string;
}

/** Characters that end a token in a page: white space, markup and separators. */
const SEPARATORS = /[\s<>"'&;,()[\]{}]+/;
const MIN_UID_LENGTH = 8;

/**
 * Visit the show page three times (new visitor, the same visitor again, another new visitor),
 * then try each optional page of the page contract.
 * @throws the connection error when the server cannot be reached
 */
export async function probe(prober: Prober, showUrl: URL): Promise<Findings> {
  const first = await prober.fetch(showUrl);
  const again = await prober.fetch(showUrl, { cookies: first.cookies });
  const other = await prober.fetch(showUrl);
  const findings: Findings = {
    showUrl,
    cookieNames: [...first.cookies.keys()],
  };
  const tokens = uidTokens(first.body, again.body, other.body);
  findings.uid = tokens?.uid;
  if (tokens) findings.uidPattern = patternFor(first.body, tokens.uid, other.body, tokens.otherUid);
  findings.cookieName = sessionCookie(first.cookies, other.cookies, findings.uid);
  const page = (path: string) => new URL(path, showUrl);
  if (findings.uid && (await expires(prober, showUrl, page(PAGE_PATHS.expire), first.cookies, findings.uidPattern)))
    findings.expire = PAGE_PATHS.expire;
  if (await counts(prober, page(PAGE_PATHS.counter))) findings.counter = PAGE_PATHS.counter;
  if (ok(await prober.fetch(page(PAGE_PATHS.notify))) && ok(await prober.fetch(page(CONTROL_ROUTES.endings)))) {
    [findings.notify, findings.endings] = [PAGE_PATHS.notify, CONTROL_ROUTES.endings];
  }
  const slow = await prober.fetch(page(PAGE_PATHS.slow.replace("{ms}", "1")));
  if (ok(slow) && slow.body.includes(slowText(1))) findings.slow = PAGE_PATHS.slow;
  const [method, path] = CONTROL_ROUTES.clockAdvance.split(" ") as [string, string];
  if (ok(await prober.fetch(page(path.replace("{seconds}", "0")), { method })))
    findings.clockAdvance = CONTROL_ROUTES.clockAdvance;
  return findings;
}

const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

/**
 * The uid: the longest token the same visitor sees twice and another visitor does not see at
 * the same place; with the other visitor's token there.
 */
export function uidTokens(first: string, again: string, other: string): { uid: string; otherUid: string } | undefined {
  const [a, b, c] = [first, again, other].map((body) => body.split(SEPARATORS).map((t) => t.replace(/[.:!?]+$/, "")));
  if (a!.length !== b!.length || a!.length !== c!.length) return undefined;
  const at = a!.map((_, i) => i).filter((i) => a![i]!.length >= MIN_UID_LENGTH && a![i] === b![i] && a![i] !== c![i]);
  const best = at.sort((x, y) => a![y]!.length - a![x]!.length)[0];
  return best === undefined ? undefined : { uid: a![best]!, otherUid: c![best]! };
}

/**
 * A regular expression whose first group is the uid: the text both pages have before it on its
 * line (up to 40 characters), then the narrowest character class that holds it; it must find
 * both visitors' uids.
 */
export function patternFor(body: string, uid: string, otherBody: string, otherUid: string): string | undefined {
  const before = (text: string, token: string) => {
    const at = text.indexOf(token);
    return text.slice(text.lastIndexOf("\n", at) + 1, at);
  };
  const [mine, theirs] = [before(body, uid), before(otherBody, otherUid)];
  let common = 0;
  while (common < Math.min(mine.length, theirs.length, 40) && mine.at(-1 - common) === theirs.at(-1 - common)) common++;
  let prefix = mine.slice(mine.length - common);
  if (common === 40) prefix = prefix.replace(/^\S*\s/, "");
  const classes = /^[0-9a-fA-F]+$/.test(uid) ? ["[0-9a-fA-F]", "[\\w-]"] : /^[\w-]+$/.test(uid) ? ["[\\w-]"] : [];
  for (const chars of [...classes, `[^\\s<>"'&;,]`]) {
    const source = `${escapeText(prefix)}(${chars}{${MIN_UID_LENGTH},})`;
    const pattern = new RegExp(source);
    if (pattern.exec(body)?.[1] === uid && pattern.exec(otherBody)?.[1] === otherUid) return source;
  }
  return undefined;
}

function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The cookie that names the session: the only one, or the one whose value holds the uid or differs per visitor. */
function sessionCookie(
  first: Map<string, string>,
  other: Map<string, string>,
  uid: string | undefined,
): string | undefined {
  const names = [...first.keys()];
  if (names.length <= 1) return names[0];
  const holding = names.filter((n) => uid && decodeURIComponent(first.get(n)!).includes(uid));
  if (holding.length === 1) return holding[0];
  const differing = names.filter((n) => other.has(n) && other.get(n) !== first.get(n));
  return differing.length === 1 ? differing[0] : undefined;
}

/** Whether visiting the expire page gives the visitor a new uid on the show page. */
export async function expires(
  prober: Prober,
  showUrl: URL,
  expireUrl: URL,
  cookies: Map<string, string>,
  uidPattern: string | undefined,
): Promise<boolean> {
  if (!uidPattern) return false;
  const uidOf = (body: string) => new RegExp(uidPattern).exec(body)?.[1];
  const before = uidOf((await prober.fetch(showUrl, { cookies })).body);
  const expired = await prober.fetch(expireUrl, { cookies });
  if (expired.status >= 400) return false;
  const after = await prober.fetch(showUrl, {
    cookies: new Map([...cookies, ...expired.cookies]),
  });
  return before !== undefined && uidOf(after.body) !== undefined && uidOf(after.body) !== before;
}

/** Whether the counter page counts 1, then 2, for one visitor. */
async function counts(prober: Prober, url: URL): Promise<boolean> {
  const first = await prober.fetch(url);
  if (!ok(first)) return false;
  const second = await prober.fetch(url, { cookies: first.cookies });
  return COUNTER_PATTERN.exec(first.body)?.[1] === "1" && COUNTER_PATTERN.exec(second.body)?.[1] === "2";
}
