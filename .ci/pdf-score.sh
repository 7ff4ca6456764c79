#!/usr/bin/env bash
# Scores the PDF text extractor against the pdftotext references in ../shared/pdf-corpus and
# ../shared/pdf-corpus-encrypted (word-level F1), with PdfPig 0.1.16 as a live peer and the stored pypdf texts.
# Fails when the mean F1 is below 0.95, any file is below 0.80, an expected typed error is not raised, or ours is
# more than 0.02 below PdfPig on a file not listed in tests/DigitalTwin.PdfScore/peer-exceptions.tsv.
# Then fuzzes the corpus files (seeded mutations; fails on a hang or an untyped exception).
# Run from the repository root: bash .ci/pdf-score.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="../shared/pdf-corpus"
if [ ! -d "$corpus" ]; then
  echo "pdf-score: corpus not found at $corpus" >&2
  exit 1
fi
folders=("$corpus")
[ -d ../shared/pdf-corpus-encrypted ] && folders+=(../shared/pdf-corpus-encrypted)
dotnet run --project tests/DigitalTwin.PdfScore -c Release -- "${folders[@]}"
# Then a bounded fuzz pass over the same files: 500 seeded mutations, each must end in text or a typed error.
dotnet run --project tests/DigitalTwin.PdfScore -c Release --no-build -- --fuzz 500 "${folders[@]}"
