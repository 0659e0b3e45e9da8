"""WSGI entry point for the production server (``app.wsgi:app``); reads LEADMOCK_* env."""

from app import create_app

app = create_app()
