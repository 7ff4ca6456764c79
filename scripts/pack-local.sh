#!/usr/bin/env bash
# Packs DigitalTwin.Core, DigitalTwin.AspNetCore and the `dotnet new digitaltwin` template package into a local folder
# feed, all with one fresh prerelease version (0.1.0-local.<UTC time>), so an app restoring from the feed never gets a
# stale copy from the NuGet cache. Usage: scripts/pack-local.sh [feed folder]   (default: artifacts/feed)
# Then point your app at the feed with the nuget.config this script prints (docs/getting-started.md shows it too).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
feed=$(mkdir -p "${1:-$root/artifacts/feed}" && cd "${1:-$root/artifacts/feed}" && pwd)
cd "$root"
prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)
version="$prefix-local.$(date -u +%Y%m%d%H%M%S)"

scripts/pack.sh "$version" "$feed"

cat >&2 <<MSG

Packed $version into $feed
Use it from an app with this nuget.config next to the app's project (or in a parent folder):

<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="digitaltwin-local" value="$feed" />
  </packageSources>
</configuration>

  dotnet add package DigitalTwin.AspNetCore --version $version
MSG
echo "$version"
