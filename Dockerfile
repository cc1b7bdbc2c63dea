# Dzwonek: one image for every role (`dzwonek run --role ...`).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, pinned with hashes, so code changes reuse this layer.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md config.example.toml ./
COPY dzwonek ./dzwonek
COPY bot ./bot
COPY handlers ./handlers
COPY sync ./sync
COPY storage ./storage
COPY locales ./locales
COPY docker/entrypoint.sh /usr/local/bin/dzwonek-entrypoint
# Editable, so the top-level locales/ folder is found next to the code.
RUN pip install --no-deps --no-build-isolation -e . \
    && chmod 0755 /usr/local/bin/dzwonek-entrypoint \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin dzwonek \
    && mkdir -p /data \
    && chown dzwonek:dzwonek /data

USER dzwonek

# SQLite database (the default backend) lives on this volume. The key ring and the
# bot token come as secret files, never baked into the image.
VOLUME ["/data"]
ENV DZWONEK_DATABASE__URL=sqlite+aiosqlite:////data/dzwonek.sqlite3 \
    DZWONEK_CRYPTO__KEYRING_FILE=/run/secrets/dzwonek_keyring \
    DZWONEK_TELEGRAM__TOKEN_FILE=/run/secrets/telegram_token \
    DZWONEK_LOGGING__FORMAT=json

HEALTHCHECK --interval=60s --timeout=15s --start-period=60s --retries=3 \
    CMD ["dzwonek", "health", "--live"]

ENTRYPOINT ["dzwonek-entrypoint"]
CMD ["run"]
