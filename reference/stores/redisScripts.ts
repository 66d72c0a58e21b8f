/**
 * The Lua scripts of the Redis store. Each gets KEYS[1] = `s{h}` (the session, its counter as
 * value, its idle timeout as PX expiry) and KEYS[2] = `n{h}` (its ending listeners and sealed
 * uid, if it has any), both in one cluster slot, and runs atomically.
 */
export const SCRIPTS = {
  /** ARGV: ttl ms, grace ms. Slide the timeout; 0 when the session ended meanwhile (no revival). */
  touch: `if redis.call('pexpire', KEYS[1], ARGV[1]) == 1 then
  redis.call('pexpire', KEYS[2], ARGV[1] + ARGV[2])
  return 1
end
return 0`,
  /** The counter's new value; false (nil) when the session ended: INCR would bring it back. */
  increment: `if redis.call('exists', KEYS[1]) == 1 then return redis.call('incr', KEYS[1]) end
return false`,
  /** ARGV: listeners' ttl ms, sealed uid, field `l:<name>`. Nothing when the session ended. */
  listen: `if redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('hset', KEYS[2], 'u', ARGV[2], ARGV[3], '1')
redis.call('pexpire', KEYS[2], ARGV[1])
return 1`,
  /**
   * ARGV: "expire" or "sweep". End the session and hand its listeners to this caller alone:
   * HGETALL and DEL in one script, so of every node's expire() and sweeps only one gets them.
   * A sweep leaves a live session alone (nil).
   */
  end: `if ARGV[1] == 'sweep' and redis.call('exists', KEYS[1]) == 1 then return false end
redis.call('del', KEYS[1])
local listeners = redis.call('hgetall', KEYS[2])
redis.call('del', KEYS[2])
return listeners`,
} as const;

export type ScriptName = keyof typeof SCRIPTS;
