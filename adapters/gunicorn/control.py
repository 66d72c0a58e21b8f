"""The suite's control route for a WSGI app under gunicorn, and the clock it moves.

POST /_clock/advance?seconds=N is answered before the framework sees the request, so it never
makes or touches a session. The offset lives in a file (SC_CLOCK_FILE) because gunicorn's
workers are separate processes, and the HTTP and HTTPS servers of one target share it. Each app
adds offset() to the one clock its session code reads (see the app's NOTES.md).
"""
import math
import os
from urllib.parse import parse_qs

CLOCK_FILE = os.environ["SC_CLOCK_FILE"]


def offset() -> float:
    """Seconds the suite has moved this target's clock forward."""
    try:
        with open(CLOCK_FILE) as file:
            return float(file.read() or 0)
    except FileNotFoundError:
        return 0.0


def _advance(seconds: float) -> None:
    # Write a new file and rename it over the old one, so a reader never sees half a number.
    temporary = f"{CLOCK_FILE}.{os.getpid()}"
    with open(temporary, "w") as file:
        file.write(repr(offset() + seconds))
    os.replace(temporary, CLOCK_FILE)


def with_control_routes(app):
    """Wrap a WSGI app: answer the control route, pass everything else on."""

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") != "/_clock/advance" or environ["REQUEST_METHOD"] != "POST":
            return app(environ, start_response)
        try:
            seconds = float(parse_qs(environ.get("QUERY_STRING", ""))["seconds"][0])
        except (KeyError, ValueError):
            seconds = math.nan
        if not math.isfinite(seconds) or seconds < 0:
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"seconds must be a number >= 0"]
        _advance(seconds)
        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"ok"]

    return wsgi
