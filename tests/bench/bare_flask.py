"""A bare Flask app serving fixed bytes, under the same granian settings as ``leadmock serve``.

``make bench`` runs it next to leadmock to show what Flask and granian cost alone:

    python tests/bench/bare_flask.py --port 8001 --bodies bodies.json [--workers N --threads N]

``bodies.json`` holds ``{"page", "record", "create"}`` (the bytes leadmock answered, as text).
GET /page and GET /record answer them; POST /create parses the JSON body and answers 201.
"""

import json
import os
import sys

from flask import Flask, Response, request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_app(bodies):
    app = Flask(__name__)

    @app.get("/page")
    def page():
        return Response(bodies["page"], mimetype="application/json")

    @app.get("/record")
    def record():
        return Response(bodies["record"], mimetype="application/json")

    @app.post("/create")
    def create():
        request.get_json(force=True)
        return Response(bodies["create"], status=201, mimetype="application/json",
                        headers={"Location": "/create/1"})

    return app


if os.environ.get("BARE_FLASK_BODIES"):
    with open(os.environ["BARE_FLASK_BODIES"], encoding="utf-8") as handle:
        app = make_app(json.load(handle))


def main():
    import argparse

    from granian import Granian
    from granian.constants import Interfaces

    sys.path.insert(0, ROOT)
    from app import config as app_config
    import app.__main__ as cli

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--workers", type=int, default=app_config.DEFAULTS["WORKERS"])
    parser.add_argument("--threads", type=int, default=app_config.DEFAULTS["THREADS"])
    args = parser.parse_args()
    os.environ["BARE_FLASK_BODIES"] = os.path.abspath(args.bodies)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    options = getattr(cli, "granian_options", None)
    options = options(args.workers, args.threads) if options else {
        "workers": args.workers, "blocking_threads": args.threads, "log_access": False}
    Granian("bare_flask:app", address="127.0.0.1", port=args.port, interface=Interfaces.WSGI, **options).serve()


if __name__ == "__main__":
    main()
