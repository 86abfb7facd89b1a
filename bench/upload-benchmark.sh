#!/usr/bin/env bash
# Upload benchmark, run on demand (never by the build or CI): one 1 GiB file PUT over loopback
#   - by the extension (StorageClient.upload(Path, ..) in a Quarkus command-mode app, java -Xmx128m), and
#   - by curl -T (the same kind of URL),
# to two PUT targets: nginx (WebDAV PUT into a directory) and S3Proxy (filesystem blob store, SigV4 presigned URLs),
# each with and without the checksum (upload.checksum=none|md5; for curl, md5 is `openssl dgst -md5` of the file,
# timed, then curl -T with the Content-MD5 header, which S3Proxy verifies and nginx ignores).
# Per target and checksum, one extension JVM uploads the file once untimed (warm-up) and then BENCH_RUNS times (5),
# deleting each stored copy before the next; curl then runs BENCH_RUNS times. The summary gives MiB/s per run, the
# medians, the ratios extension/curl per target and checksum, md5/none for each tool, and the peak RSS of each
# extension JVM.
#
#   bash bench/upload-benchmark.sh
#
# Environment: BENCH_RUNS (5), BENCH_SIZE_MIB (1024), BENCH_CHECKSUMS ("none md5": the upload.checksum values to
# measure, in that order), BENCH_TMPDIR (where the temp dir goes; default /dev/shm when
# it has room, so that neither the source file nor what the targets store touches a disk, else $TMPDIR or /tmp),
# BENCH_SKIP_INSTALL=1 (do not run ./mvnw install -DskipTests at the root first), BENCH_WARMUP_RUNS (1: untimed
# uploads of the file in the extension's JVM before the timed ones, as a running service has made calls before; 0
# for a cold JVM), BENCH_DIAGNOSE=0 (skip the diagnosis after the comparison: the extension's kind of PUT written out in
# the bench app, Vert.x AsyncFile streaming with several buffer sizes and a FileRegion, to nginx).
# Needs a JDK 17, curl, openssl, GNU time (/usr/bin/time) and nginx; the last three are installed with apt-get when
# missing. A smoke run of a few seconds (not a measurement):
#   BENCH_SIZE_MIB=8 BENCH_RUNS=1 BENCH_WARMUP_RUNS=0 BENCH_DIAGNOSE=0 bash bench/upload-benchmark.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
runs="${BENCH_RUNS:-5}"
warmup_runs="${BENCH_WARMUP_RUNS:-1}"
size_mib="${BENCH_SIZE_MIB:-1024}"
checksums="${BENCH_CHECKSUMS:-none md5}"
for checksum in $checksums; do
    case "$checksum" in
        none | md5) ;;
        *) echo "BENCH_CHECKSUMS: $checksum is neither none nor md5" >&2; exit 2 ;;
    esac
done
size=$((size_mib * 1048576))
content_type="application/octet-stream"
access_key="bench-access"
secret_key="bench-secret-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
bucket="bench"

# ---- prerequisites -------------------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/time ] || missing+=(time)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
install_missing ${missing[@]+"${missing[@]}"}
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# ---- build ---------------------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_INSTALL:-}" != 1 ]; then
    echo "== ./mvnw install -DskipTests (the extension, into the local repository)"
    (cd "$root" && ./mvnw -B -q install -DskipTests)
fi
echo "== building bench/ (the Quarkus command-mode app, and S3Proxy's jar)"
(cd "$root" && ./mvnw -B -q -f bench/pom.xml package)
app="$here/target/quarkus-app/quarkus-run.jar"
s3proxy_jar="$here/target/s3proxy/s3proxy.jar"

# ---- temp dir, processes, cleanup ----------------------------------------------------------------------------
base="${BENCH_TMPDIR:-}"
if [ -z "$base" ]; then
    base="${TMPDIR:-/tmp}"
    # the source file plus one stored copy at a time, with room to spare
    if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((size_mib * 3 * 1024)) ]; then
        base=/dev/shm
    fi
fi
work="$(mktemp -d "$base/opengater-upload-bench.XXXXXX")"
bench_start_cleanup

# ---- machine ---------------------------------------------------------------------------------------------------
echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(nproc) x $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "java:   $(java -version 2>&1 | head -2 | tail -1)"
echo "curl:   $(curl --version | head -1 | cut -d' ' -f1-2)"
echo "nginx:  $("$nginx_bin" -v 2>&1 | cut -d/ -f2)"
echo "tmp:    $work ($(df -PT "$work" | awk 'NR == 2 { print $2 }'))"

echo "== writing the ${size_mib} MiB source file (random bytes)"
file="$work/upload.bin"
head -c "$size" /dev/urandom >"$file"

