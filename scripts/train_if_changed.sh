#!/usr/bin/env bash
# Trains the Rasa model only when its data changed. Models are cached by data hash outside the clone
# (~/.cache/assistant-des-droits/models), so a fresh clone of unchanged data starts without training.
set -euo pipefail
cd "$(dirname "$0")/.."
hash=$(scripts/bot_data_hash.sh)
cache_dir="${ASSISTANT_CACHE_DIR:-$HOME/.cache/assistant-des-droits}/models"
cached="$cache_dir/assistant-$hash.tar.gz"
target=bot/models/assistant.tar.gz
mkdir -p bot/models "$cache_dir"
if [ -f bot/models/.hash ] && [ "$(cat bot/models/.hash)" = "$hash" ] && [ -f "$target" ]; then
  echo "Rasa model up to date ($hash)."
  exit 0
fi
if [ ! -f "$cached" ]; then
  echo "Training the Rasa model (data hash $hash)…"
  start=$(date +%s)
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  .venv-bot/bin/rasa train --config bot/config.yml --domain bot/domain --data bot/data nlu/data \
    --out "$tmp" --fixed-model-name assistant
  cp "$tmp/assistant.tar.gz" "$cached.part" && mv "$cached.part" "$cached"
  echo "Trained in $(( $(date +%s) - start )) s."
  # Keep the five newest models of the cache; older data will not come back.
  ls -1t "$cache_dir"/assistant-*.tar.gz | tail -n +6 | xargs -r rm -f
fi
cp "$cached" "$target"
echo "$hash" > bot/models/.hash
echo "Rasa model ready: $target ($hash)."
