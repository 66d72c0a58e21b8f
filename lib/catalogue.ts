/**
 * The requirement catalogue: every requirement the suite checks, with its level, its title (the
 * scenario's name), where it comes from and why it matters. The features must tag exactly these
 * ids and levels (the runner refuses an unknown tag), and the README's catalogue is generated
 * from this table (`npm run catalogue`; a test fails when the two differ).
 */
import type { Level } from "./levels.ts";

export interface Requirement {
  id: string;
  level: Level;
  title: string;
  source: string;
  rationale: string;
  /** One line a developer can act on when the requirement fails. */
  toFix: string;
}

export const CATALOGUE: readonly Requirement[] = [
  {
    id: "BASIC-1",
    level: "MUST",
    title: "A first visit creates a session",
    source: "Twisted, Session Basics",
    rationale: "Without a cookie and a visible id on the first visit, there is no session to test or to use.",
    toFix: "Make the session on the first request and send its cookie with that response.",
  },
  {
    id: "BASIC-2",
    level: "MUST",
    title: "Reloading the page keeps the same session",
    source: 'Twisted, Session Basics ("remains the same across reloads")',
    rationale: "A session that changes on reload logs users out and loses their data.",
    toFix: "Look the session up by the cookie the browser sends back; keep the id stable until it ends.",
  },
  {
    id: "BASIC-3",
    level: "MUST",
    title: "After the session is expired, the next visit starts a new one",
    source: 'Twisted, Session Basics ("visit the expire child … you have a new session")',
    rationale: "Logout must really end the session.",
    toFix: "On logout, delete the session on the server and issue a fresh id on the next visit.",
  },
  {
    id: "BASIC-4",
    level: "MUST",
    title: "Expiring one visitor's session leaves another visitor's session alone",
    source: "Twisted, Session Basics (one `Session` per visitor)",
    rationale: "One user's logout must not log anybody else out.",
    toFix: "End only the session the request's cookie names; never clear the whole store.",
  },
  {
    id: "BASIC-5",
    level: "MUST",
    title: "Flushing the session cookie starts a new session",
    source: 'Twisted, Session Basics ("until you flush the TWISTED_SESSION cookie")',
    rationale: "The cookie, not the client's address or connection, names the session.",
    toFix: "Name the session by its cookie alone, not by address, connection or other headers.",
  },
  {
    id: "BASIC-6",
    level: "MUST",
    title: "Staying away longer than the idle timeout starts a new session",
    source: 'Twisted, Session Basics ("or enough time passes"); ASVS 5.0 7.3.1',
    rationale: "An abandoned session must not live forever.",
    toFix: "Expire sessions on the server after the idle timeout; do not rely on the cookie's lifetime.",
  },
  {
    id: "BASIC-7",
    level: "MUST",
    title: "Visiting within the timeout keeps the session alive past one timeout",
    source: 'Twisted, Session Endings ("keep visiting it to keep your session active"); ASVS 5.0 7.3.1',
    rationale: "An idle timeout measures idleness: active users must not be logged out.",
    toFix: "Refresh the session's last-access time on every visit (sliding expiry).",
  },
  {
    id: "BASIC-8",
    level: "MUST",
    title: "A session id that was expired is never accepted again",
    source: "ASVS 5.0 7.4.1; Twisted keeps no expired session",
    rationale: "A stolen or captured cookie must die with its session (Flask #3900, Django #21608).",
    toFix:
      "Delete an expired session server-side and refuse its id afterwards; never recreate a session under an old id.",
  },
  {
    id: "BASIC-11",
    level: "MUST",
    title: "A session id that timed out is never accepted again",
    source: "ASVS 5.0 7.4.1; Twisted keeps no timed-out session",
    rationale: "A cookie captured before the timeout must not open the session after it.",
    toFix: "Refuse a timed-out id and issue a new one; never revive a session under an id that timed out.",
  },
  {
    id: "BASIC-9",
    level: "MUST",
    title: "Two visitors get different sessions",
    source: "Twisted, Session Basics",
    rationale: "Two visitors sharing one session see each other's data.",
    toFix: "Give every new visitor a fresh random id; never share one session between visitors.",
  },
  {
    id: "BASIC-10",
    level: "MUST",
    title: "A session id the server never issued is not adopted",
    source: "OWASP Session Management Cheat Sheet (strict mode); ASVS 5.0 7.2.1",
    rationale: "Adopting an id the server never issued allows session fixation.",
    toFix: "Issue a new id whenever the offered one is unknown; never adopt an id you did not issue.",
  },
  {
    id: "STORE-1",
    level: "MUST",
    title: "A counter stored in the session counts the visits",
    source: "Twisted, Storing Objects in the Session",
    rationale: "Objects stored in a session must be kept for the session's life.",
    toFix: "Save the session's data after each request, keyed by the session id.",
  },
  {
    id: "STORE-2",
    level: "MUST",
    title: "Two visitors' counters are independent",
    source: "Twisted, Storing Objects in the Session",
    rationale: "One visitor's stored data must never show up in another's session.",
    toFix: "Keep each session's data under its own id; never share objects between sessions.",
  },
  {
    id: "STORE-3",
    level: "MUST",
    title: "After the session is expired, a new session's counter starts again",
    source: "Twisted, Storing Objects in the Session",
    rationale: "Data must not outlive logout.",
    toFix: "Drop the session's data when the session is expired; start new sessions empty.",
  },
  {
    id: "STORE-4",
    level: "MUST",
    title: "After the idle timeout, a new session's counter starts again",
    source: "Twisted, Storing Objects in the Session",
    rationale: "Data must not outlive the timeout.",
    toFix: "Drop the session's data when the session times out; start new sessions empty.",
  },
  {
    id: "END-1",
    level: "MUST",
    title: "Expiring a session notifies at once, and exactly once, naming the session",
    source: "Twisted, Session Endings (`notifyOnExpire`)",
    rationale: "Clean-up code must run exactly once when a session is expired.",
    toFix: "Run the session's expiry callbacks once, when it is expired, with the session's id.",
  },
  {
    id: "END-2",
    level: "MUST",
    title: "A session that times out notifies exactly once",
    source: "Twisted, Session Endings",
    rationale: "Clean-up code must run exactly once when a session times out.",
    toFix: "Run the expiry callbacks once when a session times out, even if no request arrives.",
  },
  {
    id: "END-3",
    level: "MUST",
    title: "A session kept active is not notified",
    source: 'Twisted, Session Endings ("keep visiting it to keep your session active")',
    rationale: "An active session must not be ended, nor its clean-up run, behind the user's back.",
    toFix: "Reset the timeout on every visit, and never run expiry callbacks for a live session.",
  },
  {
    id: "COOKIE-1",
    level: "MUST",
    title: "The session cookie covers the whole site",
    source: "RFC 6265 5.2.4; Twisted sets `Path=/`",
    rationale: "A session cookie limited to one path loses the session elsewhere on the site.",
    toFix: "Set the session cookie with Path=/.",
  },
  {
    id: "COOKIE-2",
    level: "SHOULD",
    title: "The session cookie is hidden from page scripts",
    source: "ASVS 5.0 3.3.4",
    rationale: "Page scripts (XSS) must not read the session id.",
    toFix: "Set the session cookie with HttpOnly.",
  },
  {
    id: "COOKIE-3",
    level: "SHOULD",
    title: "The session cookie is not sent on cross-site requests",
    source: "ASVS 5.0 3.3.2",
    rationale: "Cross-site requests must not carry the session (CSRF).",
    toFix: "Set the session cookie with SameSite=Lax or Strict.",
  },
  {
    id: "COOKIE-4",
    level: "MUST",
    title: "Over HTTPS the session cookie is only ever sent over HTTPS",
    source: "ASVS 5.0 3.3.1; Twisted adds `Secure` on TLS",
    rationale: "A cookie set over HTTPS must never travel in clear text.",
    toFix: "Set the session cookie with Secure when it is made over HTTPS.",
  },
  {
    id: "COOKIE-5",
    level: "MAY",
    title: "The session cookie is set when the session is made, not on every reload",
    source: "Twisted sets the cookie only when it makes the session",
    rationale: "Re-sending the cookie on every response wastes bytes, and can revive a cookie the user deleted.",
    toFix: "Send Set-Cookie only when the session is made or its id changes.",
  },
  {
    id: "COOKIE-6",
    level: "MUST",
    title: "The session cookie fits the size every browser keeps",
    source: "ASVS 5.0 3.3.5; RFC 6265 6.1",
    rationale: "Browsers drop larger cookies, and with them the session.",
    toFix: "Keep the session cookie small: store data on the server, put only the id in the cookie.",
  },
  {
    id: "SEC-1",
    level: "MUST",
    title: "Session ids carry at least 128 bits of entropy",
    source: "ASVS 5.0 7.2.3 (4.0.3 3.2.2)",
    rationale: "Ids with fewer than 128 random bits, or repeated ids, let an attacker guess a live session.",
    toFix: "Make ids from a cryptographic random source (128 bits or more), e.g. crypto.randomBytes(16).",
  },
  {
    id: "SEC-2",
    level: "SHOULD",
    title: "Session ids show no structure",
    source: "ASVS 5.0 7.2.3; NIST SP 800-22; Burp Sequencer",
    rationale: "Counters, clocks and biased bits make the next id predictable, even when ids are long.",
    toFix: "Draw every id from a cryptographic random source; no counters, clocks or biased encodings.",
  },
  {
    id: "SEC-3",
    level: "MUST",
    title: "A session id offered in the address is not accepted",
    source: "ASVS 4.0.3 3.1.1",
    rationale:
      "An id taken from the URL leaks through Referer headers, logs and shared links, and lets an attacker fix a victim's session.",
    toFix: "Read the session id only from the cookie, never from the URL.",
  },
  {
    id: "SEC-4",
    level: "SHOULD",
    title: "A page that sets the session cookie is not kept by caches",
    source: "ASVS 5.0 14.3.2; RFC 9111",
    rationale: "A shared cache that stores a response carrying Set-Cookie hands that session to the next visitor.",
    toFix: "Send Cache-Control: no-store (or private) on responses that set the session cookie.",
  },
  {
    id: "SEC-5",
    level: "MUST",
    title: "A slow request that outlives its session does not bring it back",
    source: "ASVS 5.0 7.4.1; express-session #632; Django #21608",
    rationale: "A long request that outlives a logout must not save the session back and revive the old cookie.",
    toFix: "Do not save a session back after it was ended by another request; check it still exists first.",
  },
  {
    id: "ROBUST-1",
    level: "MUST",
    title: "Malformed cookies get a fresh session, never a server error",
    source: "RFC 6265 5.4; RFC 9110 5.5; OWASP Session Management Cheat Sheet",
    rationale: 'Every client controls the Cookie header: a bad one must mean "no session", never a 5xx.',
    toFix: "Treat a cookie you cannot parse or find as no session: start a fresh one, never answer 5xx.",
  },
  {
    id: "ROBUST-2",
    level: "MUST",
    title: "Two session cookies of one name lead to one session, the same every time",
    source: "RFC 6265 5.4",
    rationale:
      "Browsers send same-named cookies for different paths; flip-flopping or mixed-up sessions log users out, or into someone else's session.",
    toFix: "Pick the same one of several same-named cookies every time (e.g. the first), or ignore them all.",
  },
  {
    id: "ROBUST-3",
    level: "MUST",
    title: "An oversized cookie is refused or ignored, and the site goes on serving",
    source: "RFC 6265 6.1; RFC 6585 5 (431)",
    rationale:
      "An oversized header is a cheap denial of service: it must be refused or ignored while other clients are still served.",
    toFix: "Bound the header size: answer 431 (or ignore the cookie), and keep serving other clients.",
  },
  {
    id: "ROBUST-4",
    level: "SHOULD",
    title: "HEAD is answered as GET is, without a body",
    source: "RFC 9110 9.3.2, 15.5.6",
    rationale: "Monitors and caches use HEAD; an answer that differs from GET, or carries a body, breaks them.",
    toFix: "Answer HEAD as GET, with the same status and headers and no body.",
  },
  {
    id: "ROBUST-5",
    level: "SHOULD",
    title: "A method the page does not support is refused without a session",
    source: "RFC 9110 15.5.6",
    rationale: "A refused request that still makes a session lets anyone fill the store.",
    toFix: "Refuse unsupported methods (405) before making a session.",
  },
  {
    id: "CONC-1",
    level: "MUST",
    title: "Many requests at once with one cookie all see the same session",
    source: "Django #21608",
    rationale: "Browsers send several requests at once; losing the session when requests overlap logs users out.",
    toFix: "Let overlapping requests share the session; do not replace the id while requests are in flight.",
  },
  {
    id: "CONC-2",
    level: "SHOULD",
    title: "Many counter visits at once in one session are all counted",
    source: "express-session #935",
    rationale: "Saving whole sessions loses concurrent updates, such as cart items or counters.",
    toFix: "Update session data atomically (a lock, or a per-key update) instead of saving whole sessions.",
  },
  {
    id: "CONC-3",
    level: "MUST",
    title: "Many first visits at once each get a session of their own",
    source: "ASVS 5.0 7.2.3",
    rationale: "Ids made from a clock or a counter collide under load, so two visitors share one session.",
    toFix: "Draw ids from a cryptographic random source, never from a clock or a counter.",
  },
  {
    id: "MULTI-1",
    level: "MUST",
    title: "A session made on one node is the same session on the other",
    source: "Twisted, Session Basics, on a cluster",
    rationale: "Behind a load balancer, a session that one node cannot see logs users out at random.",
    toFix: "Keep sessions in a store every node shares (or sign them with a shared key).",
  },
  {
    id: "MULTI-2",
    level: "MUST",
    title: "A session expired on one node is ended on the other at once",
    source: "Twisted, Session Basics; ASVS 5.0 7.4.1",
    rationale: "A logout that another node does not see leaves the session open there.",
    toFix: "Delete the session in the shared store, so every node sees the logout at once.",
  },
  {
    id: "MULTI-3",
    level: "MUST",
    title: "The idle timeout holds across nodes",
    source: "Twisted, Session Endings; ASVS 5.0 7.3.1",
    rationale: "Visits to any node keep a session alive, and idleness on all of them ends it.",
    toFix: "Keep the last-access time in the shared store, and expire by it on every node.",
  },
  {
    id: "MULTI-4",
    level: "MUST",
    title: "Counter visits at the same instant on both nodes are all counted",
    source: "Twisted, Storing Objects in the Session; express-session #935",
    rationale: "A shared store that saves whole sessions loses updates made on two nodes at once.",
    toFix:
      "Update shared session data atomically in the store (e.g. HINCRBY or a script), not by saving whole sessions.",
  },
  {
    id: "MULTI-5",
    level: "MUST",
    title: "An ended session is reported exactly once, across all nodes",
    source: "Twisted, Session Endings (notifyOnExpire)",
    rationale: "Clean-up code that runs once per node, or on no node, double-charges or leaks.",
    toFix: "Run expiry callbacks from one place (the store's expiry event, or a lock), once per session.",
  },
  {
    id: "MULTI-6",
    level: "MUST",
    title: "A node restarted in the middle of a session keeps serving the same session",
    source: "Twisted, Session Basics, on a cluster",
    rationale: "Deploys restart nodes; sessions kept in one process die with it.",
    toFix: "Keep sessions outside the process, in a store that survives a restart.",
  },
];

const byId = new Map(CATALOGUE.map((r) => [r.id, r]));

/** The catalogue's entry for `id`, if there is one. */
export function requirement(id: string): Requirement | undefined {
  return byId.get(id);
}
