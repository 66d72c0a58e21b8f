/**
 * Control servers: the mini server unbroken, in designs other than the reference's. Each is
 * correct, so each must pass every requirement it implements; a verdict other than pass on
 * one of them is a false failure of the suite. Exceptions are listed with their reason.
 */
import type { MiniOptions } from "./flaws.ts";

export interface Control {
  /** What makes it unusual, and which real servers work this way. */
  about: string;
  options: MiniOptions;
  /** A cucumber tag expression when only some requirements apply (real time); all otherwise. */
  tags?: string;
  /** Requirements it may legitimately not pass, with the verdict it must get and why. */
  except?: Record<string, { verdict: string; why: string }>;
}

export const CONTROLS: Record<string, Control> = {
  "mini server": {
    about: "256-bit hex ids, a browser-session cookie, a movable clock; over HTTP and HTTPS",
    options: { overHttps: true },
  },
  "base64url ids": {
    about: "128-bit ids in 22 base64url symbols, the last holding 2 bits (uid-safe, Rails)",
    options: { idEncoding: "base64url" },
  },
  "base32 ids": {
    about: "160-bit ids in 32 symbols of 0-9a-v (PHP, sid_bits_per_character=5)",
    options: { idEncoding: "base32" },
  },
  "base32-128 ids": {
    about: "128-bit ids in 26 RFC 4648 base32 symbols, the last holding 3 bits",
    options: { idEncoding: "base32-128" },
  },
  "base36 ids": {
    about: "32 symbols of [a-z0-9] each drawn alone, about 165 bits (Django)",
    options: { idEncoding: "base36" },
  },
  "prefixed-uuid ids": {
    about: '"node7-" then 128 random bits laid out as a UUID (a cluster node prefix)',
    options: { idEncoding: "prefixed-uuid" },
  },
  "upper-hex ids": { about: "128-bit ids in 32 upper-case hex digits (Tomcat)", options: { idEncoding: "upper-hex" } },
  "per-session locking": {
    about:
      "serialises the requests of one session (PHP file sessions, ASP.NET, Java synchronized handlers): the cure for express-session #632",
    options: { locking: true },
  },
  "rolling expires": {
    about: "Expires and Max-Age a timeout ahead on every response (express-session rolling: true); over HTTP and HTTPS",
    options: { rollingExpires: true, overHttps: true },
    except: {
      "COOKIE-5": {
        verdict: "fail-may",
        why: "a rolling cookie is set on every response by design; COOKIE-5 is a MAY",
      },
    },
  },
  "cookie cleared on expire": {
    about:
      "answers the expire page with the cookie cleared (Max-Age=0), as Django's logout and PHP's documented logout do",
    options: { clearsCookieOnExpire: true },
  },
  "real time": {
    about:
      "no clock endpoint, a 2 s timeout, a sweep every 100 ms, a rolling cookie that a jar drops in real time; only the timeout requirements, over HTTP",
    options: { realTime: true, rollingExpires: true },
  },
  "two nodes": {
    about:
      "two nodes (two ports of one process) on one shared store, each restartable without losing a session: a cluster behind a load balancer; over HTTP",
    options: { nodes: 2 },
  },
};

/** Why the suite finds a requirement not applicable to a target, and whether a control lacks that (steps/world/hooks.ts). */
const CAPABILITY_REASONS: [RegExp, (options: MiniOptions) => boolean][] = [
  [/^an HTTPS requirement/, (o) => !o.overHttps],
  [/^the target declares a single node$/, (o) => (o.nodes ?? 1) < 2],
  // Only the built target of several nodes offers restartNode; a target file cannot.
  [/^the target cannot restart a node$/, (o) => (o.nodes ?? 1) < 2],
];

/** Whether every reason in `reason` (joined by "; ") is a capability `control` does not offer. */
export function lacksAllOf(control: Control, reason = ""): boolean {
  const parts = reason.split("; ").filter((part) => part !== "");
  return (
    parts.length > 0 &&
    parts.every((part) => CAPABILITY_REASONS.some(([pattern, lacks]) => pattern.test(part) && lacks(control.options)))
  );
}
