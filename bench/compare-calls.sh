#!/usr/bin/env bash
# Call benchmarks before and after a change: the bench app (bench/, its `calls` command) built at two revisions, each
# against the extension built from the same revision, run against one nginx stub in ROUNDS alternating rounds.
#
#   bash bench/compare-calls.sh BEFORE [AFTER]        e.g. bash bench/compare-calls.sh 30cc54d main
#
# AFTER defaults to this checkout's working tree, uncommitted changes included (HEAD when there are none). Each
# revision is exported with git archive into a temp dir (deleted at the end), its extension installed there with
# ./mvnw install -DskipTests into a Maven repository of its own (-Dmaven.repo.local, with ~/.m2/repository as the
# tail), and its bench/ packaged; the two apps are kept in bench/target/compare/{before,after}/quarkus-app.
# A round runs, for each client, the BEFORE app then the AFTER app (the other way round in even rounds), each in its
# own JVM. The summary (markdown) goes to stdout and bench/target/last-compare-results.md.
#
# Environment: ROUNDS (3); CLIENTS ("blocking reactive rest-client rest-client-blocking"); BENCH_SECONDS (15),
# BENCH_WARMUP_SECONDS (20), BENCH_CONCURRENCY (1,64) and BENCH_JVM_OPTS (-Xmx512m) as in call-benchmark.sh;
# BENCH_TMPDIR (where the temp dir goes; $TMPDIR or /tmp). Needs a JDK 17, git, curl and nginx (apt-get installs the
# last two when missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
rounds="${ROUNDS:-3}"
clients="${CLIENTS:-blocking reactive rest-client rest-client-blocking}"
seconds="${BENCH_SECONDS:-15}"
warmup="${BENCH_WARMUP_SECONDS:-20}"
concurrency="${BENCH_CONCURRENCY:-1,64}"
jvm_opts="${BENCH_JVM_OPTS:--Xmx512m}"
read -r -a jvm_flags <<<"$jvm_opts"
keep="$here/target/compare"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: bash bench/compare-calls.sh BEFORE [AFTER]   (git revisions; AFTER: the working tree)" >&2
    exit 2
