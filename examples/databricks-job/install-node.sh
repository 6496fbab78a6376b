#!/bin/bash
# Cluster init script: Node.js 22 for evalgate (Databricks runtimes ship Python, not Node).
set -euo pipefail
if command -v node >/dev/null 2>&1 && node -v | grep -q '^v22\.'; then exit 0; fi
curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
apt-get install -y nodejs
