#!/usr/bin/env python3
"""Soak: one wirebench --headless through a million HTTP requests and a GiB of
echo traffic, with its memory recorded every few seconds; then a shorter run
under valgrind's memcheck for leaks.

    python3 bench/soak.py                  # 1,000,000 requests, 1 GiB echo, then valgrind
    python3 bench/soak.py --requests 200000 --no-valgrind

Prints an RSS timeline (to see that memory levels off) and valgrind's leak
summary. Uses the Release build of bench/run.py (build-bench/).
"""

import argparse
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Bench, log, rss_kib  # noqa: E402


def sample_rss(pid, stop, timeline, every):
    began = time.time()
    while not stop.is_set():
        timeline.append((round(time.time() - began, 1), rss_kib(pid)))
        stop.wait(every)


def drive_http(bench, port, total):
    """wrk in slices until at least `total` requests were answered; returns (requests, errors)."""
    done = errors = 0
    while done < total:
        result = bench.wrk(port, duration=5)
        done += result["requests"]
        errors += result["errors"]
        log(f"  http: {done:,} requests, {errors} errors")
    return done, errors


def drive_echo(bench, port, total_bytes):
    done = 0
    while done < total_bytes:
        values = bench.echo_load("throughput", port, "-c", "8", "-s", "64K", "-d", "3", "--warmup", "0")
        if values.get("status") != "ok":
            raise RuntimeError(f"echo-load failed: {values}")
        done += int(values["verified_bytes"])
        log(f"  echo: {done / 2**30:.2f} GiB verified")
    return done


def soak(bench, args):
    server = bench.wirebench()
    timeline = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample_rss, args=(server.pid, stop, timeline, args.every))
    sampler.start()
    try:
        requests, errors = drive_http(bench, server.ports["web"], args.requests)
        echoed = drive_echo(bench, server.ports["echo"], args.echo_gib * 2**30)
        time.sleep(args.every)
    finally:
        stop.set()
        sampler.join()
        server.stop()
    print(f"soak: {requests:,} HTTP requests ({errors} errors), {echoed / 2**30:.2f} GiB echoed and verified")
    print("RSS timeline (s, MiB): " + "  ".join(f"{t}:{kib / 1024:.1f}" for t, kib in timeline))
    third = max(1, len(timeline) // 3)
    print(f"RSS first third max {max(k for _, k in timeline[:third]) / 1024:.1f} MiB, "
          f"last third max {max(k for _, k in timeline[-third:]) / 1024:.1f} MiB")


def memcheck(bench, args):
    binary = bench.build / "wirebench"
    log_path = bench.work / "memcheck.log"
    argv = ["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite",
            f"--log-file={log_path}", str(binary), "--headless", "--web-port", "0", "--echo-port", "0",
            "--udp-echo-port", "0", "--web-root", str(bench.site)]
    out_path = bench.work / "memcheck.out"
    with open(out_path, "w") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        ports = {}
        while time.time() < deadline and len(ports) < 2:
            text = out_path.read_text()
            for kind in ("web", "echo"):
                match = re.search(rf"^{kind}: listening on \w+://127\.0\.0\.1:(\d+)", text, re.M)
                if match:
                    ports[kind] = int(match.group(1))
            time.sleep(0.5)
        subprocess.run(["wrk", "-t1", "-c10", "-d10s", f"http://127.0.0.1:{ports['web']}/index.html"],
                       capture_output=True)
        subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{ports['web']}/1m.bin"])
        bench.echo_load("throughput", ports["echo"], "-c", "4", "-s", "16K", "-d", "5", "--warmup", "0",
                        "--timeout", "30")
        process.terminate()
        process.wait(120)
    summary = log_path.read_text()
    lines = [line.split("== ", 1)[-1] for line in summary.splitlines()
             if re.search(r"(definitely|indirectly|possibly) lost:|still reachable:|ERROR SUMMARY", line)]
    print("valgrind memcheck (10 s of HTTP, a 1 MiB download, 5 s of echo, then SIGTERM):")
    for line in lines:
        print("  " + line)
    print(f"  exit code {process.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--echo-gib", type=float, default=1.0)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between RSS samples")
    parser.add_argument("--no-valgrind", action="store_true")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--build-dir")
    args = parser.parse_args()
    bench = Bench(argparse.Namespace(quick=False, rounds=1, no_build=args.no_build, build_dir=args.build_dir))
    bench.prepare()
    soak(bench, args)
    if not args.no_valgrind:
        memcheck(bench, args)


if __name__ == "__main__":
    main()