# ---- nginx: a PUT sink writing into a directory --------------------------------------------------------------
mkdir -p "$work/nginx/root/put" "$work/nginx/body" "$work/nginx/tmp"
nginx_port="$(free_port)"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/tmp;
    fastcgi_temp_path $work/nginx/tmp;
    uwsgi_temp_path $work/nginx/tmp;
    scgi_temp_path $work/nginx/tmp;
    server {
        listen 127.0.0.1:$nginx_port;
        location /put/ {
            root $work/nginx/root;
            dav_methods PUT DELETE;
            create_full_put_path on;
            client_max_body_size 2g;
            client_body_buffer_size 1m;
        }
        location = /ready { return 204; }
    }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g 'daemon off;' &
pids+=($!)
wait_http "http://127.0.0.1:$nginx_port/ready" nginx "${pids[-1]}"
nginx_put="http://127.0.0.1:$nginx_port/put"

# ---- S3Proxy: filesystem blob store, SigV4 ---------------------------------------------------------------------
mkdir -p "$work/s3proxy/data/$bucket" # a bucket of the filesystem store is a directory
s3_port="$(free_port)"
s3_endpoint="http://127.0.0.1:$s3_port"
cat >"$work/s3proxy/s3proxy.conf" <<EOF
s3proxy.endpoint=$s3_endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access_key
s3proxy.credential=$secret_key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3proxy/data
jclouds.identity=$access_key
jclouds.credential=$secret_key
EOF
java -jar "$s3proxy_jar" --properties "$work/s3proxy/s3proxy.conf" >"$work/s3proxy/s3proxy.log" 2>&1 &
pids+=($!)
wait_http "$s3_endpoint/" S3Proxy "${pids[-1]}"
s3_options=(--endpoint="$s3_endpoint" --bucket="$bucket" --access-key="$access_key" --secret-key="$secret_key")

# ---- helpers -----------------------------------------------------------------------------------------------------
stored_path() { # target key
    case "$1" in
        nginx) echo "$work/nginx/root/put/$2" ;;
        s3) echo "$work/s3proxy/data/$bucket/$2" ;;
    esac
}

check_stored() { # target key expected-size
    local path
    path="$(stored_path "$1" "$2")"
    if [ ! -f "$path" ] || [ "$(stat -c %s "$path")" != "$3" ]; then
        echo "the $1 target did not store $3 bytes under $2" >&2
        exit 1
    fi
    if [ "$3" = "$size" ] && ! cmp -s "$path" "$file"; then
        echo "the $1 target stored other bytes under $2" >&2
        exit 1
    fi
    rm -f "$path"
}

url_for() { # target key
    case "$1" in
        nginx) echo "$nginx_put/$2" ;;
        s3) java -jar "$app" presign --key="$2" --content-type="$content_type" "${s3_options[@]}" ;;
    esac
}

results="$work/results.tsv" # tool(-checksum) target run seconds rss_kib
: >"$results"

run_extension() { # target checksum: one JVM, a warm-up upload, then $runs timed ones
    local target_options out line seconds rss key run
    if [ "$1" = nginx ]; then target_options=(--put-base="$nginx_put"); else target_options=("${s3_options[@]}"); fi
    out="$work/extension.out"
    if ! /usr/bin/time -f '%M' -o "$work/time.txt" java -Xmx128m -jar "$app" upload --file="$file" \
        --content-type="$content_type" --target="$1" "${target_options[@]}" --stored-dir="$(stored_path "$1" "")" \
        --warmup-runs="$warmup_runs" --runs="$runs" --checksum="$2" >"$out" 2>&1; then
        cat "$out" >&2
        exit 1
    fi
    rss="$(tail -1 "$work/time.txt")"
    grep -q '^RESULT ' "$out" || { cat "$out" >&2; exit 1; }
    while read -r line; do
        run="$(sed -E 's/.* run=([0-9]+).*/\1/' <<<"$line")"
        seconds="$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$line")"
        key="$(sed -E 's/.* key=([^ ]+).*/\1/' <<<"$line")"
        printf 'extension-%s\t%s\t%s\t%s\t%s\n' "$2" "$1" "$run" "$seconds" "$rss" >>"$results"
        printf '  extension %-5s %-4s run %s: %6.1f MiB/s  (%s)\n' "$1" "$2" "$run" \
            "$(awk -v s="$seconds" -v m="$size_mib" 'BEGIN { print m / s }')" "${line#RESULT }"
    done < <(grep '^RESULT ' "$out")
    echo "  extension $1 $2: peak RSS of the JVM $((rss / 1024)) MiB"
    check_stored "$1" "$key" "$size" # the last run's object, byte for byte (the app checked the others' sizes)
}

