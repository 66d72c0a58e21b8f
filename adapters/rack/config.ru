# Twisted Web's session examples (session-basics, session-store) as a Rack app on
# Rack::Session::Pool, Rack's server-side session store, for the session-conformance suite.
require "rack"

$stdout.sync = true
TIMEOUT = Integer(ENV.fetch("SESSION_TIMEOUT_SECONDS"))
MAX_SLOW_MS = 10_000 # the page contract's cap (lib/pages.ts)

use Rack::Session::Pool, expire_after: TIMEOUT

def page(body, status = 200)
  [status, { "content-type" => "text/html; charset=utf-8" }, [body]]
end

# Rack makes a session only when one is written; Twisted's getSession() always makes one.
def session_of(env)
  session = env["rack.session"]
  session["created"] ||= true
  session
end

run(lambda do |env|
  request = Rack::Request.new(env)
  path = request.path_info
  next page("Not Found", 404) unless ["/", "/expire", "/counter", "/slow"].include?(path)
  next [405, { "allow" => "GET, HEAD", "content-type" => "text/plain" }, ["Method Not Allowed"]] unless request.get? || request.head?

  case path
  when "/"
    page("Your session id is: #{session_of(env).id}")
  when "/expire"
    env["rack.session"].destroy
    page("Your session has been expired.")
  when "/counter"
    session = session_of(env)
    session["counter"] = (session["counter"] || 0) + 1
    page("<!DOCTYPE html><html><head><meta charset='utf-8'><title></title></head><body>Visit ##{session['counter']} for you!")
  when "/slow"
    ms = Integer(request.params["ms"], exception: false)
    next page("ms must be a number of milliseconds", 400) unless ms
    ms = ms.clamp(0, MAX_SLOW_MS)
    session = session_of(env)
    sleep(ms / 1000.0)
    session["held_at"] = Time.now.to_f
    page("Your session was held for #{ms} ms.")
  end
end)
