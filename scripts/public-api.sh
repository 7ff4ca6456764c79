#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (PublicApiAnalyzers' RS0016) to the project's
# PublicAPI.Unshipped.txt, for both shipped libraries. Run it after adding public API on purpose, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/DigitalTwin.Core src/DigitalTwin.AspNetCore; do
  name=$(basename "$project")
  [ -f "$project/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Shipped.txt"
  [ -f "$project/PublicAPI.Unshipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
  added=$(dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 \
    | grep "warning RS0016" | grep "/$name/" \
    | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true)
  if [ -n "$added" ]; then
    { cat "$project/PublicAPI.Unshipped.txt"; printf '%s\n' "$added"; } | awk 'NR==1 || NF' | { read -r first; echo "$first"; sort -u; } > "$project/PublicAPI.Unshipped.txt.new"
    mv "$project/PublicAPI.Unshipped.txt.new" "$project/PublicAPI.Unshipped.txt"
    echo "$name: $(printf '%s\n' "$added" | wc -l) symbol(s) added to PublicAPI.Unshipped.txt"
  else
    echo "$name: public API up to date"
  fi
done
