#!/bin/sh
# Compares the configuration reference that this build generated with the committed one. Called by the docs
# module's pom.xml (exec-maven-plugin, from the docs directory) as:
#   sh check-includes.sh WORK_DIR COMMITTED_DIR RUNTIME_DIR
# WORK_DIR/includes holds what the build generated; COMMITTED_DIR is docs/modules/ROOT/pages/includes, where
# everything is generated: the .adoc files of quarkus-config-doc-maven-plugin and attributes.adoc, filtered from
# docs/templates/includes. RUNTIME_DIR is the runtime module, whose compilation writes the model the generator reads.
#
# When the model is missing or older than the runtime's sources (the runtime was not built in this run), it leaves
# the marker WORK_DIR/not-generated and compares nothing. On a difference it prints it, writes the fresh files over the
# committed ones (fixing the build is then a matter of reviewing and committing them) and leaves WORK_DIR/stale. The
# enforcer execution that follows fails the build on either marker, with a message that says what to do. The script
# itself fails only when it cannot do its work.
set -eu

work=$1
committed=$2
runtime=$3
generated=$work/includes
model=$runtime/target/quarkus-config-doc/quarkus-config-model.yaml

if [ ! -f "$model" ] || [ ! -f "$generated/quarkus-opengater-storage-client.adoc" ]; then
    echo "[docs] No configuration reference was generated: $model is missing." >&2
    : > "$work/not-generated"
    exit 0
fi
newer=$(find "$runtime/src/main/java" -type f -name "*.java" -newer "$model" | head -n 1)
if [ -n "$newer" ]; then
    echo "[docs] $model is older than $newer: the runtime module was not compiled since it changed." >&2
    : > "$work/not-generated"
    exit 0
fi

if diff -r -u "$committed" "$generated" >/dev/null 2>&1; then
    exit 0
fi

{
    echo "[docs] $committed is stale. Difference (committed -> generated):"
    diff -r -u "$committed" "$generated" | head -n 80 || true
} >&2

mkdir -p "$committed"
rm -f "$committed"/*
cp "$generated"/* "$committed"/
echo "[docs] The fresh files have been written to $committed." >&2
: > "$work/stale"
