"""The suite's page contract on Flask with its default session: a signed cookie
(SecureCookieSessionInterface), no server-side state. Flask sessions have no id, so the show
page stores a random one in the session on first use and prints it (see NOTES.md). Served by
gunicorn as `app:app`.
"""
import os
import secrets
import time

import control
from flask import Flask, request, session
from itsdangerous import TimestampSigner

# The suite's clock: the session's age is read only through the cookie signer's timestamp.
TimestampSigner.get_timestamp = lambda self: int(time.time() + control.offset())

app = Flask(__name__)
app.secret_key = os.environ["SC_SECRET_KEY"]  # required; fresh per run, never stored
app.wsgi_app = control.with_control_routes(app.wsgi_app)


@app.get("/")
def show():
    # secrets.token_urlsafe()'s default size: 32 random bytes.
    return f"Your session id is: {session.setdefault('uid', secrets.token_urlsafe())}"


@app.get("/expire")
def expire():
    session.clear()  # an emptied session makes Flask delete the cookie
    return "Your session has been expired."


@app.get("/counter")
def counter():
    session["count"] = session.get("count", 0) + 1
    return f"Visit #{session['count']} for you!"


@app.get("/slow")
def slow():
    """SEC-5's long request: read the session, wait, write to it; Flask sends it back as a cookie."""
    try:
        ms = int(min(max(float(request.args.get("ms") or 0), 0), 10000))
    except ValueError:
        ms = 0
    session.get("uid")
    time.sleep(ms / 1000)
    session["slow_visits"] = session.get("slow_visits", 0) + 1
    return f"Your session was held for {ms} ms."
