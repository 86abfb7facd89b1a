#!/usr/bin/env bash
# Call benchmarks (issue #9), run on demand (never by the build or CI), on loopback, in one run:
#   1. createUpload calls per second and p50/p99 latency at concurrency 1 and 64, against an nginx stub of
#      POST /uploads (a fixed JSON response, so the server is not the bottleneck), through the extension's blocking
#      facade, its reactive facade, and the same request written out on a raw Vert.x HttpClient (driven like the
#      reactive facade, and like the blocking one), on the JDK's HttpClient, and on the Quarkus REST client alone,
#      each in its own JVM (the same flags);
#   2. the same calls through the seed's Python client (our rewrite, bench/seed_client/, httpx + pydantic from Debian)
#      with asyncio tasks sharing one client;
#   3. start-up time (launch until GET /hello responds with 200; launch until the "started in" line; Quarkus's own
#      "started in") and RSS after start of a tiny quarkus-rest app with and without the extension, and with each of
#      its two dependencies and both without it, BENCH_STARTS (10) starts each, alternating.
# The summary (markdown) goes to stdout and bench/target/last-call-results.md.
#
#   bash bench/call-benchmark.sh
#
# Environment:
#   BENCH_SECONDS (15) and BENCH_WARMUP_SECONDS (20: on 2 vCPUs the JIT still compiles the REST client's path after
#     5 s, which measured the extension at a third of its speed): the timed window and the warm-up before it, per client and
#     concurrency (a smoke run: BENCH_SECONDS=3 BENCH_WARMUP_SECONDS=2 BENCH_STARTS=3);
#   BENCH_CONCURRENCY (1,64);
#   BENCH_CLIENTS ("blocking reactive raw raw-blocking jdk rest-client rest-client-blocking rest-client-guarded
#     rest-client-guarded-blocking python-seed"; the guarded ones: the REST client inside the Fault Tolerance guard the
#     extension builds from its defaults): the clients to
#     measure; empty: start-up only;
#   BENCH_STARTS (10): starts of each start-up app; 0 skips the start-up part;
#   BENCH_JVM_OPTS (-Xmx512m): the flags of every JVM the script starts (call runs and start-up apps);
#   BENCH_MAVEN_OPTS (empty): added to every ./mvnw call, e.g. "-Dmaven.repo.local=/tmp/m2 -Dmaven.repo.local.tail=$HOME/.m2/repository"
#     (the extension is installed into, and the bench apps take it from, that repository);
#   BENCH_SKIP_INSTALL=1: do not run ./mvnw install -DskipTests at the root first;
#   BENCH_TMPDIR: where the temp dir goes ($TMPDIR or /tmp).
# Needs a JDK 17, curl, nginx and Debian's python3 with python3-httpx and python3-pydantic (/usr/bin/python3: the
# python3 first on PATH may be another one without Debian's packages); the missing ones are installed with apt-get.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
seconds="${BENCH_SECONDS:-15}"
warmup="${BENCH_WARMUP_SECONDS:-20}"
concurrency="${BENCH_CONCURRENCY:-1,64}"
clients="${BENCH_CLIENTS-blocking reactive raw raw-blocking jdk rest-client rest-client-blocking rest-client-guarded rest-client-guarded-blocking python-seed}"
starts="${BENCH_STARTS:-10}"
jvm_opts="${BENCH_JVM_OPTS:--Xmx512m}"
read -r -a jvm_flags <<<"$jvm_opts"
read -r -a mvn_flags <<<"${BENCH_MAVEN_OPTS:-}"
py=/usr/bin/python3

# ---- prerequisites -------------------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ -x "$py" ] || missing+=(python3)
if [ ! -x "$py" ] || ! "$py" -c 'import httpx' 2>/dev/null; then missing+=(python3-httpx); fi
if [ ! -x "$py" ] || ! "$py" -c 'import pydantic' 2>/dev/null; then missing+=(python3-pydantic); fi
install_missing ${missing[@]+"${missing[@]}"}
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# ---- build ---------------------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_INSTALL:-}" != 1 ]; then
    echo "== ./mvnw install -DskipTests (the extension, into the local repository)"
    (cd "$root" && ./mvnw -B -q "${mvn_flags[@]}" install -DskipTests)
