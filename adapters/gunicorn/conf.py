"""gunicorn settings file for the django and flask adapters: once the listening socket is bound
(bind 127.0.0.1:0, so the OS picks a free port), print the suite's one JSON ready line.
"""
import importlib
import json
import os

import gunicorn

# A request that overlaps another needs a second worker: gunicorn's default is one sync worker.
workers = 2


def when_ready(server):
    framework = importlib.import_module(os.environ["SC_FRAMEWORK_MODULE"])
    version = f"{os.environ['SC_FRAMEWORK_LABEL']} {framework.__version__} + gunicorn {gunicorn.__version__}"
    port = server.LISTENERS[0].sock.getsockname()[1]
    print(json.dumps({"ready": True, "port": port, "version": version}), flush=True)