fi
before_sha="$(git -C "$root" rev-parse --verify "$1^{commit}")"
before_label="$1 ($(git -C "$root" rev-parse --short "$before_sha"))"
if [ $# -eq 2 ]; then
    after_sha="$(git -C "$root" rev-parse --verify "$2^{commit}")"
    after_label="$2 ($(git -C "$root" rev-parse --short "$after_sha"))"
elif [ -z "$(git -C "$root" status --porcelain)" ]; then
    after_sha="$(git -C "$root" rev-parse HEAD)"
    after_label="HEAD ($(git -C "$root" rev-parse --short HEAD))"
else
    after_sha=""
    after_label="the working tree (HEAD $(git -C "$root" rev-parse --short HEAD) and uncommitted changes)"
fi

missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
install_missing ${missing[@]+"${missing[@]}"}
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/opengater-compare-calls.XXXXXX")"
bench_start_cleanup

# ---- build: the extension and bench/ of each revision ------------------------------------------------------------
export_source() { # sha (empty: the working tree) dir
    mkdir -p "$2"
    if [ -n "$1" ]; then
        git -C "$root" archive "$1" | tar -x -C "$2"
    else
        (cd "$root" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
            if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
        done | tar --null --no-recursion -T - -cf -) | tar -x -C "$2"
    fi
}

build() { # side sha label
    local src="$work/$1/src" mvn=(./mvnw -B -q "-Dmaven.repo.local=$work/$1/m2" "-Dmaven.repo.local.tail=$HOME/.m2/repository")
    local jar
    echo "== $1: $3, exported to $src; the extension installed into $work/$1/m2, then bench/ packaged"
    export_source "$2" "$src"
    (cd "$src" && "${mvn[@]}" install -DskipTests -pl io.opengater:quarkus-opengater-storage-client-deployment -am)
    (cd "$src" && "${mvn[@]}" -f bench/pom.xml package)
    # the bench app must hold the extension jar just built, not one from ~/.m2/repository
    jar="$(cd "$src/runtime/target" && ls quarkus-opengater-storage-client-[0-9]*.jar)"
    if ! cmp -s "$src/runtime/target/$jar" "$src/bench/target/quarkus-app/lib/main/io.opengater.$jar"; then
        echo "$1: bench/target/quarkus-app does not hold the extension built from $3 ($jar)" >&2
        exit 1
    fi
    rm -rf "${keep:?}/$1"
    mkdir -p "$keep/$1"
    mv "$src/bench/target/quarkus-app" "$keep/$1/"
    rm -rf "$src"
}
build before "$before_sha" "$before_label"
build after "$after_sha" "$after_label"
if [ -n "$after_sha" ]; then
    bench_diff="$(git -C "$root" diff --shortstat "$before_sha" "$after_sha" -- bench/src bench/pom.xml)"
else
    bench_diff="$(git -C "$root" diff --shortstat "$before_sha" -- bench/src bench/pom.xml)"
fi

# ---- the stub, the machine ---------------------------------------------------------------------------------------
start_uploads_stub
IFS=, read -r -a levels <<<"$concurrency"
read -r -a client_list <<<"$clients"
runs=$((rounds * ${#client_list[@]} * 2))
machine="$(
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| BEFORE | $before_label |"
    echo "| AFTER | $after_label |"
    echo "| bench app sources (\`bench/src\`, \`bench/pom.xml\`) | ${bench_diff:-the same in both} |"
    echo "| cpu | $(nproc) x $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) |"
    echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| java | $(java -version 2>&1 | head -2 | tail -1) |"
    echo "| JVM flags (every JVM) | \`$jvm_opts\` |"
    echo "| nginx | $("$nginx_bin" -v 2>&1 | cut -d/ -f2) |"
    echo "| windows | warm-up ${warmup} s, timed ${seconds} s, per client and concurrency ($concurrency) |"
    echo "| rounds | $rounds: per client BEFORE then AFTER, AFTER first in even rounds; $runs JVMs |"
)"
echo "$machine"
awk -v n="$runs" -v l="${#levels[@]}" -v w="$warmup" -v s="$seconds" \
    'BEGIN { printf "== %d JVMs of about %.0f s each: about %.0f min\n", n, l * (w + s) + 3, n * (l * (w + s) + 3) / 60 }'

# ---- the rounds ----------------------------------------------------------------------------------------------------
results="$work/results.txt"
: >"$results"
run_app() { # side client round
    local out="$work/$1-$2-$3.out"
    echo "== round $3, $2, $1: java $jvm_opts"
    if ! java "${jvm_flags[@]}" -jar "$keep/$1/quarkus-app/quarkus-run.jar" calls --base-url="$base_url" \
        --client="$2" --concurrency="$concurrency" --warmup-seconds="$warmup" --seconds="$seconds" >"$out" 2>&1; then
        cat "$out" >&2
        exit 1
    fi
    grep '^CALLS ' "$out" | sed "s/^CALLS /CALLS side=$1 round=$3 /" | tee -a "$results"
}
for round in $(seq 1 "$rounds"); do
    order="before after"
    [ $((round % 2)) = 1 ] || order="after before"
    for client in "${client_list[@]}"; do
        for side in $order; do
            run_app "$side" "$client" "$round"
        done
    done
done

# ---- summary -------------------------------------------------------------------------------------------------------
summary="$(awk -v clients="$clients" -v rounds="$rounds" '
    function median(list,    a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function cost(table, s, c, l, format) { return ((s, c, l) in table) ? sprintf(format, median(table[s, c, l])) : "–" }
    function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.2f", a / b) : "–" }
    function each(s, c, l,    r, out) {
        for (r = 1; r <= rounds; r++) out = out (r > 1 ? ", " : "") (((s, c, l, r) in rate) ? sprintf("%.0f", rate[s, c, l, r]) : "–")
        return out
    }
    function goal(s, f, b, l,    r, per, m) {
        m = median(rates[s, f, l]) / median(rates[s, b, l])
        for (r = 1; r <= rounds; r++) per = per (r > 1 ? ", " : "") ratio(rate[s, f, l, r], rate[s, b, l, r])
        return sprintf("**%.2f** | %s | %s", m, per, m >= 0.95 ? "met" : "missed")
    }
    {
        delete f
        for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        s = f["side"]; c = f["client"]; l = f["concurrency"]; r = f["round"]
        rate[s, c, l, r] = f["calls_per_s"]
        rates[s, c, l] = rates[s, c, l] " " f["calls_per_s"]
        p50[s, c, l] = p50[s, c, l] " " f["p50_us"]
        p99[s, c, l] = p99[s, c, l] " " f["p99_us"]
        if ("cpu_us_per_call" in f) {
            cpu[s, c, l] = cpu[s, c, l] " " f["cpu_us_per_call"]
            bytes[s, c, l] = bytes[s, c, l] " " f["alloc_bytes_per_call"]
            switches[s, c, l] = switches[s, c, l] " " f["switches_per_call"]
        }
        if (!(l in seen)) { seen[l] = 1; levels[++nlevels] = l }
    }
    END {
        nclients = split(clients, cl, " ")
        print "| client | concurrency | BEFORE calls/s (median) | BEFORE per round | AFTER calls/s (median) | AFTER per round | AFTER / BEFORE | BEFORE p50 / p99 µs | AFTER p50 / p99 µs |"
        print "|---|---|---|---|---|---|---|---|---|"
        for (i = 1; i <= nclients; i++) for (j = 1; j <= nlevels; j++) {
            c = cl[i]; l = levels[j]
            if (!(("before", c, l) in rates) || !(("after", c, l) in rates)) continue
            b = median(rates["before", c, l]); a = median(rates["after", c, l])
            printf "| %s | %s | %.0f | %s | %.0f | %s | **%s** | %.0f / %.0f | %.0f / %.0f |\n", c, l, b, each("before", c, l), \
                a, each("after", c, l), ratio(a, b), median(p50["before", c, l]), median(p99["before", c, l]), \
                median(p50["after", c, l]), median(p99["after", c, l])
        }
        header = 0
        for (i = 1; i <= nclients; i++) for (j = 1; j <= nlevels; j++) {
            c = cl[i]; l = levels[j]
            if (!(("before", c, l) in cpu) && !(("after", c, l) in cpu)) continue
            if (!header++) {
                print ""
                print "| client | concurrency | BEFORE CPU µs / call | AFTER CPU µs / call | BEFORE bytes / call | AFTER bytes / call | BEFORE context switches / call | AFTER context switches / call |"
                print "|---|---|---|---|---|---|---|---|"
            }
            printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", c, l, cost(cpu, "before", c, l, "%.1f"), \
                cost(cpu, "after", c, l, "%.1f"), cost(bytes, "before", c, l, "%.0f"), cost(bytes, "after", c, l, "%.0f"), \
                cost(switches, "before", c, l, "%.2f"), cost(switches, "after", c, l, "%.2f")
        }
        base["blocking"] = "rest-client-blocking"; base["reactive"] = "rest-client"
        guarded["blocking"] = "rest-client-guarded-blocking"; guarded["reactive"] = "rest-client-guarded"
        header = 0
        for (j = 1; j <= nlevels; j++) for (k = 1; k <= 4; k++) {
            fa = k % 2 ? "blocking" : "reactive"; b = k <= 2 ? base[fa] : guarded[fa]; l = levels[j]
            if (!(("before", fa, l) in rates) || !(("before", b, l) in rates) || !(("after", fa, l) in rates) || !(("after", b, l) in rates)) continue
            if (!header++) {
                print ""
                print "| concurrency | facade ÷ baseline (the Quarkus REST client alone, or inside Fault Tolerance), same revision | BEFORE | per round | ≥ 0.95 | AFTER | per round | ≥ 0.95 |"
                print "|---|---|---|---|---|---|---|---|"
            }
            printf "| %s | %s ÷ %s | %s | %s |\n", l, fa, b, goal("before", fa, b, l), goal("after", fa, b, l)
        }
        print ""
        print "calls/s, p50, p99 and the costs per call: medians over the rounds; the ratios: of those medians, and per round of that round\047s runs. The costs per call are the whole bench JVM\047s during the timed window (CPU time, heap allocated, context switches of its threads), divided by its calls; a bench app older than them prints none (–)."
    }' "$results")"
echo
echo "== summary"
echo "$machine"
echo
echo "$summary"
mkdir -p "$here/target"
{
    echo "# Call benchmarks, BEFORE and AFTER, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$machine"
    echo
    echo "$summary"
    echo
    echo '```'
    cat "$results"
    echo '```'
} >"$here/target/last-compare-results.md"
echo
echo "(also in bench/target/last-compare-results.md; the apps in bench/target/compare/{before,after}/quarkus-app)"
