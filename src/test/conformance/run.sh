#!/usr/bin/env bash
# Conformance suite: starts the standalone simulator on the demo world and drives it with independent AWS clients
# (the AWS CLI v2, boto3, Ansible's amazon.aws/community.aws modules). Prints one line per client (calls tried, passed)
# and a final "N passed, N failed"; exits non-zero when any call fails. The simulator is always stopped.
#
#   src/test/conformance/run.sh [--table FILE]      (after mvn -f offline/pom.xml test-compile)
#
# --table FILE also writes the coverage table (operations per service and the clients that called them, from the
# simulator's call log) as Markdown. Environment: SIM_SPEED (default 60), CLIENTS (default "cli boto3 ansible"),
# MVN_FLAGS (extra flags for the Maven call that resolves the test classpath, e.g. -o), CONFORMANCE_OUT (a directory
# to keep the per-call results, the simulator's call log and its output in).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
TABLE=""
if [[ "${1:-}" == "--table" ]]; then TABLE=$(realpath -m "$2"); fi
CLIENTS=${CLIENTS:-"cli boto3 ansible"}
WORK=$(mktemp -d /tmp/aws-conformance.XXXXXX)
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
SIM_PID=""

stop_simulator() {
    if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill "$SIM_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SIM_PID" 2>/dev/null || true
    fi
}
trap 'stop_simulator; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
if [[ ! -d offline/target/test-classes/io/jenkins/plugins/awsrollout/sim ]]; then
    mvn -B -q ${MVN_FLAGS:-} -f offline/pom.xml test-compile
fi
mvn -B -q ${MVN_FLAGS:-} -f offline/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
# The simulator runs from a copy of the compiled classes, so that a rebuild meanwhile cannot change it under the suite.
cp -r offline/target/test-classes "$WORK/test-classes" && cp -r offline/target/classes "$WORK/classes"
java -cp "$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")" \
    -Dproject.root="$ROOT" -Dsim.port=0 -Dsim.speed="${SIM_SPEED:-60}" -Dsim.callLog="$WORK/calls.tsv" \
    io.jenkins.plugins.awsrollout.sim.AwsSimulatorMain >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 300); do
    grep -q 'aws-sim listening on' "$WORK/sim.log" 2>/dev/null && break
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.log"; echo "the simulator did not start"; exit 1; }
    sleep 0.1
done
ENDPOINT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sim.log" | head -1)
[[ -n "$ENDPOINT" ]] || { cat "$WORK/sim.log"; echo "the simulator did not start"; exit 1; }
export ENDPOINT RESULTS
echo "simulator at $ENDPOINT (speed ${SIM_SPEED:-60}); clients: $CLIENTS"

for client in $CLIENTS; do
    started=$SECONDS
    case "$client" in
        cli) "$HERE/cli.sh" ;;
        boto3) /usr/bin/python3 "$HERE/boto3_suite.py" ;;
        ansible) "$HERE/ansible/run.sh" ;;
        *) echo "unknown client $client"; exit 2 ;;
    esac || printf '%s\tsuite\tscript\tfail\tthe client script exited %s\n' "$client" "$?" >>"$RESULTS"
    awk -F'\t' -v c="$client" -v s=$((SECONDS - started)) '$1 == c { n++; if ($4 == "pass") p++ }
        END { printf "%-8s %d calls tried, %d passed (%d s)\n", c ":", n, p, s }' "$RESULTS"
done

stop_simulator
if [[ -n "${CONFORMANCE_OUT:-}" ]]; then
    mkdir -p "$CONFORMANCE_OUT" && cp "$RESULTS" "$WORK/calls.tsv" "$WORK/sim.log" "$CONFORMANCE_OUT/" 2>/dev/null || true
fi
if [[ -n "$TABLE" ]]; then
    /usr/bin/python3 "$HERE/coverage.py" "$WORK/calls.tsv" "$RESULTS" >"$TABLE"
    echo "coverage table written to $TABLE"
fi
failed=$(awk -F'\t' '$4 != "pass"' "$RESULTS" | wc -l)
passed=$(awk -F'\t' '$4 == "pass"' "$RESULTS" | wc -l)
if (( failed > 0 )); then
    echo "failed calls:"
    awk -F'\t' '$4 != "pass" { printf "  %s %s %s: %s\n", $1, $2, $3, $5 }' "$RESULTS"
fi
echo "$passed passed, $failed failed"
(( failed == 0 ))