fi
echo "== building bench/ (the command-mode app) and bench/startup/ (the start-up apps, with and without the extension)"
(cd "$root" && ./mvnw -B -q "${mvn_flags[@]}" -f bench/pom.xml package)
(cd "$root" && ./mvnw -B -q "${mvn_flags[@]}" -f bench/startup/pom.xml package)
app="$here/target/quarkus-app/quarkus-run.jar"

# ---- temp dir, processes, cleanup ----------------------------------------------------------------------------
work="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/opengater-call-bench.XXXXXX")"
bench_start_cleanup

# ---- machine ---------------------------------------------------------------------------------------------------
echo "== machine"
machine="$(
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| cpu | $(nproc) x $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) |"
    echo "| memory | $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |"
    echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| java | $(java -version 2>&1 | head -2 | tail -1) |"
    echo "| JVM flags (every JVM) | \`$jvm_opts\` |"
    echo "| nginx | $("$nginx_bin" -v 2>&1 | cut -d/ -f2) |"
    echo "| python | $("$py" -c 'import sys, httpx, pydantic; print(sys.version.split()[0], "httpx", httpx.__version__, "pydantic", pydantic.VERSION)') |"
    echo "| windows | warm-up ${warmup} s, timed ${seconds} s, per client and concurrency |"
)"
echo "$machine"

# ---- nginx: the POST /uploads stub -----------------------------------------------------------------------------
start_uploads_stub

results="$work/results.txt" # CALLS and START lines
: >"$results"

# ---- 1. the Java clients, one JVM each -------------------------------------------------------------------------
for client in $clients; do
    [ "$client" != python-seed ] || continue
    echo "== $client: java $jvm_opts, concurrency $concurrency, ${warmup} s warm-up + ${seconds} s each"
    out="$work/$client.out"
    if ! java "${jvm_flags[@]}" -jar "$app" calls --base-url="$base_url" --client="$client" \
        --concurrency="$concurrency" --warmup-seconds="$warmup" --seconds="$seconds" >"$out" 2>&1; then
        cat "$out" >&2
        exit 1
    fi
    grep '^CALLS ' "$out" | tee -a "$results"
done

# ---- 2. the seed's client, in Python -----------------------------------------------------------------------------
pydantic_line="PYDANTIC validate_us=-"
pydantic_us="-"
if [[ " $clients " == *" python-seed "* ]]; then
    echo "== python-seed: $py, httpx.AsyncClient shared by N asyncio tasks, ${warmup} s warm-up + ${seconds} s each"
    out="$work/python.out"
    if ! "$py" -B "$here/seed_client/bench_seed.py" --base-url="$base_url" --concurrency="$concurrency" \
        --warmup-seconds="$warmup" --seconds="$seconds" >"$out" 2>&1; then
        cat "$out" >&2
        exit 1
    fi
    grep '^CALLS ' "$out" | tee -a "$results"
    pydantic_line="$(grep '^PYDANTIC ' "$out")"
    echo "$pydantic_line"
    pydantic_us="$(sed -E 's/.* validate_us=([0-9.]+).*/\1/' <<<"$pydantic_line")"
fi

# ---- 3. start-up time and RSS, with and without the extension ------------------------------------------------------
if [ "$starts" -gt 0 ]; then
    echo "== start-up: $starts starts of each app, alternating, java $jvm_opts"
    "$py" -B "$here/startup/measure_startup.py" --runs="$starts" --jvm-opts="$jvm_opts" \
        --app=without="$here/startup/without/target/quarkus-app/quarkus-run.jar" \
        --app=rest-client="$here/startup/rest-client/target/quarkus-app/quarkus-run.jar" \
        --app=fault-tolerance="$here/startup/fault-tolerance/target/quarkus-app/quarkus-run.jar" \
        --app=deps="$here/startup/deps/target/quarkus-app/quarkus-run.jar" \
        --app=with="$here/startup/with/target/quarkus-app/quarkus-run.jar" | tee -a "$results"
fi

