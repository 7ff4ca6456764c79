#!/usr/bin/env bash
# Renders resume.html to ../linkedin.pdf (the sample persona's LinkedIn-style résumé) with headless Chromium.
# Needs Debian's chromium and fonts-dejavu-core:  apt-get install -y chromium fonts-dejavu-core
# Run by developers when the résumé changes (CI uses the committed PDF).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$here/../linkedin.pdf" "file://$here/resume.html" 2>/dev/null
echo "wrote $here/../linkedin.pdf"
