/**
 * The target file `session-conformance init` writes: JSONC (JSON with comments, as tsconfig.json
 * is), so each key is explained where it stands and each page not found is there to switch on
 * by removing its `//`. The target-file reader accepts comments and trailing commas.
 */
import type { Findings } from "./initProbe.ts";

export interface FileChoices {
  name: string;
  sessionTimeoutSeconds: number;
  /** Whether the timeout came from the command line rather than being a default. */
  timeoutGiven: boolean;
}

/** One key: written live, or commented out when the probe did not find it. */
interface Entry {
  comment: string;
  key: string;
  value: unknown;
  live: boolean;
}

export function targetFileText(found: Findings, choices: FileChoices, command: string): string {
  const origin = found.showUrl.origin;
  const notFound = (what: string) => `not found: ${what}; remove the // if your server has one`;
  const paths: Entry[] = [
    {
      comment: `shows the session id${found.uid ? "" : " (NO id found there: fix uidPattern or this path)"}`,
      key: "show",
      value: found.showUrl.pathname + found.showUrl.search,
      live: true,
    },
    {
      comment: found.expire
        ? "ends the session (checked: the next visit got a new id)"
        : "ends the session (NOT confirmed: the next visit kept its id; set the right page)",
      key: "expire",
      value: found.expire ?? "/expire",
      live: true,
    },
    {
      comment: found.counter
        ? "counts visits in an object stored in the session (STORE-*)"
        : notFound("a page counting visits in the session (STORE-*)"),
      key: "counter",
      value: "/counter",
      live: !!found.counter,
    },
    {
      comment: found.notify
        ? "asks to be told when the session ends (END-*)"
        : notFound("a page asking to be told when the session ends, with the endings page below (END-*)"),
      key: "notify",
      value: found.notify ?? "/logme",
      live: !!found.notify,
    },
    {
      comment: "lists one `Session <uid> has expired.` line per ended session",
      key: "endings",
      value: found.endings ?? "/_endings",
      live: !!found.endings,
    },
    {
      comment: found.slow
        ? "holds the session {ms} milliseconds, then writes to it (SEC-5)"
        : notFound("a page holding the session {ms} ms (SEC-5)"),
      key: "slow",
      value: found.slow ?? "/slow?ms={ms}",
      live: !!found.slow,
    },
  ];
  const cookieNote =
    found.cookieNames.length === 0
      ? "the first visit set NO cookie"
      : `the first visit set ${found.cookieNames.join(", ")}`;
  const timeoutNote = choices.timeoutGiven
    ? "the idle timeout your server is configured with"
    : "CHECK: the idle timeout your server is configured with (a guess; `init --timeout S` sets it)";
  const top: Entry[] = [
    {
      comment: "the name shown in reports",
      key: "name",
      value: choices.name,
      live: true,
    },
    {
      comment: "the plain-HTTP origin",
      key: "baseUrl",
      value: origin,
      live: true,
    },
    {
      comment: "an HTTPS origin: every scenario then runs over HTTPS too, and COOKIE-4 applies",
      key: "httpsBaseUrl",
      value: "https://127.0.0.1:8443",
      live: false,
    },
    {
      comment: "which page plays which part",
      key: "paths",
      value: paths,
      live: true,
    },
    {
      comment: `its first group is the session id in the show page${found.uid ? ` (found ${JSON.stringify(found.uid)})` : " (NOT found: write it by hand)"}`,
      key: "uidPattern",
      value: found.uidPattern ?? "Your session id is: (\\S+)",
      live: true,
    },
    {
      comment: "its first group is the count on the counter page",
      key: "counterPattern",
      value: "Visit #(\\d+) for you!",
      live: !!found.counter,
    },
    {
      comment: timeoutNote,
      key: "sessionTimeoutSeconds",
      value: choices.sessionTimeoutSeconds,
      live: true,
    },
    {
      comment: `the session cookie's name (${cookieNote}); without it, the suite takes every cookie a first visit sets`,
      key: "cookieName",
      value: found.cookieName ?? "SESSION",
      live: !!found.cookieName,
    },
    {
      comment: found.clockAdvance
        ? "moves the server's clock, so timeouts take no real time"
        : notFound(
            "a route moving the server's clock; without it, timeouts wait in real time (sessionTimeoutSeconds at most 120)",
          ),
      key: "clock",
      value: {
        advance: found.clockAdvance ?? "POST /_clock/advance?seconds={seconds}",
      },
      live: !!found.clockAdvance,
    },
  ];
  return [
    `// A session-conformance target file, written by \`${command}\` from what ${origin} answered.`,
    '// Every key is described in the README ("Pointing it at your own server"). Check it, then run:',
    "//   npx session-conformance --target <this file>",
    ...render(top, ""),
    "",
  ].join("\n");
}

function render(entries: Entry[], indent: string): string[] {
  const inner = `${indent}  `;
  const lastLive = entries.findLastIndex((e) => e.live);
  const lines = entries.flatMap((entry, i) => {
    const comma = i === lastLive || !entry.live ? "" : ",";
    const off = entry.live ? "" : "// ";
    const head = `${inner}${off}${JSON.stringify(entry.key)}: `;
    if (Array.isArray(entry.value)) {
      const [open, ...rest] = render(entry.value as Entry[], inner);
      return [`${inner}// ${entry.comment}`, `${head}${open}`, ...rest.slice(0, -1), `${rest.at(-1)}${comma}`];
    }
    return [`${inner}// ${entry.comment}`, `${head}${JSON.stringify(entry.value)}${off ? "," : comma}`];
  });
  return ["{", ...lines, `${indent}}`];
}