# ---- summary ------------------------------------------------------------------------------------------------------
summary="$(awk -v pydantic_us="$pydantic_us" '
    function median(list,    a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function verdict(ok) { return ok ? "met" : "missed" }
    function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.2f", a / b) : "–" }
    function goal(b, r, base, least) { return (b > 0 && r > 0 && base > 0) ? verdict(b / base >= least && r / base >= least) : "–" }
    {
        delete f
        for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    }
    $1 == "CALLS" {
        key = f["client"] SUBSEP f["concurrency"]
        rate[key] = f["calls_per_s"]; p50[key] = f["p50_us"]; p99[key] = f["p99_us"]; calls[key] = f["calls"]
        if (!(f["concurrency"] in seen)) { seen[f["concurrency"]] = 1; levels[++nlevels] = f["concurrency"] }
    }
    $1 == "START" {
        app = f["app"]; n[app]++
        http[app] = http[app] " " f["http_ms"]; logl[app] = logl[app] " " f["log_ms"]
        own[app] = own[app] " " f["started_in_ms"]; rss[app] = rss[app] " " f["rss_kib"]
    }
    END {
        nclients = split("blocking reactive raw raw-blocking jdk rest-client rest-client-blocking rest-client-guarded rest-client-guarded-blocking python-seed", clients, " ")
        label["blocking"] = "extension, blocking `StorageClient` (N platform threads)"
        label["reactive"] = "extension, reactive `ReactiveStorageClient` (N calls in flight)"
        label["raw"] = "raw Vert.x `HttpClient` + Jackson (N calls in flight)"
        label["raw-blocking"] = "raw Vert.x `HttpClient` + Jackson (N platform threads waiting)"
        label["jdk"] = "raw JDK `java.net.http.HttpClient` + Jackson (N calls in flight)"
        label["rest-client"] = "Quarkus REST client alone, answer bound by Jackson (N calls in flight)"
        label["rest-client-blocking"] = "Quarkus REST client alone, answer bound by Jackson (N platform threads waiting)"
        label["rest-client-guarded"] = "Quarkus REST client + the default Fault Tolerance guard (N calls in flight)"
        label["rest-client-guarded-blocking"] = "Quarkus REST client + the default Fault Tolerance guard (N platform threads waiting)"
        label["python-seed"] = "seed client in Python (httpx + pydantic, N asyncio tasks)"
        if (nlevels == 0) print "(no calls measured)"
        else print "| client | concurrency | calls/s | p50 ms | p99 ms | calls in the window |"
        if (nlevels > 0) print "|---|---|---|---|---|---|"
        for (c = 1; c <= nclients; c++) for (l = 1; l <= nlevels; l++) {
            key = clients[c] SUBSEP levels[l]
            if (key in rate) printf "| %s | %s | %.0f | %.3f | %.3f | %s |\n", label[clients[c]], levels[l], \
                rate[key], p50[key] / 1000, p99[key] / 1000, calls[key]
        }
        print ""
        if (nlevels > 0) print "| concurrency | reactive / raw Vert.x | blocking / raw Vert.x | blocking / raw Vert.x blocking | goal ≥ 0.9 × raw Vert.x | reactive / raw JDK | blocking / raw JDK | goal ≥ 0.9 × raw JDK | reactive / REST client alone | blocking / REST client alone blocking | blocking / Python | reactive / Python | goal ≥ 5 × Python |"
        if (nlevels > 0) print "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        for (l = 1; l <= nlevels; l++) {
            lv = levels[l]
            b = rate["blocking" SUBSEP lv]; r = rate["reactive" SUBSEP lv]; raw = rate["raw" SUBSEP lv]
            rb = rate["raw-blocking" SUBSEP lv]; j = rate["jdk" SUBSEP lv]; rc = rate["rest-client" SUBSEP lv]
            rcb = rate["rest-client-blocking" SUBSEP lv]
            p = rate["python-seed" SUBSEP lv]
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", lv, ratio(r, raw), ratio(b, raw), \
                ratio(b, rb), goal(b, r, raw, 0.9), ratio(r, j), ratio(b, j), goal(b, r, j, 0.9), ratio(r, rc), \
                ratio(b, rcb), ratio(b, p), ratio(r, p), goal(b, r, p, 5)
        }
        if (nlevels > 0) {
            print ""
            print "| concurrency | reactive / REST client + Fault Tolerance | blocking / REST client + Fault Tolerance blocking | REST client + Fault Tolerance / alone, blocking |"
            print "|---|---|---|---|"
            for (l = 1; l <= nlevels; l++) {
                lv = levels[l]
                printf "| %s | %s | %s | %s |\n", lv, ratio(rate["reactive" SUBSEP lv], rate["rest-client-guarded" SUBSEP lv]), \
                    ratio(rate["blocking" SUBSEP lv], rate["rest-client-guarded-blocking" SUBSEP lv]), \
                    ratio(rate["rest-client-guarded-blocking" SUBSEP lv], rate["rest-client-blocking" SUBSEP lv])
            }
        }
        if (pydantic_us != "-") printf "\nPython: validating one answer into the pydantic `UploadResult` alone takes %s µs.\n", pydantic_us
        if (n["with"] > 0 && n["without"] > 0) {
            print ""
            print "| app | starts | launch → GET /hello 200 (median ms) | launch → \"started in\" line (median ms) | Quarkus \"started in\" (median ms) | RSS after start (median MiB) |"
            print "|---|---|---|---|---|---|"
            napps = split("without rest-client fault-tolerance deps with", apps, " ")
            appLabel["without"] = "without the extension (`quarkus-rest` only)"
            appLabel["rest-client"] = "+ `quarkus-rest-client-jackson` only"
            appLabel["fault-tolerance"] = "+ `quarkus-smallrye-fault-tolerance` only"
            appLabel["deps"] = "its dependencies only (+ `quarkus-rest-client-jackson`, `quarkus-smallrye-fault-tolerance`)"
            appLabel["with"] = "with the extension (a `StorageClient` injected)"
            for (a = 1; a <= napps; a++) {
                app = apps[a]
                if (!(app in n)) continue
                mh[app] = median(http[app]); ml[app] = median(logl[app]); mo[app] = median(own[app]); mr[app] = median(rss[app])
                printf "| %s | %d | %.0f | %.0f | %.0f | %.1f |\n", appLabel[app], n[app], mh[app], ml[app], mo[app], mr[app] / 1024
            }
            printf "| **difference** (with − without) | | **%+.0f** | %+.0f | %+.0f | **%+.1f** |\n", mh["with"] - mh["without"], \
                ml["with"] - ml["without"], mo["with"] - mo["without"], (mr["with"] - mr["without"]) / 1024
            if ("deps" in n) printf "| difference (with − its dependencies only): the extension alone | | %+.0f | %+.0f | %+.0f | %+.1f |\n", \
                mh["with"] - mh["deps"], ml["with"] - ml["deps"], mo["with"] - mo["deps"], (mr["with"] - mr["deps"]) / 1024
            split("rest-client fault-tolerance deps", parts, " ")
            partLabel["rest-client"] = "difference (+ the REST client only − without)"
            partLabel["fault-tolerance"] = "difference (+ Fault Tolerance only − without)"
            partLabel["deps"] = "difference (its dependencies only − without)"
            for (a = 1; a <= 3; a++) if (parts[a] in n) printf "| %s | | %+.0f | %+.0f | %+.0f | %+.1f |\n", partLabel[parts[a]], \
                mh[parts[a]] - mh["without"], ml[parts[a]] - ml["without"], mo[parts[a]] - mo["without"], (mr[parts[a]] - mr["without"]) / 1024
            printf "\nGoal: the extension adds ≤ 20 ms to the start (launch → first 200, medians): %s.\n", \
                verdict(mh["with"] - mh["without"] <= 20)
        }
    }' "$results")"
echo
echo "== summary (calls: ${warmup} s warm-up + ${seconds} s timed window per client and concurrency)"
echo "$machine"
echo
echo "$summary"
mkdir -p "$here/target"
{
    echo "# Call benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$machine"
    echo
    echo "$summary"
    echo
    echo '```'
    cat "$results"
    echo "$pydantic_line"
    echo '```'
} >"$here/target/last-call-results.md"
echo
echo "(also in bench/target/last-call-results.md)"
