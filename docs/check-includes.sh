#!/bin/sh
# Compares the configuration reference that this build generated with the committed one, and fails the build when
# they differ. Called by the docs module's pom.xml (exec-maven-plugin) as:
#   sh check-includes.sh GENERATED_DIR COMMITTED_DIR
# Everything in COMMITTED_DIR (docs/modules/ROOT/pages/includes) is generated: the .adoc files of
# quarkus-config-doc-maven-plugin and attributes.adoc, filtered from docs/templates/includes. On a difference the
# fresh files replace the committed ones, so that fixing the build is a matter of reviewing and committing them.
set -eu

generated=$1
committed=$2
main=quarkus-opengater-storage-client.adoc
fix='./mvnw -pl docs -am install'

if [ ! -f "$generated/$main" ]; then
    cat >&2 <<MSG
[docs] No configuration reference was generated ($generated/$main is missing).
[docs] The generator reads runtime/target/quarkus-config-doc, which the runtime module's compilation writes:
[docs] build the runtime in the same run, as in: $fix
MSG
    exit 1
fi

if diff -r -u "$committed" "$generated" >/dev/null 2>&1; then
    exit 0
fi

{
    echo "[docs] The committed configuration reference is stale: docs/modules/ROOT/pages/includes does not match"
    echo "[docs] the Javadoc of the @ConfigMapping interfaces. Difference (committed -> generated):"
    diff -r -u "$committed" "$generated" | head -n 80 || true
} >&2

mkdir -p "$committed"
rm -f "$committed"/*
cp "$generated"/* "$committed"/

cat >&2 <<MSG
[docs] The fresh files have been written to docs/modules/ROOT/pages/includes. To fix the build, review them
[docs] (git diff docs/modules/ROOT/pages/includes), commit them, and build again: $fix
MSG
exit 1
