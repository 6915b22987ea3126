#!/usr/bin/env bash
# sha256 of timeline.csv, summary.json and events.jsonl for every shipped scenario under its own security model and
# each of the four (stress-1m under its own only): the list to diff before and after a change that must not move an
# output. An invalid (scenario, model) pair prints its first error line instead, so refusals are compared too.
#   dotnet build -c Release src/Restaking.Cli
#   tools/output-hashes.sh OUTDIR [reference|orleans] > hashes.txt
set -u
out=${1:?usage: tools/output-hashes.sh OUTDIR [engine]}; engine=${2:-reference}
cd "$(dirname "$0")/.."
dll=src/Restaking.Cli/bin/Release/net10.0/restaking.dll
mkdir -p "$out"
for f in scenarios/*.json; do
  name=$(basename "$f" .json)
  [ "$name" = scenario.schema ] && continue
  for model in default pooled unique-stake symbiotic-full-restake symbiotic-network-restake; do
    [ "$name" = stress-1m ] && [ "$model" != default ] && continue
    d="$out/$name-$model"
    extra=(); [ "$model" != default ] && extra=(--security-model "$model")
    if dotnet "$dll" run "$f" --engine "$engine" --quiet --out "$d" "${extra[@]}" >/dev/null 2>"$d.err"; then
      for o in timeline.csv summary.json events.jsonl; do echo "$(sha256sum < "$d/$o" | cut -c1-64)  $name/$model/$o"; done
    else
      echo "ERR $(head -c 200 "$d.err" | tr '\n' ' ')  $name/$model"
    fi
  done
done
