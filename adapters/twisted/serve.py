"""The three Twisted Web session examples (web-in-60: session-basics, session-store,
session-endings), as the Twisted 22.4 docs print them, served from one Site on 127.0.0.1.

Changes to the docs' code needed on Python 3 (also in NOTES.md):
  1. session-endings: ExpirationLogger.render_GET returns "" (str), which Twisted answers
     with 500 on Python 3; it returns b"" here.
  2. session-endings: print("Session", uid, ...) prints the bytes repr,
     "Session b'<uid>' has expired."; it prints uid.decode() here.
Nothing else of the docs' code is changed. What this file adds around it (no session semantics):
  - GET / shows ShowSession: Twisted routes "/" to the child b"", never to the root itself.
  - Sessions run on a twisted.internet.task.Clock and time out after --timeout seconds
    (default 900) instead of ShortSession's 5; POST /_clock/advance?seconds=N moves that clock.
  - GET /slow?ms=N uses the session, answers N ms later, then touches it (for SEC-5).
  - POST /_endings/sync prints "_sync <n>" and answers n, so a reader of stdout knows every
    ending line printed before it has arrived.
  - HTTPS on a second port with --tls-cert/--tls-key, sharing the same Site.
  - For benchmarks: --no-access-log turns off the per-request access log (the Node servers
    compared with it log nothing per request), and --reactor-clock times sessions out on the
    reactor, as a deployed Twisted does (task.Clock re-sorts every pending call on each new
    session, so 100,000 sessions would take hours).
"""

import argparse
import json
import sys

import twisted
from twisted.internet import reactor, task
from twisted.python import log

# --- session-basics (docs, verbatim) ---------------------------------------------------
from twisted.web.resource import Resource


class ShowSession(Resource):
    def render_GET(self, request):
        return b'Your session id is: ' + request.getSession().uid


class ExpireSession(Resource):
    def render_GET(self, request):
        request.getSession().expire()
        return b'Your session has been expired.'


resource = ShowSession()
resource.putChild(b"expire", ExpireSession())

# --- session-store (docs, verbatim; cache() is for .rpy files only) --------------------
from zope.interface import Interface, Attribute, implementer
from twisted.python.components import registerAdapter
from twisted.web.server import Session


class ICounter(Interface):
    value = Attribute("An int value which counts up once per page view.")


@implementer(ICounter)
class Counter(object):
    def __init__(self, session):
        self.value = 0


registerAdapter(Counter, Session, ICounter)


class CounterResource(Resource):
    def render_GET(self, request):
        session = request.getSession()
        counter = ICounter(session)
        counter.value += 1
        return (b"<!DOCTYPE html><html><head><meta charset='utf-8'>"
                b"<title></title></head><body>"
                b"Visit #" + str(counter.value).encode("utf-8") +
                b" for you!")


# --- session-endings (docs; fixes 1 and 2 marked) --------------------------------------
from twisted.web import server
from twisted.web.server import Site


class ShortSession(Session):
    sessionTimeout = 5


class ExpirationLogger(Resource):
    sessions = set()

    def render_GET(self, request):
        session = request.getSession()
        if session.uid not in self.sessions:
            self.sessions.add(session.uid)
            session.notifyOnExpire(lambda: self._expired(session.uid))
        return b""  # fix 1: docs return "" (str) -> 500 on Python 3

    def _expired(self, uid):
        print("Session", uid.decode(), "has expired.")  # fix 2: docs print uid (bytes)
        self.sessions.remove(uid)


# --- mounting, clock and control channel (not from the docs) ---------------------------
parser = argparse.ArgumentParser()
parser.add_argument("--timeout", type=float, default=900, help="Session.sessionTimeout in seconds")
parser.add_argument("--tls-cert", help="PEM certificate file; with --tls-key, also serve HTTPS")
parser.add_argument("--tls-key", help="PEM private key file")
parser.add_argument("--no-access-log", action="store_true", help="do not log each request")
parser.add_argument("--reactor-clock", action="store_true", help="sessions time out on the reactor, not task.Clock")
args = parser.parse_args()

sys.stdout.reconfigure(line_buffering=True)  # every ending line reaches the reader at once
log.startLogging(sys.stderr, setStdout=False)  # tracebacks and access log to stderr only

clock = task.Clock()


class ClockedSession(ShortSession):
    # Only sessions use the fake clock: HTTP idle timeouts stay on the real reactor,
    # so a big clock jump does not drop kept-alive connections.
    sessionTimeout = args.timeout

    def __init__(self, site, uid):
        super().__init__(site, uid, reactor=clock)


class ReactorSession(ShortSession):
    sessionTimeout = args.timeout


class Advance(Resource):
    isLeaf = True

    def render_POST(self, request):
        clock.advance(float(request.args[b"seconds"][0]))
        return b"ok"


class Slow(Resource):
    """SEC-5's long request (not a docs example): use the session, answer `ms` later, touch it."""

    isLeaf = True

    def render_GET(self, request):
        ms = min(max(float(request.args.get(b"ms", [b"0"])[0] or 0), 0), 10000)
        session = request.getSession()

        def finish():
            session.touch()
            request.write(b"Your session was held for %d ms." % ms)
            request.finish()

        task.deferLater(reactor, ms / 1000, finish)
        return server.NOT_DONE_YET


class Sync(Resource):
    isLeaf = True
    count = 0

    def render_POST(self, request):
        Sync.count += 1
        print("_sync", Sync.count)
        return str(Sync.count).encode()


resource.putChild(b"", resource)  # GET / -> ShowSession
resource.putChild(b"counter", CounterResource())
resource.putChild(b"logme", ExpirationLogger())
resource.putChild(b"slow", Slow())
control = Resource()
control.putChild(b"advance", Advance())
resource.putChild(b"_clock", control)
endings = Resource()
endings.putChild(b"sync", Sync())
resource.putChild(b"_endings", endings)

factory = Site(resource)
factory.sessionFactory = ReactorSession if args.reactor_clock else ClockedSession
if args.no_access_log:
    factory.log = lambda request: None

ready = {"ready": True, "port": reactor.listenTCP(0, factory, interface="127.0.0.1").getHost().port}
if args.tls_cert and args.tls_key:
    try:
        from twisted.internet import ssl

        with open(args.tls_cert) as cert, open(args.tls_key) as key:
            identity = ssl.PrivateCertificate.loadPEM(key.read() + cert.read())
        ready["httpsPort"] = reactor.listenSSL(0, factory, identity.options(), interface="127.0.0.1").getHost().port
    except ImportError as error:  # pyOpenSSL missing: serve HTTP only
        print("twisted: no HTTPS:", error, file=sys.stderr)
ready["version"] = twisted.__version__
print(json.dumps(ready), flush=True)
reactor.run()  # SIGTERM stops the reactor and exits 0
