#!/usr/bin/env bash
# Builds core's JS/CSS bundles (war/src/main/webapp/jsbundles) with the pinned yarn (corepack) and webpack, from
# the npm registry. Needed by HtmlUnit-driven tests (configRoundtrip, form submission); plain JenkinsRule tests don't.
set -euo pipefail
: "${WORK:?}"
U=$WORK/ui; rm -rf "$U"; mkdir -p "$U"; cd "$U"
cp -r "$WORK/src/jenkins-frontend/." "$U/"   # from 00-sources.sh
t0=$(date +%s)
R=${COREPACK_NPM_REGISTRY:-$(npm config get registry)}
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_NPM_REGISTRY=${R%/}   # corepack adds its own "/"
corepack yarn install > "$U/yarn-install.log" 2>&1 || { tail -20 "$U/yarn-install.log"; exit 1; }
corepack yarn prod > "$U/yarn-build.log" 2>&1 || { tail -20 "$U/yarn-build.log"; exit 1; }
echo "== ui: $(find war/src/main/webapp/jsbundles -name '*.js' | wc -l) js bundles, $(( $(date +%s)-t0 ))s"
