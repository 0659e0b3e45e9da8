# leadmock: docker build -t leadmock . && docker run -p 8000:8000 -v leadmock-data:/data leadmock
# Installed editable so the package finds the top-level fixtures/ folder it seeds from.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LEADMOCK_DB=/data/leadmock.sqlite \
    LEADMOCK_HOST=0.0.0.0 \
    LEADMOCK_PORT=8000

WORKDIR /srv/leadmock
COPY pyproject.toml README.md ./
COPY app ./app
COPY fixtures ./fixtures
RUN pip install -e . \
    && useradd --system --create-home --uid 10001 leadmock \
    && mkdir -p /data && chown leadmock /data

USER leadmock
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/__admin/health', timeout=2).status == 200 else 1)"
CMD ["leadmock", "serve", "--host", "0.0.0.0", "--port", "8000"]
