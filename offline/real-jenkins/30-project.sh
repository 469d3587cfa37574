#!/usr/bin/env bash
# Builds the plugin project (PROJECT: its src/main/java, plus aws-credentials and variant from the sources) on top of
# the layers, compiles its *JenkinsTest classes and runs them with the JUnit Platform console launcher; XML reports go
# to $WORK/reports. Nothing is written in PROJECT (a copy goes to $WORK/project).
# Usage: PROJECT=<plugin repo> JDK=<jdk home> 30-project.sh [test class FQN ...]   (default: every *JenkinsTest)
set -uo pipefail
: "${WORK:?}" "${PROJECT:?set PROJECT to the plugin repository}" "${JDK:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
C=$WORK/classes; cd "$WORK" || exit 3; mkdir -p logs gen
DEPS=$(ls "$WORK"/deps/*.jar | grep -vE '/(antlr4-[0-9]|ST4-|antlr-runtime-3|org.abego|icu4j|javax.json|jakarta.json|codemodel|commons-jexl-1)' | tr '\n' ':')
rm -rf project && mkdir project && (cd "$PROJECT" && tar -c --exclude=target src offline/pom.xml pom.xml docs README.md) | tar -x -C project
# The project's third-party jars (AWS SDK v2 ...) from its offline pom, minus what the layers and deps provide.
# Cached by the pom's checksum; the Maven cache is used offline first.
POMSUM=$(sha256sum project/offline/pom.xml | cut -c1-16)
if [ "$(cat project-cp.stamp 2>/dev/null)" != "$POMSUM" ]; then
  (cd project && { mvn -o -q -B -f offline/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/project-cp.txt" ||
     mvn -q -B -f offline/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/project-cp.txt"; }) > logs/project-cp.log 2>&1 \
    || { tail logs/project-cp.log; exit 1; }
  echo "$POMSUM" > project-cp.stamp
fi
PCP=$(tr ':' '\n' < project-cp.txt | grep -vE '/(spring-|guava-|jakarta.servlet|junit|opentest|apiguardian|jenkins-pipeline-unit|ivy-|groovy-all|slf4j-|commons-io-|commons-codec-|httpclient-4|spotbugs|jsr305|failureaccess|listenablefuture|jspecify|error_prone|j2objc|micrometer|commons-logging|snakeyaml)' | tr '\n' ':')
mkdir -p projdeps; [ -f projdeps/aws-java-sdk-core-1.12.788.jar ] || { mvn -o -q -B dependency:copy -Dartifact=com.amazonaws:aws-java-sdk-core:1.12.788 -DoutputDirectory="$WORK/projdeps" ||
  mvn -q -B dependency:copy -Dartifact=com.amazonaws:aws-java-sdk-core:1.12.788 -DoutputDirectory="$WORK/projdeps"; } > logs/projdeps.log 2>&1
PCP="$PCP$(ls "$WORK"/projdeps/*.jar | tr '\n' ':')"
LAYERS="$C/jexl:$C/casc:$C/plugins:$C/jth:$C/core:$C/stapler:$C/libs:$C/tiger-types:$C/annotation-indexer"
# aws-credentials + variant + the project's main code: one layer, recompiled only when src/main or this script changed
S=$WORK/src; OUT=$WORK/layers/project/target/classes
MAIN_KEY=$( (cat "$HERE/30-project.sh" project-cp.stamp; find project/src/main -type f | sort | xargs sha256sum) | sha256sum | cut -c1-16)
if [ "$(cat stamps/project-main 2>/dev/null)" = "$MAIN_KEY" ] && [ -d "$OUT" ]; then
  echo "== project main: unchanged"
else
  rm -f stamps/project-main; mkdir -p stamps
  rm -rf gen/project-msgs gen/project-src; mkdir -p gen/project-msgs gen/project-src
  cp -r "$S/aws-credentials" "$S/variant" gen/project-src/
  # optional Declarative (pipeline-model-extensions) integration of aws-credentials is left out
  rm -f gen/project-src/aws-credentials/src/main/java/com/cloudbees/jenkins/plugins/awscredentials/AWSDeclarativeCredentialsHandler.java
  python3 "$HERE/genmsgs.py" gen/project-src/aws-credentials gen/project-msgs >/dev/null; python3 "$HERE/genmsgs.py" project gen/project-msgs >/dev/null
  rm -rf "$OUT" "$C/project"; mkdir -p "$OUT"; ln -s "$OUT" "$C/project"
  find gen/project-src/aws-credentials/src/main/java gen/project-src/variant/src/main/java project/src/main/java gen/project-msgs -name '*.java' > logs/project.files
  t0=$(date +%s)
  "$JDK/bin/javac" -J-Xmx2g -encoding UTF-8 --release 21 -parameters -g -nowarn -proc:full -implicit:class -Xmaxerrs 100 \
    -d "$OUT" -cp "$LAYERS:$DEPS$PCP" @logs/project.files > logs/project.log 2>&1 || { grep -A2 ': error:' logs/project.log | head -40; exit 1; }
  cp -r gen/project-src/aws-credentials/src/main/resources/. gen/project-src/variant/src/main/resources/. project/src/main/resources/. "$OUT/"
  echo "$MAIN_KEY" > stamps/project-main
  echo "== project main: $(wc -l < logs/project.files) files, $(( $(date +%s)-t0 ))s"
fi
# Tests: every *JenkinsTest; the rest of src/test/java (simulator, test helpers) only as far as they reference it.
T=$WORK/layers/project-test/target/test-classes; rm -rf "$T" "$C/project-test"; mkdir -p "$T"; ln -s "$T" "$C/project-test"
TESTS=$(find project/src/test/java -name '*JenkinsTest.java' | sort)
# Helpers from plugin test jars: compiled explicitly (implicitly compiled sources get no annotation processing, so
# StepConfigTester's @Extension descriptor would be missing from the SezPoz index).
HELPERS="$S/workflow-step-api/src/test/java/org/jenkinsci/plugins/workflow/steps/StepConfigTester.java"
t0=$(date +%s)
"$JDK/bin/javac" -J-Xmx2g -encoding UTF-8 --release 21 -parameters -g -nowarn -proc:full -implicit:class -Xmaxerrs 100 \
  -d "$T" -cp "$C/project:$LAYERS:$DEPS$PCP" -sourcepath "project/src/test/java:$S/workflow-step-api/src/test/java" $TESTS $HELPERS > logs/project-test.log 2>&1 || { grep -A2 ': error:' logs/project-test.log | head -40; exit 1; }
[ -d project/src/test/resources ] && cp -r project/src/test/resources/. "$T/"
cp -r "$S/workflow-step-api/src/test/resources/." "$T/"   # StepConfigTester/StepBuilder/config.jelly
echo "== project tests: $(echo $TESTS | wc -w) *JenkinsTest files, $(( $(date +%s)-t0 ))s"
# One stub .jpi per plugin: JTH's UnitTestSupportingPluginManager installs what test-dependencies/index lists, so
# getPlugin(...) and /plugin/<id>/ work while every class still comes from the flat classpath (parent-first).
PLUGIN_IDS="structs scm-api workflow-step-api workflow-api workflow-support workflow-scm-step script-security workflow-cps workflow-job
  workflow-basic-steps durable-task workflow-durable-task-step bouncycastle-api credentials plain-credentials credentials-binding
  pipeline-stage-step configuration-as-code variant aws-credentials aws-rollout"
TD=$T/test-dependencies; mkdir -p "$TD"; : > "$TD/index"; J=$WORK/gen/jpi-project; rm -rf "$J"
for p in $PLUGIN_IDS; do
  mkdir -p "$J/$p/WEB-INF/lib" "$J/$p-lib"
  printf 'Manifest-Version: 1.0\nShort-Name: %s\nLong-Name: %s\nExtension-Name: %s\nPlugin-Version: 999999-flat\nJenkins-Version: 2.555.3\n' "$p" "$p" "$p" > "$J/$p.mf"
  "$JDK/bin/jar" cfm "$J/$p/WEB-INF/lib/$p.jar" "$J/$p.mf" -C "$J/$p-lib" . && "$JDK/bin/jar" cfm "$TD/$p.jpi" "$J/$p.mf" -C "$J/$p" . && echo "$p" >> "$TD/index"
done
RUN=$WORK/run; [ -f "$RUN/war/target/jenkins/WEB-INF/lib/jenkins-core-fragment.jar" ] || { echo "run 25-war.sh first (it prepares $RUN)"; exit 1; }
SEL=""; if [ $# -gt 0 ]; then for c in "$@"; do SEL="$SEL --select-class=$c"; done; else for f in $TESTS; do c=${f#project/src/test/java/}; c=${c%.java}; SEL="$SEL --select-class=${c//\//.}"; done; fi
rm -rf "$WORK/reports"; mkdir -p "$WORK/reports"
# No -D names that views use as variables: Jelly resolves unknown variables from system properties.
cd "$RUN" && "$JDK/bin/java" -Xmx2g -Djava.awt.headless=true -Dproject.root="$WORK/project" \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED \
  --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED ${JAVA_OPTS:-} \
  -cp "$C/project-test:$C/project:$LAYERS:$DEPS$PCP" org.junit.platform.console.ConsoleLauncher execute --disable-banner --disable-ansi-colors --details=tree \
  --config=junit.jupiter.execution.timeout.default=${TEST_TIMEOUT:-6m} --reports-dir="$WORK/reports" $SEL 2>&1 \
  | grep --line-buffered -v 'InterruptedException while in waitForJobsStartingBefore' | head -c 200000000 > "$WORK/logs/project-run.log"
rc=${PIPESTATUS[0]}   # (an interrupted HtmlUnit page can log without end: the log is capped at 200 MB)
grep -E '^[│├└ ]*[├└]─ |✘|\[ +[0-9]+ ' "$WORK/logs/project-run.log" | grep -vE '^\s+at ' | tail -80
exit $rc
