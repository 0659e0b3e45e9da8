"""Request bodies over the sandbox's limit answer 413, with or without ``Content-Length``.

werkzeug refuses a declared ``Content-Length`` over ``MAX_CONTENT_LENGTH`` when the body is read
(413), but a body sent without one (``Transfer-Encoding: chunked``) is cut silently at the limit, and
the truncated JSON then fails as invalid. :class:`BodyLimit` wraps the WSGI app: it reads such a
body up front, never more than the limit plus one byte, and hands Flask a body with a known length:

- within the limit: the body itself, with its ``Content-Length``;
- over the limit: no body and a ``Content-Length`` of limit + 1, so the route that reads it gets
  the same 413 as for a declared length (rendered by the vendor's ``render_error``; routes that
  read no body answer as usual, exactly as with ``Content-Length``).

Only requests whose server terminates the input (``wsgi.input_terminated``: granian always,
werkzeug's server for chunked bodies) and that carry no ``Content-Length`` are touched; Flask then
sees a plain body with a ``Content-Length`` and no ``Transfer-Encoding``.
"""

import io


class _Unreadable(io.RawIOBase):
    """A body the server could not deliver (a broken chunk): reading it fails as a disconnect (400)."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise OSError("the request body could not be read")


def read_bounded(stream, limit):
    """Up to ``limit`` bytes of ``stream`` (fewer at its end)."""
    parts, size = [], 0
    while size < limit:
        part = stream.read(min(limit - size, 1 << 16))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


class BodyLimit:
    """WSGI middleware: ``app.wsgi_app = BodyLimit(app.wsgi_app, limit)``."""

    def __init__(self, wsgi_app, limit):
        self.wsgi_app = wsgi_app
        self.limit = limit

    def __call__(self, environ, start_response):
        if environ.get("wsgi.input_terminated") and not environ.get("CONTENT_LENGTH"):
            try:
                body = read_bounded(environ["wsgi.input"], self.limit + 1)
            except (OSError, ValueError):
                environ["wsgi.input"] = _Unreadable()
            else:
                environ["wsgi.input"] = io.BytesIO(body if len(body) <= self.limit else b"")
                if body:
                    environ["CONTENT_LENGTH"] = str(len(body))
                # The body is de-chunked now (werkzeug ignores Content-Length next to "chunked").
                environ.pop("HTTP_TRANSFER_ENCODING", None)
                environ.pop("wsgi.input_terminated")
        return self.wsgi_app(environ, start_response)
