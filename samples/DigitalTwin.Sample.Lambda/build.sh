#!/usr/bin/env bash
# Publishes the Lambda sample as a Native AOT executable named bootstrap (for provided.al2023), and zips it.
#   ./build.sh [--arch x86_64|arm64] [--mode native|r2r] [--output DIR] [--zip FILE]
# --mode native (default): one native executable, trim/AOT warnings are errors. Needs clang and zlib1g-dev (Debian/Ubuntu:
#   apt-get install -y clang zlib1g-dev) and glibc no newer than Amazon Linux 2023's 2.34 for the binary to run there
#   (build on Amazon Linux 2023, or check: objdump -T bootstrap | grep -o "GLIBC_[0-9.]*" | sort -Vu | tail -1).
# --mode r2r: self-contained ReadyToRun on the JIT runtime (no native toolchain needed; ~4x larger, slower start).
# Without --output the files go to ./artifacts/publish and the zip to ./artifacts/digital-twin-lambda.zip.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
arch="${ARCHITECTURE:-x86_64}"
mode="${BUILD_MODE:-native}"
output="$here/artifacts/publish"
zip_file="$here/artifacts/digital-twin-lambda.zip"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --arch) arch="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --zip) zip_file="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
case "$arch" in
  x86_64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "--arch must be x86_64 or arm64" >&2; exit 2 ;;
esac

rm -rf "$output"
mkdir -p "$output" "$(dirname "$zip_file")"
case "$mode" in
  native)
    command -v clang >/dev/null || { echo "Native AOT needs clang and zlib1g-dev (apt-get install -y clang zlib1g-dev), or use --mode r2r" >&2; exit 2; }
    # StripSymbols: the debug symbols go to a separate .dbg file, which is not shipped.
    dotnet publish "$here/DigitalTwin.Sample.Lambda.csproj" -c Release -r "$rid" -p:PublishAot=true -p:StripSymbols=true \
      -p:TreatWarningsAsErrors=true -p:GenerateDocumentationFile=false -o "$output" ;;
  r2r)
    dotnet publish "$here/DigitalTwin.Sample.Lambda.csproj" -c Release -r "$rid" --self-contained \
      -p:PublishReadyToRun=true -p:DebugType=none -p:GenerateDocumentationFile=false -o "$output" ;;
  *) echo "--mode must be native or r2r" >&2; exit 2 ;;
esac
chmod +x "$output/bootstrap"
# Not used on Lambda: symbols, XML docs, crash dumps (createdump), debugger and LTTng tracing libraries, standalone GCs.
rm -f "$output"/*.pdb "$output"/*.dbg "$output"/*.xml "$output"/*.staticwebassets.*.json "$output"/createdump \
  "$output"/libcoreclrtraceptprovider.so "$output"/libmscordaccore.so "$output"/libmscordbi.so "$output"/libclrgc.so "$output"/libclrgcexp.so

rm -f "$zip_file"
(cd "$output" && python3 - "$zip_file" <<'PY'
import os, sys, zipfile
# zip keeps the executable bit of bootstrap (Lambda needs it); python's zipfile is used so no zip package is required.
target = sys.argv[1]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for root, _, files in os.walk("."):
        for name in sorted(files):
            path = os.path.join(root, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, "."))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read(), compresslevel=9)
PY
)
size=$(stat -c %s "$zip_file")
unzipped=$(du -sb "$output" | cut -f1)
echo "bootstrap for $arch ($rid, $mode): $output"
echo "zip: $zip_file — $((size / 1024 / 1024)) MiB ($size bytes); unzipped $((unzipped / 1024 / 1024)) MiB (Lambda allows 250 MiB unzipped)"
