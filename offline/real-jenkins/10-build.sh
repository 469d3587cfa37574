#!/usr/bin/env bash
# Compiles (full bodies, annotation processors on) every layer into $WORK/classes/<layer>, resources copied alongside.
# Usage: 10-build.sh [layer...]   (default: all, in order). Logs in $WORK/logs/<layer>.log
set -uo pipefail
: "${WORK:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
JDK=${JDK:-$(ls -d /usr/lib/jvm/temurin-2[1-9]*-jdk* 2>/dev/null | tail -1)}
JAVAC=$JDK/bin/javac; JAVA=$JDK/bin/java
cd "$WORK" || exit 3; mkdir -p classes logs gen
S=$WORK/src; C=$WORK/classes
# Central jars (fetched by 05-deps.sh), minus the ANTLR tool's own jars (build-time only).
# (Central's commons-jexl 1.1 is replaced by the "jexl" layer, a stand-in for the Jenkins fork)
DEPS=$(ls "$WORK"/deps/*.jar | grep -vE '/(antlr4-[0-9]|ST4-|antlr-runtime-3|org.abego|icu4j|javax.json|jakarta.json|codemodel|commons-jexl-1)' | tr '\n' ':')
ANTLR_TOOL=$(ls "$WORK"/deps/*.jar | grep -E '/(antlr4-|ST4-|antlr-runtime-3|org.abego|icu4j|javax.json|jakarta.json)' | tr '\n' ':')
# Each layer's real output folder is $WORK/layers/<layer>/target/classes ($C/<layer> links to it): core's
# ClassFilterImpl trusts (canonical) class locations ending in /target/classes/ like a plugin's own classes.
mkout() { local real=$WORK/layers/$1/target/${2:-classes}; rm -rf "$real" "$C/$1"; mkdir -p "$real"; ln -s "$real" "$C/$1"; }
cpof() { local r="$C/jexl:"; for l in "$@"; do r="$r$C/$l:"; done; echo "$r$DEPS"; }

# jc LAYER "src roots" "classpath" [extra javac args]  -- compiles all *.java under the roots; copies the sibling
# resources/ folders (and non-java files found in the roots) into the output.
jc() {
  local name=$1 roots=$2 cp=$3; shift 3
  local out=$C/$name t0=$(date +%s)
  mkout "$name"
  find $roots -name '*.java' > "logs/$name.files"
  "$JAVAC" -J-Xmx3g -encoding UTF-8 --release 21 -parameters -g -nowarn -XDsuppressNotes -Xmaxerrs 300 -proc:full \
     -implicit:class -d "$out" -cp "$cp" "$@" @"logs/$name.files" > "logs/$name.log" 2>&1
  local rc=$?
  for r in $roots; do
    [ -d "$r/../resources" ] && cp -r "$r/../resources/." "$out/"
    (cd "$r" && find . -type f ! -name '*.java' ! -name 'package.html' -exec cp --parents {} "$out/" \; ) 2>/dev/null
  done
  echo "== $name: rc=$rc, $(wc -l < logs/$name.files) files, $(grep -c ': error:' logs/$name.log) errors, $(( $(date +%s)-t0 ))s"
  [ $rc -eq 0 ] || grep -A2 ': error:' "logs/$name.log" | head -40
  return $rc
}

layer_jexl() {
  # Apache commons-jexl 1.1 (apache/commons-jexl tag 1.1) + ternary/Elvis grammar + sizeOf(Object,Uberspect),
  # regenerated with JavaCC 5.0 (Central): stands in for org.jenkins-ci:commons-jexl:1.1-jenkins-20111212.
  local g=$WORK/gen/jexl-src p=org/apache/commons/jexl/parser; rm -rf "$g"; mkdir -p "$g"
  cp -r "$S/jexl/src/java/." "$g/"; rm -rf "$g/org/apache/commons/jexl/junit"
  (cd "$g/$p" && rm -f Parser.jj Parser.java ParserConstants.java ParserTokenManager.java ParserTreeConstants.java ParserVisitor.java JJTParserState.java SimpleCharStream.java)
  cp "$HERE/jexl/"AST*.java "$g/$p/"; python3 "$HERE/jexl/patch-jexl.py" "$g/$p"
  (cd "$g/$p" && "$JAVA" -cp "$WORK/tooljars/javacc-5.0.jar" jjtree Parser.jjt && "$JAVA" -cp "$WORK/tooljars/javacc-5.0.jar" javacc Parser.jj) > logs/jexl-javacc.log 2>&1 || { cat logs/jexl-javacc.log; return 1; }
  jc jexl "$g" "$DEPS" -proc:none
}

layer_annotation_indexer() { jc annotation-indexer "$S/annotation-indexer/src/main/java" "$DEPS"; }

layer_libs() {
  # tiger-types uses '_' as an identifier: --release 8
  mkout tiger-types
  "$JAVAC" -nowarn --release 8 -d "$C/tiger-types" $(find "$S/tiger-types/src/main/java" -name '*.java') > logs/tiger-types.log 2>&1 || { cat logs/tiger-types.log; return 1; }
  jc libs "$S/symbol-annotation/src/main/java $S/version-number/src/main/java $S/task-reactor/src/main/java \
    $S/access-modifier/access-modifier-annotation/src/main/java $S/crypto-util/src/main/java \
    $S/bridge-method/annotation/src/main/java $S/winp/src/main/java $S/json-lib/src/main/java \
    $S/jelly/core/src/main/java $S/jelly/jelly-tags/define/src/main/java $S/jelly/jelly-tags/fmt/src/main/java \
    $S/jelly/jelly-tags/xml/src/main/java $S/remoting/src/main/java $S/support-log-formatter/src/main/java $HERE/stubs/java" \
    "$(cpof jexl annotation-indexer tiger-types)"
}

layer_stapler() {
  jc stapler "$S/stapler/core/src/main/java $S/stapler/jelly/src/main/java $S/stapler/groovy/src/main/java" \
    "$(cpof annotation-indexer tiger-types libs)"
}

gen_core() {
  rm -rf gen/core && mkdir -p gen/core
  python3 "$HERE/genmsgs.py" "$S/jenkins/core" gen/core
  python3 "$HERE/genmsgs.py" "$S/jenkins/cli" gen/core
  python3 "$HERE/gentaglib.py" "$S/jenkins/core/src/main/resources" gen/core
  ( cd "$S/jenkins/core/src/main/antlr4" && for g in hudson/model/labels/LabelExpression hudson/scheduler/Crontab; do mkdir -p "$WORK/gen/core/$(dirname $g)";
      "$JAVA" -cp "$ANTLR_TOOL" org.antlr.v4.Tool -o "$WORK/gen/core" -lib "$WORK/gen/core/$(dirname $g)" \
        -package "$(dirname $g | tr / .)" -listener -no-visitor -encoding UTF-8 "${g}Lexer.g4" "${g}Parser.g4" || exit 1; done )
}

layer_core() {
  gen_core || return 1
  # cli and websocket-spi only as far as core references them (-sourcepath + -implicit:class)
  jc core "$S/jenkins/core/src/main/java $WORK/gen/core" "$(cpof annotation-indexer tiger-types libs stapler)" \
    -sourcepath "$S/jenkins/cli/src/main/java:$S/jenkins/websocket/spi/src/main/java" || return 1
  cp -r "$S/jenkins/cli/src/main/resources/." "$C/core/" 2>/dev/null
  # maven-filtered resources
  mkdir -p "$C/core/jenkins/model" "$C/core/hudson/model"
  printf 'version=2.555.3\nchangelog.url=https://www.jenkins.io/changelog\n' > "$C/core/jenkins/model/jenkins-version.properties"
  sed 's/\${[^}]*}/2.555.3/g' "$S/jenkins/core/src/filter/resources/hudson/model/hudson-version.properties" > "$C/core/hudson/model/hudson-version.properties"
}

layer_jth() {
  # Jetty ee9 only (core 2.555 is Jakarta Servlet 5); files needing artifacts Central lacks are left out (see NOTES.md)
  local root=$WORK/gen/jth-src; rm -rf "$root"; mkdir -p "$root"; cp -r "$S/jth/src/main/java/." "$root/"
  ( cd "$root" && rm -rf $JTH_EXCLUDE
    # ee9 only: the ee10 branch of the update-center proxy is dead code on Servlet 5, point it at ee9 classes
    sed -i 's/org.eclipse.jetty.ee10.servlet/org.eclipse.jetty.ee9.servlet/' org/jvnet/hudson/test/JavaNetReverseProxy2.java
    # JTH is built against the Jenkins fork of htmlunit (VarScope); Central's htmlunit-core-js has Scriptable there
    sed -i '/import org.htmlunit.corejs.javascript.VarScope;/d; s/\bVarScope\b/Scriptable/g' org/jvnet/hudson/test/rhino/CallStackFrame.java )
  jc jth "$root $HERE/stubs/jth" "$(cpof annotation-indexer tiger-types libs stapler core)" || return 1
  cp -r "$S/jth/src/main/resources/." "$C/jth/"
}
JTH_EXCLUDE="org/jvnet/hudson/test/jetty/Jetty12EE10Provider.java jenkins/benchmark/jmh org/jvnet/hudson/test/MemoryAssert.java"

layer_dgm() {
  # groovy-cps's CpsDefaultGroovyMethods & co: workflow-cps/dgm-builder translates Groovy's DGM sources (it expects
  # one jar holding both Groovy's classes and sources, as its jar-with-dependencies does).
  local t0=$(date +%s) d=$WORK/gen/dgm-tool; rm -rf "$d" && mkdir -p "$d/x" "$d/classes"
  (cd "$d/x" && unzip -qo "$(ls $WORK/deps/groovy-all-*.jar)" && unzip -qo "$(ls $WORK/tooljars/groovy-*-sources.jar)" && rm -rf META-INF/*.SF META-INF/*.RSA META-INF/*.DSA)
  "$JDK/bin/jar" cf "$d/groovy-with-sources.jar" -C "$d/x" . && rm -rf "$d/x"
  "$JAVAC" -nowarn -d "$d/classes" -cp "$WORK/tooljars/codemodel-2.7.jar:$C/libs:$d/groovy-with-sources.jar" \
    $(find "$S/workflow-cps/dgm-builder/src/main/java" -name '*.java') > logs/dgm.log 2>&1 || { cat logs/dgm.log; return 1; }
  cp -r "$S/workflow-cps/dgm-builder/src/main/resources/." "$d/classes/"
  rm -rf "$WORK/gen/dgm"
  "$JAVA" --add-opens=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED -cp "$d/groovy-with-sources.jar:$d/classes:$WORK/tooljars/codemodel-2.7.jar:$C/libs" \
    com.cloudbees.groovy.cps.tool.Driver "$WORK/gen/dgm" >> logs/dgm.log 2>&1 || { tail -30 logs/dgm.log; return 1; }
  echo "== dgm: $(find $WORK/gen/dgm -name '*.java' | wc -l) generated files, $(( $(date +%s)-t0 ))s"
}

PLUGINS="structs scm-api workflow-step-api workflow-api workflow-support workflow-scm-step script-security groovy-sandbox
  workflow-cps/lib workflow-cps/plugin workflow-job workflow-basic-steps durable-task workflow-durable-task-step
  bouncycastle-api credentials plain-credentials credentials-binding pipeline-stage-step"
# files whose optional/absent dependencies (support-core, mailer, durable-task, ...) are not built here
PLUGIN_EXCLUDE="$(cat "$HERE/plugin-excludes.txt" 2>/dev/null | grep -v '^#')"
layer_plugins() {
  local root=$WORK/gen/plugins-src roots=""; rm -rf "$root" "$WORK/gen/plugins-msgs"; mkdir -p "$root"
  for p in $PLUGINS; do
    mkdir -p "$root/$p"; cp -r "$S/$p/src/main/java" "$root/$p/"; roots="$roots $root/$p/java"
    [ -d "$S/$p/src/main/resources" ] && { mkdir -p "$root/$p/resources"; cp -r "$S/$p/src/main/resources/." "$root/$p/resources/"; }
    python3 "$HERE/genmsgs.py" "$S/$p" "$WORK/gen/plugins-msgs" >/dev/null
  done
  (cd "$root" && for x in $PLUGIN_EXCLUDE; do rm -rf $x; done)
  jc plugins "$roots $WORK/gen/dgm $WORK/gen/plugins-msgs $HERE/stubs/plugins" "$(cpof annotation-indexer tiger-types libs stapler core)"
}

layer_casc() {
  # configuration-as-code plugin + the one class of its test-harness the project uses (AbstractRoundTripTest); the
  # rest of test-harness needs everit-json-schema and flexmark (schema and README tests), not built here.
  local th=$WORK/gen/casc-test-harness; rm -rf "$th"; mkdir -p "$th/io/jenkins/plugins/casc/misc/junit/jupiter"
  cp "$S/casc/test-harness/src/main/java/io/jenkins/plugins/casc/misc/junit/jupiter/AbstractRoundTripTest.java" "$th/io/jenkins/plugins/casc/misc/junit/jupiter/"
  jc casc "$S/casc/plugin/src/main/java $th $HERE/stubs/casc" "$(cpof annotation-indexer tiger-types libs stapler core jth plugins)"
}

LAYERS_ALL="jexl annotation_indexer libs stapler core jth dgm plugins casc"
for l in ${@:-$LAYERS_ALL}; do layer_${l//-/_} || { echo "layer $l failed"; exit 1; }; done
