# Sourced (POSIX sh) by ./mvnw, ./hyperloom and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME or a `java` on PATH that is already 21+; otherwise searches the usual JVM
# directories and picks the newest 21+ JDK; fails with a clear message when there is none.
hyperloom_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
hyperloom_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(hyperloom_java_major "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge 21 ]; then HYPERLOOM_JAVA_MAJOR=$v; return 0; fi
  fi
  if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
    v=$(hyperloom_java_major java)
    if [ "${v:-0}" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")"); export JAVA_HOME
      HYPERLOOM_JAVA_MAJOR=$v
      return 0
    fi
  fi
  best=""; bestv=0
  case $- in *f*) hyperloom_noglob=1; set +f ;; *) hyperloom_noglob=0 ;; esac
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$(hyperloom_java_major "$d/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  [ "$hyperloom_noglob" = 1 ] && set -f
  if [ -z "$best" ]; then
    echo "hyperloom needs a JDK 21 or newer; found none (checked JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best; export JAVA_HOME
  HYPERLOOM_JAVA_MAJOR=$bestv
}
