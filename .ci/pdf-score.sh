#!/usr/bin/env bash
# Scores the PDF text extractor against the pdftotext references in ../shared/pdf-corpus (word-level F1).
# Fails when the mean F1 is below 0.95, any file is below 0.80, or an expected typed error is not raised.
# Run from the repository root: bash .ci/pdf-score.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="../shared/pdf-corpus"
if [ ! -d "$corpus" ]; then
  echo "pdf-score: corpus not found at $corpus" >&2
  exit 1
fi
dotnet run --project tests/DigitalTwin.PdfScore -c Release -- "$corpus"
