#!/usr/bin/env bash
# Make sure the system tools the tests drive are present: Debian's Chromium (Playwright e2e), a real Prometheus
# Alertmanager (integration), poppler-utils (PDF text checks). Installs them with apt when running as root.
set -euo pipefail
need=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || need+=(chromium)
command -v prometheus-alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing ${need[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "test-deps: missing ${need[*]} — install them (e.g. sudo apt-get install -y ${need[*]})" >&2
  exit 1
fi
