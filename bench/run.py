#!/usr/bin/env python3
"""Wirebench benchmarks, side by side with their peers, in one alternating run.

Builds Release, generates the shared test site, starts each server fresh for
every measurement on free loopback ports, and runs every figure alternating
Wirebench and its peers (A B A B ..., rotating who goes first) for several
rounds. Prints a table of medians, min-max and the ratio Wirebench/peer.
See bench/README.md for what each figure means.

    python3 bench/run.py                 # the full run (about 20 minutes)
    python3 bench/run.py --quick         # 3 s windows, 2 rounds: a smoke test
    python3 bench/run.py --only W1,E2    # some figures
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
PACKAGES = ["wrk", "nginx-light", "socat", "curl", "openssl", "python3",
            "qt6-httpserver-dev", "qt6-websockets-dev", "haproxy"]
FIGURES = ["W1", "W2", "W3", "E1", "E2", "U1", "E3", "L1", "G1", "R1", "R2"]


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid):
    """user + system CPU time of a process, from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


def rss_kib(pid, key="VmRSS"):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Server:
    """A server process started fresh for one measurement."""

    def __init__(self, name, argv, ready, cwd=None, stdout=subprocess.PIPE):
        self.name = name
        # stderr goes to a file: a pipe nobody reads fills up and blocks a
        # server that logs each request there (python's http.server does).
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(argv, stdout=stdout, stderr=self.stderr, stdin=subprocess.PIPE,
                                        cwd=cwd, text=True, start_new_session=True)
        self.companions = []  # servers that go with this one (a relay's upstream)
        self.ports = ready(self)

    def error_text(self):
        self.stderr.seek(0)
        return self.stderr.read()[:500]

    @property
    def pid(self):
        return self.process.pid

    def read_line(self, pattern, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(pattern, line)
            if match:
                return match
        raise RuntimeError(f"{self.name}: no line matching {pattern!r}; stderr: {self.error_text()}")

    def stop(self):
        for companion in self.companions:
            companion.stop()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wait_for_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


class Bench:
    def __init__(self, args):
        self.args = args
        self.duration = 3 if args.quick else 10
        self.rounds = args.rounds or (2 if args.quick else 3)
        self.build = Path(args.build_dir) if args.build_dir else REPO / "build-bench"
        self.tools = self.build / "bench"
        self.site = self.build / "site-bench"
        self.work = Path(tempfile.mkdtemp(prefix="wirebench-bench-"))
        self.results = {}   # figure → server → list of samples (dicts)

    # ---------------------------------------------------------------- set-up

    def prepare(self):
        missing = [p for p in PACKAGES if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True).stdout.find("ok installed") < 0]
        if missing:
            line = "apt-get install -y --no-install-recommends " + " ".join(missing)
            if os.geteuid() != 0:
                sys.exit(f"The benchmarks need: {line}")
            log(f"installing {' '.join(missing)}")
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(line.split(), check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        if not self.args.no_build:
            generator = ["-G", "Ninja"] if shutil.which("ninja") else []
            subprocess.run(["cmake", "-S", str(REPO), "-B", str(self.build), *generator,
                            "-DCMAKE_BUILD_TYPE=Release", "-DWIREBENCH_BUILD_TESTS=OFF",
                            "-DWIREBENCH_BUILD_BENCH=ON"], check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["cmake", "--build", str(self.build), f"-j{os.cpu_count()}"], check=True,
                           stdout=subprocess.DEVNULL)
        subprocess.run([str(SHARED / "make-site.sh"), str(self.site)], check=True, stdout=subprocess.DEVNULL)

    # --------------------------------------------------------------- servers

    def wirebench(self, quiet=True):
        """wirebench --headless with all three servers; stdout (the access log) goes to a file."""
        argv = [str(self.build / "wirebench"), "--headless", "--web-port", "0", "--echo-port", "0",
                "--udp-echo-port", "0", "--web-root", str(self.site)]
        if quiet:
            argv.append("--quiet")
        out_path = self.work / f"wirebench-{time.monotonic_ns()}.log"
        out = open(out_path, "w")

        def ready(server):
            server.log_path = out_path
            deadline = time.time() + 20
            while time.time() < deadline:
                text = out_path.read_text()
                found = {kind: re.search(rf"^{kind}: listening on \w+://127\.0\.0\.1:(\d+)", text, re.M)
                         for kind in ("web", "echo", "udp-echo")}
                if all(found.values()):
                    return {kind: int(match.group(1)) for kind, match in found.items()}
                time.sleep(0.05)
            raise RuntimeError(f"wirebench did not start: {server.error_text()}")
        return Server("wirebench", argv, ready, stdout=out)

    def nginx(self):
        port = free_port()
        prefix = self.work / f"nginx-{port}"
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        conf = prefix / "nginx.conf"
        conf.write_text(f"""
daemon off; master_process off; worker_processes 1; pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 20000; multi_accept on; }}
worker_rlimit_nofile 40000;
http {{
  include /etc/nginx/mime.types; default_type application/octet-stream;
  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; keepalive_timeout 65;
  client_body_temp_path {prefix}; proxy_temp_path {prefix}; fastcgi_temp_path {prefix};
  uwsgi_temp_path {prefix}; scgi_temp_path {prefix};
  server {{ listen 127.0.0.1:{port} backlog=4096; root {self.site}; index index.html; }}
}}
""")
        def ready(server):
            wait_for_port(port)
            return {"web": port}
        return Server("nginx", ["nginx", "-p", str(prefix), "-c", str(conf)], ready)

    def python_http(self):
        port = free_port()
        def ready(server):
            wait_for_port(port)
            return {"web": port}
        return Server("python", [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                 "--directory", str(self.site)], ready, stdout=subprocess.DEVNULL)

    def qhttpserver(self):
        def ready(server):
            return {"web": int(server.read_line(r"^listening (\d+)").group(1))}
        return Server("qhttpserver", [str(self.tools / "qhttpserver_peer"), "0", str(self.site)], ready)

    def epoll_echo(self):
        def ready(server):
            port = int(server.read_line(r"^listening (\d+)").group(1))
            return {"echo": port, "udp-echo": port}
        return Server("epoll", [str(self.tools / "epoll_echo"), "0"], ready)

    def socat(self):
        port = free_port()
        def ready(server):
            wait_for_port(port)
            return {"echo": port}
        return Server("socat", ["socat", "-b", "65536", f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,backlog=4096",
                                "PIPE"], ready, stdout=subprocess.DEVNULL)

    # ---------------------------------------------------------------- relays
    # Each relay runs in front of a fresh epoll echo peer (its upstream); the
    # load goes to the relay's port, reported as "echo" like the echo servers.

    def relayed(self, name, make_argv, ready=None):
        def start():
            upstream = self.epoll_echo()
            port = free_port()
            try:
                argv, stdout = make_argv(port, upstream.ports["echo"])
                def wait(server):
                    return ready(server) if ready else (wait_for_port(port) or {"echo": port})
                server = Server(name, argv, wait, stdout=stdout)
            except Exception:
                upstream.stop()
                raise
            server.companions.append(upstream)
            return server
        return start

    def direct_echo(self):
        return self.epoll_echo()

    def wirebench_relay(self):
        def argv(port, upstream):
            # --serve alone: no default servers run beside the relay.
            return ([str(self.build / "wirebench"), "--headless", "--quiet",
                     "--serve", f"relay:127.0.0.1:{port}:127.0.0.1:{upstream}"], subprocess.PIPE)
        def ready(server):
            return {"echo": int(server.read_line(r"^relay: listening on tcp://127\.0\.0\.1:(\d+)").group(1))}
        return self.relayed("wirebench", argv, ready)()

    def haproxy_relay(self):
        def argv(port, upstream):
            conf = self.work / f"haproxy-{port}.cfg"
            conf.write_text(f"""
global
  nbthread 1
  maxconn 4096
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
listen relay
  bind 127.0.0.1:{port}
  server upstream 127.0.0.1:{upstream}
""")
            return ["haproxy", "-db", "-f", str(conf)], subprocess.DEVNULL
        return self.relayed("haproxy", argv)()

    def socat_relay(self):
        def argv(port, upstream):
            return (["socat", "-b", "65536", f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,backlog=4096",
                     f"TCP:127.0.0.1:{upstream}"], subprocess.DEVNULL)
        return self.relayed("socat", argv)()

    def relay_peers(self):
        return [("wirebench", self.wirebench_relay), ("haproxy", self.haproxy_relay), ("socat", self.socat_relay),
                ("direct", self.direct_echo)]

    # ----------------------------------------------------------- load tools

    def wrk(self, port, path="/index.html", connections=50, duration=None, close=False, script=None):
        argv = ["wrk", "-t1", f"-c{connections}", f"-d{duration or self.duration}s", "--latency"]
        if close:
            argv += ["-H", "Connection: close"]
        if script:
            argv += ["-s", str(script)]
        out = subprocess.run(argv + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout
        result = {"req_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                  "requests": int(re.search(r"(\d+) requests in", out).group(1))}
        errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        result["errors"] = (sum(map(int, errors.groups())) if errors else 0) + (int(non2xx.group(1)) if non2xx else 0)
        sent = re.search(r"^sent (\d+)$", out, re.M)
        if sent:
            result["sent"] = int(sent.group(1))
        return result

    def echo_load(self, mode, port, *extra):
        out = subprocess.run([str(self.tools / "echo-load"), mode, "-p", str(port), *extra],
                             capture_output=True, text=True).stdout
        values = dict(pair.split("=", 1) for pair in out.split())
        if values.get("status") != "ok":
            log(f"echo-load {mode}: {out.strip()}")
        return values

    # ---------------------------------------------------------- measurement

    def measure(self, figure, peers, once):
        """Runs `once(server)` on a fresh server of each kind, alternating, for every round."""
        self.results.setdefault(figure, {})
        for round_index in range(self.rounds):
            order = peers[round_index % len(peers):] + peers[:round_index % len(peers)]
            for name, start in order:
                server = start()
                try:
                    cpu_before = cpu_seconds(server.pid)
                    began = time.time()
                    sample = once(server)
                    sample["server_cores"] = round((cpu_seconds(server.pid) - cpu_before) / (time.time() - began), 2)
                finally:
                    server.stop()
                self.results[figure].setdefault(name, []).append(sample)
                log(f"{figure} round {round_index + 1} {name}: {sample}")

    def warm(self, port, path="/index.html"):
        subprocess.run(["wrk", "-t1", "-c10", "-d1s", f"http://127.0.0.1:{port}{path}"], capture_output=True)

    def figure_w1(self):
        def once(server):
            self.warm(server.ports["web"])
            return self.wrk(server.ports["web"])
        self.measure("W1", [("wirebench", self.wirebench), ("nginx", self.nginx),
                            ("qhttpserver", self.qhttpserver), ("python", self.python_http)], once)

    def figure_w2(self):
        def once(server):
            self.warm(server.ports["web"])
            return self.wrk(server.ports["web"], close=True)
        self.measure("W2", [("wirebench", self.wirebench), ("nginx", self.nginx),
                            ("qhttpserver", self.qhttpserver), ("python", self.python_http)], once)

    def figure_w3(self):
        def once(server):
            port = server.ports["web"]
            before = rss_kib(server.pid)
            out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}",
                                  f"http://127.0.0.1:{port}/100m.bin"], capture_output=True, text=True).stdout.split()
            peak = rss_kib(server.pid, "VmHWM")
            size, seconds = int(out[1]), float(out[2])
            return {"mb_s": round(size / seconds / 1e6, 1), "status": int(out[0]), "bytes": size,
                    "rss_growth_mib": round(max(0, peak - before) / 1024, 1)}
        self.measure("W3", [("wirebench", self.wirebench), ("nginx", self.nginx),
                            ("qhttpserver", self.qhttpserver)], once)

    def echo_figure(self, figure, mode, args, keys, peers):
        def once(server):
            values = self.echo_load(mode, server.ports["echo" if mode != "udp" else "udp-echo"], *args)
            sample = {key: float(values.get(key, 0)) for key in keys}
            sample["ok"] = values.get("status") == "ok"
            return sample
        self.measure(figure, peers, once)

    def figure_e1(self):
        self.echo_figure("E1", "throughput", ["-c", "8", "-s", "64K", "-d", str(self.duration)], ["mb_per_s"],
                         [("wirebench", self.wirebench), ("epoll", self.epoll_echo), ("socat", self.socat)])

    def figure_e2(self):
        self.echo_figure("E2", "pingpong", ["-c", "50", "-s", "64", "-d", str(self.duration)],
                         ["rt_per_s", "p99_us"], [("wirebench", self.wirebench), ("epoll", self.epoll_echo),
                                                  ("socat", self.socat)])

    def figure_u1(self):
        self.echo_figure("U1", "udp", ["-c", "8", "-s", "64", "-d", str(self.duration)],
                         ["rt_per_s", "p99_us", "loss_pct"], [("wirebench", self.wirebench), ("epoll", self.epoll_echo)])

    def figure_r1(self):
        # Bulk through the relay to the epoll echo peer; "direct" is the peer without a relay.
        self.echo_figure("R1", "throughput", ["-c", "8", "-s", "64K", "-d", str(self.duration)], ["mb_per_s"],
                         self.relay_peers())

    def figure_r2(self):
        # One connection, one 64-byte message in flight: what the relay adds to a round trip.
        self.echo_figure("R2", "pingpong", ["-c", "1", "-s", "64", "-d", str(self.duration)],
                         ["p50_us", "p99_us", "rt_per_s"], self.relay_peers())

    def figure_e3(self):
        count = 2000 if self.args.quick else 10000
        def once(server):
            before = rss_kib(server.pid)
            began = time.time()
            proc = subprocess.Popen([str(self.tools / "echo-load"), "hold", "-p", str(server.ports["echo"]),
                                     "-c", str(count), "-t", "5"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    text=True)
            # Read the server's memory while every connection is open and idle.
            time.sleep(4)
            held_rss = rss_kib(server.pid)
            values = dict(pair.split("=", 1) for pair in proc.communicate()[0].split())
            return {"held": int(values.get("held", 0)), "connect_s": float(values.get("connect_s", 0)),
                    "kib_per_conn": round(max(0, held_rss - before) / count, 2), "ok": values.get("status") == "ok",
                    "seconds": round(time.time() - began, 1)}
        self.measure("E3", [("wirebench", self.wirebench), ("epoll", self.epoll_echo)], once)

    def figure_l1(self):
        def once(server):
            self.warm(server.ports["web"])
            result = self.wrk(server.ports["web"])
            time.sleep(0.3)
            result["log_lines"] = sum(1 for line in open(server.log_path) if '" 200 ' in line)
            return result
        self.measure("L1", [("logging", lambda: self.wirebench(quiet=False)), ("quiet", self.wirebench)], once)

    def figure_g1(self):
        # Counts the requests wrk writes, to set beside what the window counted.
        script = self.work / "count.lua"
        script.write_text(
            "local threads = {}\n"
            "function setup(thread) table.insert(threads, thread) end\n"
            "sent = 0\n"
            "function request() sent = sent + 1; return wrk.format() end\n"
            "function done(summary, latency, requests)\n"
            "  local total = 0\n"
            "  for _, t in ipairs(threads) do total = total + t:get('sent') end\n"
            "  io.write(string.format('sent %d\\n', total))\n"
            "end\n")
        def start():
            def ready(server):
                return {"web": int(server.read_line(r"^ready (\d+)").group(1))}
            env_argv = [str(self.tools / "guilag"), "0", str(self.site), "100000"]
            return Server("guilag", env_argv, ready)
        def once(server):
            load = self.wrk(server.ports["web"], script=script)
            server.process.stdin.write("stop\n")
            server.process.stdin.flush()
            figures = json.loads(server.read_line(r"^(\{.*\})$").group(1))
            figures.update({"wrk_requests": load["requests"], "wrk_sent": load.get("sent", -1),
                            "req_s": load["req_s"], "errors": load["errors"]})
            # wrk counts the responses it read; requests still in flight when
            # it stopped were answered and counted by the server but not by
            # wrk, and its script may have built one last request per
            # connection that it never wrote. So the window's count must lie
            # between what wrk read and what it built.
            figures["count_within_wrk"] = load["requests"] <= figures["requests_counted"] <= figures["wrk_sent"]
            return figures
        self.measure("G1", [("window", start)], once)

    # -------------------------------------------------------------- report

    def report(self):
        lines = [f"Wirebench benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
                 f"{self.rounds} alternating rounds of {self.duration} s", ""]
        headline = {"W1": "req_s", "W2": "req_s", "W3": "mb_s", "E1": "mb_per_s", "E2": "rt_per_s",
                    "U1": "rt_per_s", "E3": "kib_per_conn", "L1": "req_s", "G1": "lag_p99_ms",
                    "R1": "mb_per_s", "R2": "p50_us"}
        lines.append("| figure | server | median | min–max | ratio wirebench/peer | other medians |")
        lines.append("|---|---|---|---|---|---|")
        for figure, servers in self.results.items():
            key = headline[figure]
            base_name = next(iter(servers))
            base = statistics.median(s[key] for s in servers[base_name])
            for name, samples in servers.items():
                values = [s[key] for s in samples]
                median = statistics.median(values)
                ratio = "" if name == base_name or median == 0 else f"{base / median:.2f}×"
                others = {k: statistics.median(s[k] for s in samples) for k in samples[0]
                          if k != key and isinstance(samples[0][k], (int, float)) and not isinstance(samples[0][k], bool)}
                other_text = ", ".join(f"{k} {v:g}" for k, v in others.items())
                lines.append(f"| {figure} {key} | {name} | {median:g} | {min(values):g}–{max(values):g} | {ratio} | {other_text} |")
        text = "\n".join(lines)
        print(text)
        (self.build / "bench-results.md").write_text(text + "\n")
        (self.build / "bench-results.json").write_text(json.dumps(self.results, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 s windows, 2 rounds")
    parser.add_argument("--rounds", type=int, help="alternating rounds (default 3)")
    parser.add_argument("--only", help="comma-separated figures, e.g. W1,E2")
    parser.add_argument("--no-build", action="store_true", help="use the existing build directory as it is")
    parser.add_argument("--build-dir", help="the Release build directory (default: build-bench/)")
    args = parser.parse_args()
    bench = Bench(args)
    bench.prepare()
    wanted = args.only.split(",") if args.only else FIGURES
    try:
        for figure in wanted:
            getattr(bench, f"figure_{figure.lower()}")()
    finally:
        shutil.rmtree(bench.work, ignore_errors=True)
    bench.report()


if __name__ == "__main__":
    main()
