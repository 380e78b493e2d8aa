#!/usr/bin/env bash
# The blue-green demo in one command: three simulated hosts on this machine (each a network
# namespace with a real sshd, podman and nginx), v1 deployed, 200 requests/s with no deploy (the
# control), then v2 blue-green under the same load, with the per-phase timeline and the
# failed-request counts printed. Exits non-zero when a request was lost. Cleans up after itself.
# Needs root (podman rootful, sshd); installs the test tools first if any is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v mvn >/dev/null 2>&1 || { echo "demo: needs Java 17 and Maven on the PATH" >&2; exit 2; }
# Idempotent and quick when everything is there; it also writes the podman settings this machine needs.
engine/scripts/install-test-tools.sh

exec mvn -q -B -f engine/pom.xml -Pdemo -DbuildDir="${BUILD_DIR:-/tmp/bluegreen-demo}" test
