"""The call benchmark's Python side: create_upload calls per second and their latency through the seed's client.

    python3 bench/seed_client/bench_seed.py --base-url=http://127.0.0.1:P [--concurrency=1,64]
        [--warmup-seconds=5] [--seconds=15]

Like the Java reactive run: one StorageClient (one httpx.AsyncClient) shared by N asyncio tasks, each calling
create_upload("image/png", prefix="bench") in a loop, on the default asyncio event loop. For each concurrency: a
warm-up whose calls are dropped, then a timed window in which every call that completes is counted and its latency
(time.perf_counter_ns around the await) kept; p50 and p99 by nearest rank over the sorted latencies. Prints one line
per concurrency in the Java side's format (CALLS client=python-seed ...), and one PYDANTIC line: what validating the
response into UploadResult costs alone, to tell the model's share of a call. Any failed call fails the run.
"""
from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import time
import timeit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import httpx  # noqa: E402
import pydantic  # noqa: E402

from opengater_storage_client import StorageClient, UploadResult, _parse_upload_result  # noqa: E402

RESPONSE = {
    "upload_url": "http://127.0.0.1/put/k.bin?sig=x",
    "key": "k.bin",
    "public_url": "http://127.0.0.1/k.bin",
}


class Run:
    def __init__(self) -> None:
        self.recording = False
        self.stop = False
        self.latencies: list[int] = []
        self.error: BaseException | None = None


async def caller(client: StorageClient, run: Run) -> None:
    while not run.stop:
        start = time.perf_counter_ns()
        try:
            result = await client.create_upload("image/png", prefix="bench")
        except BaseException as e:  # noqa: BLE001 - any failure ends the run
            run.error = run.error or e
            run.stop = True
            return
        latency = time.perf_counter_ns() - start
        if not isinstance(result, UploadResult):
            run.error = run.error or RuntimeError(f"unexpected result {result!r}")
            run.stop = True
            return
        if run.recording:
            run.latencies.append(latency)


def percentile(ordered: list[int], p: float) -> int:
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


async def measure(client: StorageClient, concurrency: int, warmup: float, seconds: float) -> None:
    run = Run()
    tasks = [asyncio.create_task(caller(client, run)) for _ in range(concurrency)]
    await asyncio.sleep(warmup)
    run.recording = True
    start = time.perf_counter_ns()
    await asyncio.sleep(seconds)
    run.recording = False
    window = (time.perf_counter_ns() - start) / 1e9
    run.stop = True
    await asyncio.gather(*tasks)
    if run.error is not None:
        raise RuntimeError(f"python-seed at concurrency {concurrency}: a call failed") from run.error
    ordered = sorted(run.latencies)
    count = len(ordered)
    if count == 0:
        raise RuntimeError(f"python-seed at concurrency {concurrency}: no call completed in the window")
    print(
        f"CALLS client=python-seed concurrency={concurrency} calls={count} seconds={window:.3f}"
        f" calls_per_s={count / window:.1f} p50_us={percentile(ordered, 50) / 1e3:.1f}"
        f" p99_us={percentile(ordered, 99) / 1e3:.1f} p999_us={percentile(ordered, 99.9) / 1e3:.1f}"
        f" max_us={ordered[-1] / 1e3:.1f} mean_us={sum(ordered) / count / 1e3:.1f}",
        flush=True,
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--concurrency", default="1,64")
    parser.add_argument("--warmup-seconds", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    async with StorageClient(args.base_url, "bench-call-key") as client:
        for concurrency in (int(c) for c in args.concurrency.split(",")):
            await measure(client, concurrency, args.warmup_seconds, args.seconds)
    runs = 20000
    validate_us = timeit.timeit(lambda: _parse_upload_result(RESPONSE), number=runs) / runs * 1e6
    print(
        f"PYDANTIC version={pydantic.VERSION} compiled={getattr(pydantic, 'compiled', 'n/a')}"
        f" validate_us={validate_us:.2f} httpx={httpx.__version__}"
        f" python={sys.version.split()[0]}",
        flush=True,
    )


if __name__ == "__main__":
    asyncio.run(main())
