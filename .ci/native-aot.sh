#!/usr/bin/env bash
# Native AOT check: publishes both samples native (linux-x64) with every warning an error, so a trim/AOT warning regression
# fails CI, then runs the sample test suites against the native binaries instead of the JIT builds:
#   - the Kestrel sample's tests (SampleProcess runs DIGITALTWIN_NATIVE_KESTREL): health, chat, stream, conversation,
#     chat page, OpenAPI, bad inputs as ProblemDetails, settings from environment variables, --print-prompt byte-identical
#     to the JIT build's, the S3 store against s3rver;
#   - the Lambda sample's tests (DIGITALTWIN_NATIVE_LAMBDA): the native bootstrap behind a fake Runtime API, REST v1, HTTP
#     API v1/v2, Function URL and response streaming, DynamoDB against dynalite, Bedrock against a loopback stub, init/error;
#   - with ../shared present, every ../shared/events request payload invoked on the native bootstrap.
# Prints how long each publish took. Needs clang and zlib1g-dev (apt-get install -y clang zlib1g-dev).
#   .ci/native-aot.sh [--keep DIR]      (--keep: publish into DIR and leave it there)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=""
if [[ "${1:-}" == "--keep" ]]; then out="$2"; fi
if [[ -z "$out" ]]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

# The native linker: Debian's clang and zlib1g-dev, installed here when missing (CI runs as root on a fresh machine).
if ! command -v clang >/dev/null || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; elif command -v sudo >/dev/null; then apt_get="sudo apt-get"; else apt_get=""; fi
  [ -n "$apt_get" ] || { echo "Native AOT needs clang and zlib1g-dev: apt-get install -y clang zlib1g-dev" >&2; exit 1; }
  printf '\n== installing Debian clang and zlib1g-dev (the Native AOT linker)\n'
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq clang zlib1g-dev >/dev/null
fi
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required." >&2; exit 1; }

publish() {
  local project="$1" target="$2" started
  started=$(date +%s)
  printf '\n== dotnet publish %s (Native AOT, warnings as errors)\n' "$project"
  # TreatWarningsAsErrors also makes the native compiler (ILC) fail on any trim/AOT warning (IlcTreatWarningsAsErrors).
  dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true \
    -p:IlcTreatWarningsAsErrors=true -o "$target" --nologo
  echo "published in $(( $(date +%s) - started )) s: $(du -sh "$target" | cut -f1) in $target"
}

publish samples/DigitalTwin.Sample.Kestrel "$out/kestrel"
publish samples/DigitalTwin.Sample.Lambda "$out/lambda"

# The tests start the native binaries; the test project itself runs on the JIT.
printf '\n== sample tests against the native binaries\n'
DIGITALTWIN_NATIVE_KESTREL="$out/kestrel/DigitalTwin.Sample.Kestrel" \
DIGITALTWIN_NATIVE_LAMBDA="$out/lambda/bootstrap" \
DIGITALTWIN_SHARED_EVENTS="$(cd "$root/.." && pwd)/shared/events" \
  dotnet test tests/DigitalTwin.AspNetCore.Tests -c Release --nologo \
    --filter "FullyQualifiedName~DigitalTwin.AspNetCore.Tests.Samples|FullyQualifiedName~DigitalTwin.AspNetCore.Tests.Hosting.Lambda.LambdaSample"
