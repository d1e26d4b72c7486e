# IVB-dashboard: one dashboard process per container, serving the embedded data (data/) read-only.
# Several containers go behind a load balancer that keeps each browser on one container (docs/DEPLOY.md).
#   docker build -t ivb-dashboard .
#   docker run --read-only --tmpfs /tmp -p 8501:8501 ivb-dashboard
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    HOME=/tmp

# Pango for the PDF reports (WeasyPrint) and the fonts the charts and reports name (ivb/views/images.py FONT).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The exact versions with their hashes, as `make run` installs them.
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
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
# ivb.run is `streamlit run app.py` that makes every page from the start; its log says "klaar voor lezers" when done.
CMD ["python", "-m", "ivb.run", "--server.port=8501", "--server.address=0.0.0.0"]
