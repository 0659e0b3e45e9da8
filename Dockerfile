# leadmock: docker build -t leadmock . && docker run -p 8000:8000 -v leadmock-data:/data leadmock
# Every LEADMOCK_* variable works: docker run -e LEADMOCK_PORT=9000 -p 9000:9000 leadmock
# (the defaults below are ENV, and the CMD passes no flag that would override them).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LEADMOCK_DB=/data/leadmock.sqlite \
    LEADMOCK_HOST=0.0.0.0 \
    LEADMOCK_PORT=8000

# A regular (non-editable) install: the wheel carries the fixtures; the sources are removed.
WORKDIR /tmp/leadmock-src
COPY pyproject.toml setup.py README.md ./
COPY app ./app
COPY fixtures ./fixtures
RUN pip install . \
    && cd / && rm -rf /tmp/leadmock-src \
    && useradd --system --create-home --uid 10001 leadmock \
    && mkdir -p /data && chown leadmock /data

WORKDIR /data
USER leadmock
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import os, sys, urllib.request; url = 'http://127.0.0.1:%s/__admin/health' % os.environ.get('LEADMOCK_PORT', '8000'); sys.exit(0 if urllib.request.urlopen(url, timeout=2).status == 200 else 1)"
CMD ["leadmock", "serve"]
