# IVB-dashboard: one dashboard process per container behind nginx in the same container (python -m ivb.serve), serving
# the embedded data (data/) read-only. nginx adds the headers that keep the dashboard out of other sites' frames
# (Streamlit has no setting for response headers) and serve restarts the process when it stops.
# Several containers go behind a load balancer that keeps each browser on one container (docs/DEPLOY.md).
#   docker build -t ivb-dashboard .
#   docker run --read-only --tmpfs /tmp -p 8501:8501 ivb-dashboard
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    MALLOC_ARENA_MAX=2 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    HOME=/tmp

# Pango for the PDF reports (WeasyPrint) and the fonts the charts and reports name (ivb/views/images.py FONT);
# nginx in front of the dashboard process (ivb/serve.py writes its configuration under /tmp and runs it as ivb).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core \
       nginx \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The runtime lock only: the exact versions with their hashes, as `make run` installs them, without the test tools
# of requirements-test.lock (tests/test_dependencies.py checks both).
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

# The application and its data belong to root: the dashboard's user can read them, never change them.
COPY app.py pyproject.toml ./
COPY .streamlit/ .streamlit/
COPY ivb/ ivb/
COPY pages/ pages/
COPY static/ static/
COPY data/ data/
# Compiled now: with a read-only file system the processes could not write their bytecode at every start.
RUN python -c "from ivb import config; assert (config.tables_dir()).is_dir(), 'data/ bevat geen build: draai eerst make build'" \
    && python -m compileall -q app.py ivb pages \
    && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin ivb

USER ivb
EXPOSE 8501
# Through nginx, which listens only once the dashboard processes have made their pages (about 15 s on one core): every
# gemeente served answers 'ok' on its own path (ivb.health), or the one dashboard on '/'.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "ivb.health", "--port", "8501"]
# One dashboard process (ivb.run: `streamlit run app.py` that makes every page from the start) on 127.0.0.1, nginx on
# 0.0.0.0:8501 in front of it; the logs of both and serve's own lines in /tmp/ivb-serve (the only writable place).
# Several gemeenten in one container, each under its own path with its own process:
#   docker run ... -e IVB_GEMEENTEN="GM0637 GM0546" ivb-dashboard      (one gemeente on '/': -e IVB_GEMEENTE=GM0546)
CMD ["python", "-m", "ivb.serve", "--replicas", "1", "--port", "8501", "--address", "0.0.0.0", "--logs", "/tmp/ivb-serve"]
