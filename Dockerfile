# One image per runtime (see docs/architecture.md):
#   docker build --target bot -t assistant-bot .   → `rasa run …` (default) or `rasa run actions …`
#   docker build --target api -t assistant-api .   → the api (default) or `python -m api.worker`
# Both install from the same lock files as `make`, with uv.

ARG UV_VERSION=0.13.8

# ---------- conversation runtime: Rasa 3.6 needs Python 3.10 ----------
FROM python:3.10-slim AS bot-deps
ARG UV_VERSION
ENV UV_LINK_MODE=copy VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir "uv==${UV_VERSION}" && uv venv /opt/venv
COPY requirements/bot.lock /tmp/bot.lock
RUN uv pip sync --no-cache /tmp/bot.lock

FROM bot-deps AS bot-model
WORKDIR /app
# The pipeline's custom components (nlu/components) are imported from the project.
ENV PYTHONPATH=/app
COPY bot/config.yml bot/config.yml
COPY bot/domain bot/domain
COPY bot/data bot/data
COPY nlu nlu
RUN rasa train --config bot/config.yml --domain bot/domain --data bot/data nlu/data \
      --out bot/models --fixed-model-name assistant

FROM bot-deps AS bot
WORKDIR /app
RUN useradd --system --uid 10001 assistant
COPY bot bot
COPY nlu nlu
COPY facts facts
COPY --from=bot-model /app/bot/models/assistant.tar.gz bot/models/assistant.tar.gz
ENV PYTHONPATH=/app SANIC_HOST=0.0.0.0
USER assistant
EXPOSE 5005 5055
# Internal network only: never publish these ports. Actions: `rasa run actions --actions bot.actions --port 5055`.
CMD ["rasa", "run", "--model", "bot/models/assistant.tar.gz", "--endpoints", "bot/endpoints.yml", \
     "--credentials", "bot/credentials.yml", "--port", "5005"]

# ---------- bridge runtime: FastAPI, OpenFisca-France (numpy 2) ----------
FROM python:3.11-slim AS api
ARG UV_VERSION
ENV UV_LINK_MODE=copy VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
RUN pip install --no-cache-dir "uv==${UV_VERSION}" && uv venv /opt/venv
COPY requirements/api.lock /tmp/api.lock
RUN uv pip sync --no-cache /tmp/api.lock
WORKDIR /app
RUN useradd --system --uid 10001 assistant
COPY api api
COPY rules rules
COPY channels channels
COPY facts facts
# The official commune list: territory perimeters are checked against it and resolved with it.
COPY nlu/resources/communes.tsv.gz nlu/resources/communes.tsv.gz
ENV ENVIRONMENT=production
USER assistant
EXPOSE 8000
# Run migrations once per release: `alembic -c api/alembic.ini upgrade head`. Worker: `python -m api.worker`.
CMD ["uvicorn", "--factory", "api.main:app_factory", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]