run_curl() { # target run checksum
    local key url out code seconds uploaded rss started md5_seconds=0 md5_header=()
    key="bench/curl-$1-$3-$2-$RANDOM.bin"
    url="$(url_for "$1" "$key")"
    if [ "$3" = md5 ]; then
        # what the extension does before its PUT, done by the fastest tool at hand, and timed with the upload
        started="$(date +%s.%N)"
        md5_header=(-H "Content-MD5: $(openssl dgst -md5 -binary "$file" | base64)")
        md5_seconds="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.6f", b - a }')"
    fi
    out="$(/usr/bin/time -f '%M' -o "$work/time.txt" curl -sS -o "$work/curl-body" \
        -w '%{http_code} %{time_total} %{size_upload}' -T "$file" -H "Content-Type: $content_type" \
        ${md5_header[@]+"${md5_header[@]}"} "$url")"
    read -r code seconds uploaded <<<"$out"
    if [ "${code:0:1}" != 2 ] || [ "$uploaded" != "$size" ]; then
        echo "curl to $1 failed: $out" >&2
        cat "$work/curl-body" >&2
        exit 1
    fi
    seconds="$(awk -v a="$seconds" -v b="$md5_seconds" 'BEGIN { printf "%.6f", a + b }')"
    rss="$(tail -1 "$work/time.txt")"
    check_stored "$1" "$key" "$size"
    printf 'curl-%s\t%s\t%s\t%s\t%s\n' "$3" "$1" "$2" "$seconds" "$rss" >>"$results"
    printf '  curl      %-5s %-4s run %s: %6.1f MiB/s  (HTTP %s, %s s, of which %s s openssl md5; peak RSS %s MiB)\n' \
        "$1" "$3" "$2" "$(awk -v s="$seconds" -v m="$size_mib" 'BEGIN { print m / s }')" "$code" "$seconds" \
        "$md5_seconds" "$((rss / 1024))"
}

# ---- sanity: a 1 MiB PUT with curl to each target, signature and all ---------------------------------------------
head -c 1048576 "$file" >"$work/small.bin"
for target in nginx s3; do
    key="bench/sanity-$target.bin"
    code="$(curl -sS -o "$work/curl-body" -w '%{http_code}' -T "$work/small.bin" -H "Content-Type: $content_type" \
        "$(url_for "$target" "$key")")"
    if [ "${code:0:1}" != 2 ]; then
        echo "sanity PUT to $target answered $code:" >&2
        cat "$work/curl-body" >&2
        exit 1
    fi
    check_stored "$target" "$key" 1048576
done
# A Content-Type other than the signed one must be refused by S3Proxy: the signature is really checked.
code="$(curl -sS -o /dev/null -w '%{http_code}' -T "$work/small.bin" -H "Content-Type: text/plain" \
    "$(url_for s3 bench/sanity-wrong-type.bin)")"
if [ "$code" != 403 ]; then
    echo "S3Proxy accepted a PUT whose Content-Type differs from the signed one (HTTP $code)" >&2
    exit 1
fi
# A Content-MD5 that is not the body's must be refused by S3Proxy: the checksum really is checked.
code="$(curl -sS -o "$work/curl-body" -w '%{http_code}' -T "$work/small.bin" -H "Content-Type: $content_type" \
    -H "Content-MD5: $(printf 'other bytes' | openssl dgst -md5 -binary | base64)" \
    "$(url_for s3 bench/sanity-bad-md5.bin)")"
if [ "$code" != 400 ] || ! grep -q BadDigest "$work/curl-body"; then
    echo "S3Proxy did not refuse a PUT whose Content-MD5 differs from its bytes with 400 BadDigest (HTTP $code):" >&2
    cat "$work/curl-body" >&2
    exit 1
fi
rm -f "$work/small.bin"

# ---- the measurements --------------------------------------------------------------------------------------------
for target in nginx s3; do
    for checksum in $checksums; do
        echo "== target: $target, checksum: $checksum (the extension: one JVM, $warmup_runs warm-up + $runs timed" \
            "uploads; curl: $runs runs)"
        run_extension "$target" "$checksum"
        for run in $(seq 1 "$runs"); do
            run_curl "$target" "$run" "$checksum"
        done
    done
done

