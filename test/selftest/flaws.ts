/**
 * Deliberate flaws of the mini server, and the requirements each must trip. Every
 * requirement of the suite must be tripped by at least one flaw: a check that no broken
 * server can fail proves nothing.
 */
export const FLAWS = {
  "no-set-cookie": "shows a session id but never sets the cookie",
  "rotate-uid": "makes a new session on every request",
  "expire-noop": "the expire page does nothing",
  "expire-ends-all": "the expire page ends every visitor's session",
  "session-by-ip": "keys sessions by client address instead of the cookie",
  "never-times-out": "sessions never time out",
  "absolute-timeout": "visits do not refresh the session (it dies a timeout after creation)",
  "resurrects-ended": "accepts any id it ever issued, even after it ended",
  "shared-uid": "gives every visitor the same session",
  "adopts-any-cookie": "adopts any cookie value as a new session id",
  "counter-not-stored": "the counter is not stored (always 1)",
  "counter-shared": "one counter for all visitors",
  "carries-data-over": "a new session inherits the stored objects of the one it replaces",
  "never-notifies": "never tells of a session's end",
  "notifies-twice": "tells of a session's end twice",
  "no-notify-on-timeout": "tells of expire() but not of a timeout",
  "cookie-path-subdir": "sets the cookie with Path=/app",
  "no-httponly": "sets the cookie without HttpOnly",
  "no-samesite": "sets the cookie without SameSite",
  "no-secure-over-https": "sets the cookie without Secure over HTTPS",
  "set-cookie-every-response": "sets the cookie again on every response",
  "huge-cookie": "sets a cookie whose name and value exceed 4096 bytes",
} as const;

export type Flaw = keyof typeof FLAWS;

/** Which flaws must trip each requirement. */
export const TRIPPED_BY: Record<string, Flaw[]> = {
  "BASIC-1": ["no-set-cookie"],
  "BASIC-2": ["rotate-uid", "no-set-cookie"],
  "BASIC-3": ["expire-noop", "resurrects-ended"],
  "BASIC-4": ["expire-ends-all"],
  "BASIC-5": ["session-by-ip"],
  "BASIC-6": ["never-times-out"],
  "BASIC-7": ["absolute-timeout"],
  "BASIC-8": ["resurrects-ended", "adopts-any-cookie"],
  "BASIC-9": ["shared-uid", "session-by-ip"],
  "BASIC-10": ["adopts-any-cookie"],
  "STORE-1": ["counter-not-stored", "rotate-uid"],
  "STORE-2": ["counter-shared", "shared-uid"],
  "STORE-3": ["carries-data-over", "expire-noop"],
  "STORE-4": ["carries-data-over", "never-times-out"],
  "END-1": ["never-notifies", "notifies-twice"],
  "END-2": ["never-notifies", "notifies-twice", "no-notify-on-timeout"],
  "END-3": ["absolute-timeout"],
  "COOKIE-1": ["cookie-path-subdir"],
  "COOKIE-2": ["no-httponly"],
  "COOKIE-3": ["no-samesite"],
  "COOKIE-4": ["no-secure-over-https"],
  "COOKIE-5": ["set-cookie-every-response"],
  "COOKIE-6": ["huge-cookie"],
};
