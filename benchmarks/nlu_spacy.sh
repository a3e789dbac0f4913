#!/usr/bin/env bash
# Measures spaCy's French model in the NLU pipeline against the pipeline of bot/config.yml, on the held-out set:
# trains an NLU-only model with benchmarks/nlu_config_spacy.yml into var/bench/models, then runs the NLU bench on
# it and on the current model. Slow (two trainings on 2 cores); run by hand: benchmarks/nlu_spacy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/bench/models
.venv-bot/bin/rasa train nlu --config benchmarks/nlu_config_spacy.yml --nlu nlu/data \
  --out var/bench/models --fixed-model-name nlu-spacy
echo "== without spaCy (bot/config.yml) =="
PYTHONPATH=. .venv-bot/bin/python -m benchmarks.nlu --model bot/models/assistant.tar.gz --json var/bench/nlu.json \
  | grep -E "^(==|values|intents|model)"
echo "== with spaCy (benchmarks/nlu_config_spacy.yml) =="
PYTHONPATH=. .venv-bot/bin/python -m benchmarks.nlu --model var/bench/models/nlu-spacy.tar.gz \
  --json var/bench/nlu-spacy.json | grep -E "^(==|values|intents|model)"