# ---- diagnosis: the extension's kind of PUT written out, one send path and buffer size at a time ------------------
diagnosis=""
if [ "${BENCH_DIAGNOSE:-1}" != 0 ]; then
    echo "== diagnosis (not the extension): Vert.x HttpClient PUTs to nginx, one JVM each, 3 runs after 1 warm-up"
    diagnosis="| send path | MiB/s per run (after a warm-up run) | peak RSS |"$'\n'"|---|---|---|"
    for variant in "asyncfile 8192 0" "asyncfile 1048576 0" "asyncfile 1048576 4194304" "sendfile 0 0"; do
        read -r mode read_buffer write_queue <<<"$variant"
        out="$work/raw.out"
        if ! /usr/bin/time -f '%M' -o "$work/time.txt" java -Xmx128m -jar "$app" raw-put --url="$nginx_put/raw" \
            --file="$file" --content-type="$content_type" --mode="$mode" --read-buffer="$read_buffer" \
            --write-queue="$write_queue" --repeat=4 >"$out" 2>&1; then
            cat "$out" >&2
            exit 1
        fi
        rates="$(grep '^RAWPUT ' "$out" | tail -n +2 | sed -E 's/.* mib_per_s=([0-9.]+).*/\1/' | paste -sd, - | sed 's/,/, /g')"
        rss="$(tail -1 "$work/time.txt")"
        if [ "$mode" = sendfile ]; then
            label="FileRegion (sendfile), what the extension does on http"
        else
            label="AsyncFile, $((read_buffer / 1024)) KiB reads, write queue $([ "$write_queue" = 0 ] && echo "64 KiB (default)" || echo "$((write_queue / 1048576)) MiB")"
        fi
        echo "  $label: $rates MiB/s; peak RSS $((rss / 1024)) MiB"
        diagnosis+=$'\n'"| $label | $rates | $((rss / 1024)) MiB |"
    done
fi

# ---- summary ------------------------------------------------------------------------------------------------------
summary="$(awk -F'\t' -v m="$size_mib" -v checksums="$checksums" '
    function median(list, n,    a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function target_name(target) { return target == "s3" ? "S3Proxy" : "nginx" }
    {
        rate = m / $4
        key = $1 SUBSEP $2
        rates[key] = rates[key] sprintf("%.1f ", rate)
        shown[key] = shown[key] (shown[key] == "" ? "" : ", ") sprintf("%.1f", rate)
        if ($5 > rss[key]) rss[key] = $5
    }
    END {
        printf "| target | tool | checksum | MiB/s per run | median MiB/s | peak RSS (max of runs) |\n"
        printf "|---|---|---|---|---|---|\n"
        split("nginx s3", targets, " ")
        split("extension curl", tools, " ")
        sums = split(checksums, checksum, " ")
        for (t = 1; t <= 2; t++) {
            for (c = 1; c <= sums; c++) {
                for (k = 1; k <= 2; k++) {
                    key = tools[k] "-" checksum[c] SUBSEP targets[t]
                    if (!(key in rates)) continue
                    med[key] = median(rates[key])
                    printf "| %s | %s | %s | %s | %.1f | %d MiB |\n", target_name(targets[t]), \
                        tools[k] == "extension" ? "extension (-Xmx128m)" : "curl -T", \
                        checksum[c] == "md5" ? (tools[k] == "extension" ? "md5" : "md5 (openssl, then curl)") : "none", \
                        shown[key], med[key], int(rss[key] / 1024)
                }
            }
        }
        printf "\n| target | checksum | extension / curl (medians) |\n|---|---|---|\n"
        for (t = 1; t <= 2; t++) {
            for (c = 1; c <= sums; c++) {
                printf "| %s | %s | %.2f |\n", target_name(targets[t]), checksum[c], \
                    med["extension-" checksum[c] SUBSEP targets[t]] / med["curl-" checksum[c] SUBSEP targets[t]]
            }
        }
        if (("extension-md5" SUBSEP "nginx") in med && ("extension-none" SUBSEP "nginx") in med) {
            printf "\n| target | tool | md5 / none (medians): the cost of the checksum |\n|---|---|---|\n"
            for (t = 1; t <= 2; t++) {
                for (k = 1; k <= 2; k++) {
                    printf "| %s | %s | %.2f |\n", target_name(targets[t]), tools[k], \
                        med[tools[k] "-md5" SUBSEP targets[t]] / med[tools[k] "-none" SUBSEP targets[t]]
                }
            }
        }
    }' "$results")"
echo
echo "== summary (${size_mib} MiB; MiB/s = ${size_mib} MiB / seconds, the MD5 included where there is one)"
echo "$summary"
if [ -n "$diagnosis" ]; then
    echo
    echo "diagnosis (Vert.x PUTs written out in the bench app, not the extension; to nginx, one JVM per send path, 3 runs after a warm-up):"
    echo "$diagnosis"
fi
mkdir -p "$here/target"
{
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), ${size_mib} MiB, $runs runs, checksums: $checksums"
    echo "$summary"
    echo
    echo "$diagnosis"
    echo
    cat "$results"
} >"$here/target/last-results.md"
echo
echo "(also in bench/target/last-results.md)"
