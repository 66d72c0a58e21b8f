/**
 * A valid session cookie for a server: one GET / without a cookie, then a check that sending
 * the cookie back shows the same session (same page, no new Set-Cookie from the reference).
 */
import { request } from "undici";

export interface SessionPage {
  /** `name=value`, as a Cookie header carries it. */
  cookie: string;
  /** The show page for that session: `Your session id is: …`. */
  body: string;
}

/**
 * Start a session on `baseUrl`.
 * @throws Error when the server sets no cookie or does not recognise it on the next request
 */
export async function startSession(baseUrl: URL): Promise<SessionPage> {
  const first = await get(baseUrl);
  const setCookie = first.setCookie[0];
  if (!setCookie) throw new Error(`${baseUrl.href}: a first visit set no cookie`);
  const page = { cookie: setCookie.split(";")[0]!, body: first.body };
  await checkSession(baseUrl, page);
  return page;
}

/**
 * Check that the cookie still names the same live session.
 * @throws Error when the page differs or the server answers with a new cookie named the same
 */
export async function checkSession(baseUrl: URL, page: SessionPage): Promise<void> {
  const again = await get(baseUrl, page.cookie);
  const name = page.cookie.split("=")[0]!;
  if (again.body !== page.body)
    throw new Error(
      `${baseUrl.href}: the session cookie was not recognised (${JSON.stringify(again.body.slice(0, 80))})`,
    );
  if (again.setCookie.some((c) => c.startsWith(`${name}=`) && c.split(";")[0] !== page.cookie)) {
    throw new Error(`${baseUrl.href}: the session cookie was replaced`);
  }
}

async function get(url: URL, cookie?: string): Promise<{ body: string; setCookie: string[] }> {
  const response = await request(url, {
    headers: cookie ? { cookie } : {},
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const body = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${url.href}: status ${response.statusCode}`);
  const header = response.headers["set-cookie"];
  return { body, setCookie: header === undefined ? [] : Array.isArray(header) ? header : [header] };
}
