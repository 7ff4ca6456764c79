#!/usr/bin/env bash
# Packs every package (DigitalTwin.Core, DigitalTwin.AspNetCore, the template package) with one version into a folder.
# The release workflow passes its tag without the "v"; scripts/pack-local.sh passes a fresh prerelease version.
# Usage: scripts/pack.sh <version> [output folder]   e.g. scripts/pack.sh 0.2.0 artifacts/release
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version="${1:?usage: scripts/pack.sh <version> [output folder]}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || { echo "Not a SemVer version: $version" >&2; exit 1; }
out=$(mkdir -p "${2:-$root/artifacts/release}" && cd "${2:-$root/artifacts/release}" && pwd)
cd "$root"
projects=(src/DigitalTwin.Core/DigitalTwin.Core.csproj src/DigitalTwin.AspNetCore/DigitalTwin.AspNetCore.csproj)
[ -f templates/DigitalTwin.Templates.csproj ] && projects+=(templates/DigitalTwin.Templates.csproj)
for project in "${projects[@]}"; do
  echo "== dotnet pack $project ($version)" >&2
  dotnet pack "$project" -c Release -o "$out" -p:Version="$version" --nologo -v quiet >&2
done
