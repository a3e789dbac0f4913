#!/usr/bin/env bash
# Prints one hash of everything a trained Rasa model depends on: config, domain, stories, rules, NLU data,
# custom NLU components and the locked bot runtime. Same hash = the cached model is still right.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  git ls-files -co --exclude-standard -- bot/config.yml bot/domain bot/data nlu/data nlu/components requirements/bot.lock \
    | LC_ALL=C sort \
    | while read -r file; do [ -f "$file" ] && printf '%s\n' "$file" && cat "$file"; done
} | sha256sum | cut -c1-16
