#!/usr/bin/env bash
# Runs the plugin's *JenkinsTest classes in a real Jenkins 2.555.3 built here from source (see README.md).
#
#   SOURCES_BUNDLE=<jenkins-2.555.3-sources.tar.gz> offline/real-jenkins/test.sh [test class FQN ...]
#   MIRROR=<folder of fetched owner+name snapshots>  offline/real-jenkins/test.sh
#
# Optional: WORK (scratch and cache, default ~/.cache/aws-rollout-real-jenkins: a warm second run only rebuilds the
# project), JDK (a JDK 21 or newer; default: the newest /usr/lib/jvm/*), SKIP_UI=1 (no JS bundles: form tests fail).
# Prints Surefire-style totals; exits 0 when every test passed, 1 when a test failed or the build broke, 3 when a
# prerequisite (JDK >= 21, node/corepack) is missing.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export PROJECT=${PROJECT:-$(cd "$HERE/../.." && pwd)}
export WORK=${WORK:-$HOME/.cache/aws-rollout-real-jenkins}
[ -n "${SOURCES_BUNDLE:-}" ] || [ -n "${MIRROR:-}" ] || { echo "real-jenkins: set SOURCES_BUNDLE (the sources tarball) or MIRROR (fetched snapshots)"; exit 3; }
[ -z "${SOURCES_BUNDLE:-}" ] || { SOURCES_BUNDLE=$(cd "$(dirname "$SOURCES_BUNDLE")" && pwd)/$(basename "$SOURCES_BUNDLE"); export SOURCES_BUNDLE; }

java_major() { "$1/bin/javac" -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/'; }
if [ -z "${JDK:-}" ]; then
  for j in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r) ${JAVA_HOME:+$JAVA_HOME/}; do
    [ -x "$j/bin/javac" ] && [ "$(java_major "$j")" -ge 21 ] 2>/dev/null && { JDK=${j%/}; break; }
  done
fi
if [ -z "${JDK:-}" ] || ! [ "$(java_major "$JDK")" -ge 21 ] 2>/dev/null; then
  echo "real-jenkins: needs a JDK 21 or newer (Jenkins 2.555 is built with --release 21); none found under /usr/lib/jvm. Set JDK=<jdk home>."
  exit 3
fi
export JDK
if [ -z "${SKIP_UI:-}" ] && ! command -v corepack >/dev/null; then
  echo "real-jenkins: needs node with corepack to build Jenkins' JS bundles (or SKIP_UI=1, and the form tests fail)"; exit 3
fi
mkdir -p "$WORK/logs"; cd "$WORK" || exit 3
T0=$(date +%s)
step() { local t0=$(date +%s); "$@" > "$WORK/logs/step-$(basename "$1" .sh).log" 2>&1; local rc=$?
  echo "#### $(basename "$1" .sh): rc=$rc, $(( $(date +%s)-t0 ))s"; [ $rc -eq 0 ] || { tail -40 "$WORK/logs/step-$(basename "$1" .sh).log"; echo "real-jenkins: $(basename "$1") failed"; exit 1; }; }
sum() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# Each stage is redone only when what it depends on changed (stamps in $WORK/stamps).
mkdir -p stamps
SRC_KEY=$(sum "$HERE/00-sources.sh" <(if [ -n "${SOURCES_BUNDLE:-}" ]; then stat -c '%n %s %Y' "$SOURCES_BUNDLE"; else echo "$MIRROR"; fi))
[ "$(cat stamps/sources 2>/dev/null)" = "$SRC_KEY" ] || { rm -rf stamps/*; step "$HERE/00-sources.sh"; echo "$SRC_KEY" > stamps/sources; }
DEPS_KEY=$(sum "$HERE/05-deps.sh" "$HERE/deps.pom.xml")
[ "$(cat stamps/deps 2>/dev/null)" = "$DEPS_KEY" ] || { rm -f stamps/layers; step "$HERE/05-deps.sh"; echo "$DEPS_KEY" > stamps/deps; }
LAYERS_KEY=$(sum stamps/sources stamps/deps "$HERE/10-build.sh" "$HERE/genmsgs.py" "$HERE/gentaglib.py" "$HERE/plugin-excludes.txt" \
  $(find "$HERE/jexl" "$HERE/stubs" -type f | sort))
[ "$(cat stamps/layers 2>/dev/null)" = "$LAYERS_KEY" ] || { step "$HERE/10-build.sh"; echo "$LAYERS_KEY" > stamps/layers; }
if [ -z "${SKIP_UI:-}" ]; then
  UI_KEY=$(sum stamps/sources "$HERE/15-ui.sh")
  [ "$(cat stamps/ui 2>/dev/null)" = "$UI_KEY" ] || { step "$HERE/15-ui.sh"; echo "$UI_KEY" > stamps/ui; }
fi
step "$HERE/25-war.sh"

echo "#### 30-project: the project's *JenkinsTest classes"
"$HERE/30-project.sh" "$@"; rc=$?
python3 - "$WORK/reports" <<'EOF'
import glob, sys, xml.etree.ElementTree as ET
n = f = e = s = 0
failed = []
for path in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    for suite in ET.parse(path).getroot().iter("testsuite"):
        n += int(suite.get("tests", 0)); f += int(suite.get("failures", 0))
        e += int(suite.get("errors", 0)); s += int(suite.get("skipped", 0))
        for case in suite.iter("testcase"):
            for kind in ("failure", "error"):
                for x in case.findall(kind):
                    failed.append(f"{case.get('classname')}.{case.get('name')}: {kind}: {(x.get('message') or '')[:300]}")
for line in failed:
    print("  FAILED " + line)
print(f"Tests run: {n}, Failures: {f}, Errors: {e}, Skipped: {s}")
sys.exit(0 if n > 0 and f + e == 0 else 1)
EOF
prc=$?
echo "real-jenkins: $(( $(date +%s)-T0 ))s, logs in $WORK/logs (test output: logs/project-run.log)"
[ $rc -eq 0 ] && [ $prc -eq 0 ] || exit 1
