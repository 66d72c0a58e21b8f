"""The suite's page contract as a one-file Django project, with django.contrib.sessions and its
default database backend (SQLite). Served by gunicorn as `app:application`; `python3 app.py
migrate` creates the session table, as manage.py would. Every setting that differs from
`django-admin startproject`'s and Django's defaults is in NOTES.md.
"""
import os
import sys
import time
from datetime import timedelta

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ["SC_SECRET_KEY"],  # fresh per run, never stored
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "conformance.test"],  # conformance.test: the Chromium client's name for 127.0.0.1 (COOKIE-4 by effect)
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.sessions"],
    # startproject's middleware, less auth and messages (they need apps this project has no use for).
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SC_DATABASE"]}},
    USE_TZ=True,  # startproject's
)

# The suite's clock: django.contrib.sessions reads the time only through timezone.now().
import control  # noqa: E402
from django.utils import timezone  # noqa: E402

_real_now = timezone.now
timezone.now = lambda: _real_now() + timedelta(seconds=control.offset())

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.http import require_safe  # noqa: E402


def _session_key(request):
    """The visitor's session key, making the session now: Django makes one only when data is
    stored, and the show page must print the key in the same answer."""
    request.session.keys()  # loading drops a key that names no live session
    if request.session.session_key is None:
        request.session.create()
    return request.session.session_key


@require_safe
def show(request):
    return HttpResponse(f"Your session id is: {_session_key(request)}")


@require_safe
def expire(request):
    request.session.flush()  # what django.contrib.auth's logout() does
    return HttpResponse("Your session has been expired.")


@require_safe
def counter(request):
    request.session["count"] = request.session.get("count", 0) + 1
    return HttpResponse(f"Visit #{request.session['count']} for you!")


@require_safe
def slow(request):
    """SEC-5's long request: load the session, wait, write to it; the middleware saves it."""
    try:
        ms = int(min(max(float(request.GET.get("ms") or 0), 0), 10000))
    except ValueError:
        ms = 0
    request.session.keys()
    time.sleep(ms / 1000)
    request.session["slow_visits"] = request.session.get("slow_visits", 0) + 1
    return HttpResponse(f"Your session was held for {ms} ms.")


urlpatterns = [path("", show), path("expire", expire), path("counter", counter), path("slow", slow)]

application = control.with_control_routes(get_wsgi_application())

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
