#!/usr/bin/env bash
# Prepares $WORK/run: the exploded war folder JTH's WarExploder uses (war/target/jenkins under a folder holding a
# ".jenkins" marker; tests run with $WORK/run as working directory), with core's web-fragment and the JS bundles.
set -euo pipefail
: "${WORK:?}" "${JDK:?}"
C=$WORK/classes RUN=$WORK/run W=$WORK/run/war/target/jenkins
rm -rf "$RUN"; mkdir -p "$W/META-INF" "$W/WEB-INF/lib" "$WORK/gen/fragment/META-INF"; touch "$RUN/.jenkins"
cp -r "$WORK/src/jenkins/war/src/main/webapp/." "$W/"
printf 'Manifest-Version: 1.0\nJenkins-Version: 2.555.3\nImplementation-Version: 2.555.3\n' > "$W/META-INF/MANIFEST.MF"
# JS/CSS bundles from 15-ui.sh (HtmlUnit pages need them)
if [ -d "$WORK/ui/war/src/main/webapp/jsbundles" ]; then cp -r "$WORK/ui/war/src/main/webapp/jsbundles" "$W/"; fi
# The Stapler servlet and filters are declared in core's META-INF/web-fragment.xml; Jetty only reads fragments from
# WEB-INF/lib jars, so give it a jar holding just that file (classes still come from the test classpath).
cp "$C/core/META-INF/web-fragment.xml" "$WORK/gen/fragment/META-INF/"
"$JDK/bin/jar" cf "$W/WEB-INF/lib/jenkins-core-fragment.jar" -C "$WORK/gen/fragment" .
echo "== war: $W"
