#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need (Node packages for the local S3,
# DynamoDB and AWS SDK peers; Debian's Chromium for the browser test; Debian's qpdf for the PDF decryption tests; with pip,
# the Python AWS tools: moto, cfn-lint, the SAM translator, boto3, the AWS CLI), then `dotnet test` on DigitalTwin.sln.
# Where the Python tools cannot be installed, their test group is left out and the script says so; with CI=true that is
# an error instead.
# Prints one closing line: "Total: N passed, N failed, N skipped". Exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }

# Node packages used by tests (s3rver, dynalite, the official AWS SDK for JavaScript). Each folder with a lock file.
if compgen -G "tests/tools/*/package-lock.json" >/dev/null || [ -f tests/tools/package-lock.json ]; then
  command -v npm >/dev/null || { echo "npm (Node.js 20+) is required for the S3, DynamoDB and Bedrock tests." >&2; exit 1; }
  for lock in tests/tools/package-lock.json tests/tools/*/package-lock.json; do
    [ -f "$lock" ] || continue
    dir=$(dirname "$lock")
    if [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules" ]; then
      log "npm ci in $dir"
      npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
      touch "$dir/node_modules"
    fi
  done
fi

# Debian's Chromium for the chat page's browser test.
if [ -d tests/DigitalTwin.AspNetCore.Tests/Web ] && ! command -v chromium >/dev/null; then
  log "installing Debian chromium"
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; elif command -v sudo >/dev/null; then apt_get="sudo apt-get"; else apt_get=""; fi
  [ -n "$apt_get" ] || { echo "Chromium is missing and apt-get cannot run as root here: install the Debian package 'chromium'." >&2; exit 1; }
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi

# Debian's qpdf for the PDF decryption tests (they encrypt test PDFs with it).
if [ -d tests/DigitalTwin.Core.Tests/Persona/Pdf/Security ] && ! command -v qpdf >/dev/null; then
  log "installing Debian qpdf"
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; elif command -v sudo >/dev/null; then apt_get="sudo apt-get"; else apt_get=""; fi
  [ -n "$apt_get" ] || { echo "qpdf is missing and apt-get cannot run as root here: install the Debian package 'qpdf'." >&2; exit 1; }
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq qpdf >/dev/null
fi

# Python AWS tools for the tests in category PythonAwsTools: moto_server (a second S3/DynamoDB emulator, and IAM
# enforcement), cfn-lint and the SAM translator (the Lambda sample's template), boto3 and the AWS CLI (docs' commands).
missing_aws_tools() {
  local missing=()
  command -v moto_server >/dev/null || missing+=("moto_server")
  command -v cfn-lint >/dev/null || missing+=("cfn-lint")
  command -v aws >/dev/null || missing+=("aws (AWS CLI)")
  python3 -c 'import samtranslator, boto3, moto' 2>/dev/null || missing+=("python3 modules aws-sam-translator, boto3, moto")
  echo "${missing[*]}"
}
filter=()
missing=$(missing_aws_tools)
if [ -n "$missing" ] && command -v python3 >/dev/null; then
  log "installing the Python AWS tools with pip into tests/tools/.venv (missing: $missing)"
  venv=tests/tools/.venv
  if { [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"; } \
    && "$venv/bin/pip" install --quiet 'moto[server]' cfn-lint aws-sam-translator boto3 awscli; then
    export PATH="$PWD/$venv/bin:$PATH"
  else
    echo "pip could not install them (no network, or no python3-venv)." >&2
  fi
  missing=$(missing_aws_tools)
fi
if [ -n "$missing" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI: the Python AWS tools are missing ($missing); the PythonAwsTools tests must run in CI." >&2
    exit 1
  fi
  printf '\n== SKIPPING the test group PythonAwsTools (moto store suites, least-privilege IAM, cfn-lint and SAM translation): missing %s.\n' "$missing"
  printf '   Install them with: python3 -m pip install "moto[server]" cfn-lint aws-sam-translator boto3 awscli\n'
  filter=(--filter "Category!=PythonAwsTools")
fi

log "dotnet test DigitalTwin.sln ${filter[*]}"
output=$(mktemp)
status=0
dotnet test DigitalTwin.sln --nologo "${filter[@]}" "$@" 2>&1 | tee "$output" || status=$?

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 99, Skipped: 0, Total: 99 ...").
read -r failed passed skipped < <(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$output" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {print f+0, p+0, s+0}')
rm -f "$output"
echo
echo "Total: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ ${#filter[@]} -eq 0 ] || echo "(The PythonAwsTools group was not run: missing $missing.)"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
