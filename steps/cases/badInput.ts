/**
 * What broken clients, old browsers and attackers send in place of a session cookie, as
 * tables: each case is one value with a name, so a case is added by appending it. `N` is the
 * session cookie's name and `F` a forged value shaped like an issued one.
 */

/** One malformed Cookie header (ROBUST-1). */
export interface MalformedCookie {
  /** The case number: fixed once given, never reused, so ROBUST-1.<n> always names this case. */
  n: number;
  name: string;
  bytes(N: string, F: string): Buffer;
  /**
   * Why the server may refuse the whole request with a 4xx instead: a control byte, which RFC
   * 9110 5.5 allows in no field value (field-vchar = VCHAR / obs-text), or more cookies than a
   * server need accept (RFC 6265 6.1 asks for at least 50 per domain; Tomcat refuses over 200).
   */
  refusable?: string;
}

const text = (s: string) => Buffer.from(s, "latin1");
const utf8 = (s: string) => Buffer.from(s, "utf8");

export const MALFORMED_COOKIES: readonly MalformedCookie[] = [
  { n: 1, name: "an empty header", bytes: () => text("") },
  { n: 2, name: "only spaces", bytes: () => text("   ") },
  { n: 3, name: "an empty value", bytes: (N) => text(`${N}=`) },
  { n: 4, name: "a name without an equals sign", bytes: (N) => text(N) },
  { n: 5, name: "only an equals sign", bytes: () => text("=") },
  { n: 6, name: "an empty name", bytes: (_, F) => text(`=${F}`) },
  { n: 7, name: "only a semicolon", bytes: () => text(";") },
  { n: 8, name: "stray semicolons and spaces", bytes: (N, F) => text(`; ;; ${N}=${F};; ;`) },
  { n: 9, name: "stray equals signs", bytes: (N, F) => text(`${N}==${F}=; ==; a==b`) },
  { n: 10, name: "an empty quoted value", bytes: (N) => text(`${N}=""`) },
  { n: 11, name: "a quoted id", bytes: (N, F) => text(`${N}="${F}"`) },
  { n: 12, name: "an unbalanced quote", bytes: (N, F) => text(`${N}="${F}`) },
  { n: 13, name: "a quote inside the value", bytes: (N, F) => text(`${N}=${F.slice(0, 4)}"${F.slice(4)}`) },
  { n: 14, name: "a quoted name", bytes: (N, F) => text(`"${N}"=${F}`) },
  { n: 15, name: "backslash-escaped quotes", bytes: (N, F) => text(`${N}=\\"${F}\\"`) },
  {
    n: 16,
    name: "a comma-separated list, as RFC 2965 wrote it",
    bytes: (N, F) => text(`$Version=1, ${N}=${F}; $Path=/, other=1`),
  },
  { n: 17, name: "bad percent-encoding", bytes: (N) => text(`${N}=%E0%A4%A; x=%zz%`) },
  { n: 18, name: "a percent-encoded NUL", bytes: (N, F) => text(`${N}=%00${F}`) },
  { n: 19, name: "a second cookie percent-encoded in the value", bytes: (N, F) => text(`${N}=${F}%3B%20${N}%3D${F}`) },
  { n: 20, name: "a JSON value", bytes: (N, F) => text(`${N}={"uid":"${F}"}`) },
  { n: 21, name: "non-ASCII text in UTF-8", bytes: (N) => utf8(`${N}=été✓😀`) },
  {
    n: 22,
    name: "bytes that are not UTF-8",
    bytes: (N) => Buffer.concat([text(`${N}=`), Buffer.from([0xff, 0xfe, 0xc0, 0x80])]),
  },
  { n: 23, name: "a non-ASCII cookie name", bytes: (N, F) => utf8(`café=1; ${N}=${F}`) },
  { n: 24, name: "a tab inside the value", bytes: (N, F) => text(`${N}=${F.slice(0, 4)}\t${F.slice(4)}`) },
  { n: 25, name: "a control byte", bytes: (N, F) => text(`${N}=${F}\x01`), refusable: "a control byte" },
  { n: 26, name: "a DEL byte", bytes: (N, F) => text(`${N}=${F}\x7f`), refusable: "a control byte" },
  {
    n: 27,
    name: "a NUL byte",
    bytes: (N, F) => text(`${N}=${F.slice(0, 4)}\x00${F.slice(4)}`),
    refusable: "a control byte",
  },
  {
    n: 28,
    name: "a terminal escape sequence",
    bytes: (N, F) => text(`${N}=\x1b[31m${F}\x1b[0m`),
    refusable: "a control byte",
  },
  {
    n: 29,
    name: "names that are JavaScript object keys",
    bytes: (N, F) => text(`__proto__=1; constructor=2; hasOwnProperty=3; toString=4; ${N}=${F}`),
  },
  {
    n: 30,
    name: "the session name in other letter cases",
    bytes: (N, F) => text(`${N.toLowerCase()}=${F}; ${N.toUpperCase()}=${F}`),
  },
  { n: 31, name: "spaces around name and value", bytes: (N, F) => text(`   ${N}  =  ${F}   `) },
  { n: 32, name: "a very long value (4,000 bytes)", bytes: (N) => text(`${N}=${"A".repeat(4000)}`) },
  { n: 33, name: "a very long name (4,000 bytes)", bytes: (N, F) => text(`${"n".repeat(4000)}=1; ${N}=${F}`) },
  {
    n: 34,
    name: "a thousand cookies",
    bytes: (N, F) => text(`${Array.from({ length: 1000 }, (_, i) => `c${i}=${i}`).join("; ")}; ${N}=${F}`),
    refusable: "too many cookies",
  },
  {
    n: 35,
    name: "three hundred session cookies",
    bytes: (N) => text(Array.from({ length: 300 }, (_, i) => `${N}=${i}`).join("; ")),
    refusable: "too many cookies",
  },
];

