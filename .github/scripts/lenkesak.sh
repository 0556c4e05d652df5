#!/usr/bin/env bash
# Keeps ONE open issue listing the dead links in data/ (used by .github/workflows/lenker.yml).
# STATUS is the exit status of `kulturskole lenker`: 1 = dead links, 0 = all links work.
# Needs GH_TOKEN and GH_REPO (the workflow's default token, with issues: write).
set -euo pipefail

REPORT="$1"
TITLE="Døde lenker i data/"

number="$(gh issue list --state open --search "\"$TITLE\" in:title" --json number,title \
  --jq "map(select(.title == \"$TITLE\")) | .[0].number // empty")"

if [ "${STATUS:-}" = "1" ]; then
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file "$REPORT"
    echo "Oppdaterte sak #$number."
  else
    gh issue create --title "$TITLE" --body-file "$REPORT"
  fi
elif [ "${STATUS:-}" = "0" ] && [ -n "$number" ]; then
  gh issue close "$number" --comment "Alle eksterne lenker i data/ virker igjen ($(date -u +%F))."
  echo "Lukket sak #$number."
else
  echo "Ingen døde lenker, og ingen åpen sak å lukke."
fi