/**
 * Cookie headers that name the session cookie twice (ROBUST-2), as a browser sends when it
 * holds two cookies of one name for different paths or domains (RFC 6265 5.4 orders them by
 * path length, then age, so either may come first). `own` is the sender's live session.
 */
export function duplicateSessionCookies(
  N: string,
  own: string,
  forged: string,
): Array<{ n: number; name: string; header: string; mustKeepOwn: boolean }> {
  return [
    { n: 1, name: "the same cookie twice", header: `${N}=${own}; ${N}=${own}`, mustKeepOwn: true },
    { n: 2, name: "the live cookie, then an unknown one", header: `${N}=${own}; ${N}=${forged}`, mustKeepOwn: false },
    { n: 3, name: "an unknown cookie, then the live one", header: `${N}=${forged}; ${N}=${own}`, mustKeepOwn: false },
    { n: 4, name: "an empty cookie, then the live one", header: `${N}=; other=1; ${N}=${own}`, mustKeepOwn: false },
    { n: 5, name: "the live cookie, then an empty one", header: `${N}=${own}; other=1; ${N}=`, mustKeepOwn: false },
  ];
}

/**
 * Addresses that offer a session id outside the cookie (SEC-3): in the query under the
 * cookie's own name and the names frameworks use, and as a path parameter, as Tomcat's
 * `;jsessionid=` is.
 */
export function idInAddress(show: URL, cookieName: string, id: string): URL[] {
  const names = [
    ...new Set([cookieName, "sessionid", "session_id", "session", "sid", "jsessionid", "JSESSIONID", "PHPSESSID"]),
  ];
  const inQuery = names.map((name) => withQuery(show, name, id));
  // Path parameters as Tomcat (`;jsessionid=`, lower case only) and others read them.
  const pathNames = [...new Set([cookieName, cookieName.toLowerCase(), "jsessionid", "sessionid"])];
  const inPath = pathNames.map(
    (name) => new URL(`${show.pathname};${name}=${encodeURIComponent(id)}${show.search}`, show),
  );
  return [...inQuery, ...inPath];
}

function withQuery(url: URL, name: string, value: string): URL {
  const copy = new URL(url);
  copy.searchParams.set(name, value);
  return copy;
}

/** A Cookie header of about `size` bytes, far beyond what any browser keeps (ROBUST-3). */
export function oversizedCookie(N: string, forged: string, size: number): Buffer {
  const pad = Math.max(size - N.length - forged.length - 8, 1);
  return text(`${N}=${forged}; pad=${"x".repeat(pad)}`);
}
