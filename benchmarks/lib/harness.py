"""Running baton and baton-bench for the benchmarks: environments, repositories, sampling."""
import glob
import json
import os
import signal
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

REAL_AGENTS = ("claude", "codex", "gemini", "aider", "opencode")


class Baton:
    """The binaries under test and a scratch folder removed at the end."""

    def __init__(self, root, bin_dir):
        self.root = root
        self.baton = os.path.join(bin_dir, "baton")
        self.bench_bin = os.path.join(bin_dir, "baton-bench")
        for path in (self.baton, self.bench_bin):
            if not os.access(path, os.X_OK):
                raise SystemExit("missing %s (build it first)" % path)
        self.tmp = tempfile.mkdtemp(prefix="baton-bench-")
        # Every process a figure starts inherits this marker (see sweep).
        self.marker = "BATON_BENCH_RUN=" + self.tmp
        self.standins = os.path.join(root, "Tests", "StandIns", "bin")

    def scratch(self, name):
        path = os.path.join(self.tmp, name)
        os.makedirs(path, exist_ok=True)
        return path

    def env(self, name):
        """Stand-ins first on PATH (real agent CLIs dropped), their state in the scratch folder."""
        env = dict(os.environ)
        system = [d for d in env.get("PATH", "").split(":")
                  if d and not any(os.path.exists(os.path.join(d, a)) for a in REAL_AGENTS)]
        env["PATH"] = ":".join([self.standins] + system)
        env["BATON_STANDIN_STATE"] = self.scratch("standins-" + name)
        env["NO_COLOR"] = "1"
        env["HOME"] = self.scratch("home")
        env["BATON_BENCH_RUN"] = self.tmp
        for k in ("BATON_PLANNER", "BATON_SESSIONS", "BATON_STANDIN_SCENARIO", "BATON_STANDIN_PLAN"):
            env.pop(k, None)
        return env

    def plan(self, env, text):
        path = os.path.join(env["BATON_STANDIN_STATE"], "plan.txt")
        with open(path, "w") as f:
            f.write(text)
        env["BATON_STANDIN_PLAN"] = path

    def scenario(self, env, scenario):
        path = os.path.join(env["BATON_STANDIN_STATE"], "scenario.json")
        with open(path, "w") as f:
            json.dump(scenario, f)
        env["BATON_STANDIN_SCENARIO"] = path

    def run(self, args, stdin, cwd, env, timeout=600):
        return subprocess.run([self.baton] + args, input=stdin, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout)

    def popen(self, args, cwd, env):
        return subprocess.Popen([self.baton] + args, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

    def bench(self, args):
        out = subprocess.run([self.bench_bin] + args, capture_output=True, text=True, timeout=900)
        if out.returncode != 0:
            raise RuntimeError("baton-bench %s: %s" % (args[0], out.stderr.strip()))
        return json.loads(out.stdout.strip().splitlines()[-1])

    def sweep(self):
        """Ends every process of this run still alive (a baton killed mid-run leaves its agents
        streaming; a tmux server may outlive its pane): the lines naming them, empty when none."""
        tool = os.path.join(self.root, "scripts", "leftover-processes")
        env = {k: v for k, v in os.environ.items() if k != "BATON_BENCH_RUN"}
        out = subprocess.run([sys.executable, tool, self.marker], capture_output=True, text=True, env=env)
        return [l for l in out.stdout.splitlines() if l.strip()]

    def cleanup(self):
        for line in self.sweep():
            print("warning: " + line, flush=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


def git(args, cwd):
    subprocess.run(["git"] + args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def git_repo(path):
    """A fresh repository with one commit, committer configured locally."""
    os.makedirs(path, exist_ok=True)
    git(["init", "-q", "-b", "main"], path)
    _configure(path)
    with open(os.path.join(path, "README.md"), "w") as f:
        f.write("# bench\n")
    git(["add", "."], path)
    git(["commit", "-q", "-m", "init"], path)
    return path


def without_checks(repo):
    """`.baton/agents.json` turning the checks off: a figure that measures dispatch or scheduling
    must not wait for a real repository's own test suite (swift-crypto's build takes minutes)."""
    os.makedirs(os.path.join(repo, ".baton"), exist_ok=True)
    with open(os.path.join(repo, ".baton", "agents.json"), "w") as f:
        json.dump({"checks": []}, f)
    with open(os.path.join(repo, ".git", "info", "exclude"), "a") as f:
        f.write("\n.baton/\n")


def allow_parallel(repo, n):
    """`.baton/agents.json` letting every stand-in agent run `n` tasks at once (the built-in
    profiles allow 2–3), so `/parallel n` is the only limit."""
    os.makedirs(os.path.join(repo, ".baton"), exist_ok=True)
    with open(os.path.join(repo, ".baton", "agents.json"), "w") as f:
        json.dump({"agents": {a: {"max_parallel": n} for a in ("claude", "codex", "gemini")}, "checks": []}, f)
    with open(os.path.join(repo, ".git", "info", "exclude"), "a") as f:
        f.write("\n.baton/\n")


def _configure(path):
    git(["config", "user.email", "bench@example.com"], path)
    git(["config", "user.name", "Baton Bench"], path)
    git(["config", "commit.gpgsign", "false"], path)


def real_repository(work, wanted=1500):
    """A local clone of a real open-source repository with about `wanted` files (the bare
    package repositories under /opt/swift-packages), else a generated one of that size."""
    best = None
    for bare in glob.glob("/opt/swift-packages/*/*.git"):
        out = subprocess.run(["git", "--git-dir", bare, "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True)
        if out.returncode != 0:
            continue
        n = out.stdout.count("\n")
        if 700 <= n <= 5000 and (best is None or abs(n - wanted) < abs(best[1] - wanted)):
            best = (bare, n)
    path = os.path.join(work, "repo")
    if best:
        subprocess.run(["git", "clone", "-q", "--local", best[0], path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _configure(path)
        return path, "%s (%d files)" % (best[0], best[1])
    git_repo(path)
    for i in range(wanted):
        d = os.path.join(path, "src", "m%02d" % (i % 40))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%04d.swift" % i), "w") as f:
            f.write("// generated file %d\nlet value%d = %d\n" % (i, i, i) * 20)
    git(["add", "."], path)
    git(["commit", "-q", "-m", "generated"], path)
    return path, "generated (%d files)" % wanted


def generated_repository(work, files):
    """A generated repository of `files` small files in 1,000 folders (one commit), for the
    large-repository rows."""
    path = os.path.join(work, "repo")
    git_repo(path)
    for i in range(files):
        d = os.path.join(path, "src", "p%02d" % (i % 100), "m%02d" % (i // 100 % 10))
        if i < 1000:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%06d.swift" % i), "w") as f:
            f.write("// generated file %d\nlet value%d = %d\n" % (i, i, i))
    git(["add", "."], path)
    git(["commit", "-q", "-m", "generated"], path)
    return path, "generated (%d files)" % files


def direct_python(env):
    """`env` with the stand-ins starting on the interpreter itself, not through pyenv's shim
    (a chain of shell scripts that costs 50-100 ms per start): a figure holds Baton's
    overhead, and the interpreter's own start stays in it."""
    real = subprocess.run(["pyenv", "which", "python3"], capture_output=True, text=True) if shutil.which("pyenv") else None
    if real and real.returncode == 0 and real.stdout.strip():
        parts = env["PATH"].split(":")
        env["PATH"] = ":".join(parts[:1] + [os.path.dirname(real.stdout.strip())] + parts[1:])
    return env


def turns_started(repo):
    """How many turns the newest session's log has started (0 before there is a session)."""
    try:
        with open(session_log(repo)) as f:
            return sum('"turnStarted"' in line for line in f)
    except (RuntimeError, OSError):
        return 0


def session_log(repo):
    """The newest session's events.jsonl in a repository."""
    logs = glob.glob(os.path.join(repo, ".baton", "Sessions", "s-*", "events.jsonl"))
    if not logs:
        raise RuntimeError("no session in %s" % repo)
    return max(logs, key=os.path.getmtime)


def worker_start_times(env):
    """Wall-clock times at which stand-in workers (not planners) started, from calls.jsonl."""
    path = os.path.join(env["BATON_STANDIN_STATE"], "calls.jsonl")
    times = []
    with open(path) as f:
        for line in f:
            call = json.loads(line)
            if any(re.search(r"Task T\d+", a) for a in call["argv"]):
                times.append(call["time"])
    return sorted(times)


def vm_hwm_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def cpu_seconds(pid):
    """utime + stime of a process (/proc/<pid>/stat), None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def sample_peak_rss(proc, script, interval=0.02, usage=None, streaming=None):
    """Feeds `script` to a running baton and samples its VmHWM until it exits; the peak in kB.
    `usage` (a dict) gets the CPU seconds and wall seconds from the start to the last sample;
    with `streaming` (a function: "before", "during" or "after" the agents stream at once),
    also `streamCpu` and `streamWall`: the same from the first sample during to the first after."""
    started = time.perf_counter()
    peak = [0]
    done = threading.Event()
    window = {}

    def sampler():
        last_phase = 0.0
        while not done.is_set():
            v = vm_hwm_kb(proc.pid)
            if v:
                peak[0] = max(peak[0], v)
            c = cpu_seconds(proc.pid) if usage is not None else None
            if c is not None:  # the last sample before the exit holds the total
                now = time.perf_counter()
                usage["cpu"], usage["wall"] = c, now - started
                # The phase is read from the session log every 0.2 s (not every sample).
                if streaming is not None and "end" not in window and now - last_phase >= 0.2:
                    last_phase = now
                    phase = streaming()
                    if phase == "during" and "begin" not in window:
                        window["begin"] = (c, now)
                    elif phase == "after" and "begin" in window:
                        window["end"] = (c, now)
                        usage["streamCpu"] = c - window["begin"][0]
                        usage["streamWall"] = now - window["begin"][1]
            time.sleep(interval)

    t = threading.Thread(target=sampler, daemon=True)
    t.start()
    # /quit is sent only after /wait is over, so the sample right before the exit holds the peak.
    lines = script.splitlines()
    out = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()
    for line in lines:
        if line == "/quit":
            v = vm_hwm_kb(proc.pid)
            if v:
                peak[0] = max(peak[0], v)
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
    proc.stdin.close()
    proc.wait(timeout=1800)
    done.set()
    t.join()
    reader.join(timeout=5)
    return peak[0]


def tmux_latency(b, repo, env, agents, samples):
    """Starts baton in a tmux pane, sets N streaming agents going, then sends one key at a
    time and polls the pane until it shows up: seconds per key."""
    sock = os.path.join(b.scratch("tmux"), "sock")
    name = "bench"
    tmux = ["tmux", "-S", sock]
    env_args = []
    for k in ("PATH", "BATON_STANDIN_STATE", "BATON_STANDIN_PLAN", "BATON_STANDIN_SCENARIO", "HOME", "NO_COLOR"):
        env_args += ["-e", "%s=%s" % (k, env[k])]
    subprocess.run(tmux + ["new-session", "-d", "-s", name, "-x", "160", "-y", "48", "-c", repo] + env_args + [b.baton],
                   check=True, env=env)
    # The server's and baton's pids: killed at the end even when tmux no longer answers.
    shown = subprocess.run(tmux + ["display-message", "-p", "-t", name, "#{pid} #{pane_pid}"],
                           capture_output=True, text=True).stdout.split()
    pids = [int(p) for p in shown if p.isdigit()]

    def pane():
        return subprocess.run(tmux + ["capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout

    def send(*keys, literal=False):
        subprocess.run(tmux + ["send-keys", "-t", name] + (["-l"] if literal else []) + list(keys), check=True)

    def wait_for(pred, seconds=60):
        end = time.time() + seconds
        while time.time() < end:
            if pred(pane()):
                return True
            time.sleep(0.05)
        return False

    def prompt_line(text):
        lines = [l for l in text.splitlines() if "▸" in l]
        return lines[-1] if lines else ""

    results = []
    try:
        if not wait_for(lambda t: "▸" in t):
            return []
        for line in ["Stream from every agent at once", "/parallel %d" % agents, "/go"]:
            send(line, literal=True)
            send("Enter")
            time.sleep(0.3)
        if not wait_for(lambda t: "started T" in t or "[T1" in t, 120):
            return []
        # The keys go in once every agent streams (the figure is typing while N agents do).
        end = time.time() + 300
        while time.time() < end and turns_started(repo) < agents:
            time.sleep(0.2)
        for _ in range(samples):
            before = prompt_line(pane()).count("q")
            t0 = time.perf_counter()
            send("q", literal=True)
            while time.perf_counter() - t0 < 10:
                if prompt_line(pane()).count("q") > before:
                    results.append(time.perf_counter() - t0)
                    break
            if before >= 40:
                send("C-u")
                wait_for(lambda t: prompt_line(t).count("q") == 0, 10)
        send("C-u")
    finally:
        subprocess.run(tmux + ["kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    return results


def drive_decisions(b, repo, env, opening, limit=60):
    """Runs baton live, answers every decision it asks with its first option (a conflict:
    "let both go on"; a merge conflict: "leave it in review") until nothing is left."""
    proc = b.popen([], repo, env)
    out = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()

    def send(line):
        proc.stdin.write(line + "\n")
        proc.stdin.flush()

    for line in opening.splitlines():
        send(line)
    answered = set()
    facts = {}
    for _ in range(limit):
        marker = "bench-%d" % len(answered)
        send("/wait")
        send("/note %s" % marker)
        end = time.time() + 300
        while time.time() < end and not _logged(repo, '"text":"%s"' % marker):
            time.sleep(0.05)
        facts = b.bench(["analyze", session_log(repo)])
        open_ = [d for d in facts["open"] if d["id"] not in answered]
        if not open_:
            running = [t for t in facts["perTask"] if t["status"] not in ("merged", "review", "failed", "cancelled", "planned")]
            if not running:
                break
            continue
        for d in open_:
            choice = {"conflict": 2, "merge-conflict": 3}.get(d["kind"], 1)
            send("/decide %s %d" % (d["id"], min(choice, max(1, len(d["options"])))))
            answered.add(d["id"])
    send("/quit")
    proc.stdin.close()
    proc.wait(timeout=120)
    reader.join(timeout=5)
    facts = b.bench(["analyze", session_log(repo)])
    return {"facts": facts, "output": "".join(out)}


def _logged(repo, needle):
    try:
        with open(session_log(repo)) as f:
            return needle in f.read()
    except (OSError, RuntimeError):
        return False


def fmt_seconds(s):
    return "%.0f ms" % (s * 1000) if s < 1 else "%.2f s" % s


def fmt_value(fig):
    v, unit = fig["value"], fig["unit"]
    if unit == "s":
        return fmt_seconds(v)
    if unit == "MB/s":
        return "%.0f MB/s" % v
    if unit == "MB":
        return "%.1f MB" % v
    if unit == "×":
        return "%.2f×" % v
    if unit == "/task":
        return "%.2f / task" % v
    if unit == "%":
        return "%.1f%%" % v
    return "%s %s" % (v, unit)


def table(figures):
    rows = [("figure", "result", "goal", "ratio", "")]
    for key, fig in figures.items():
        if "error" in fig:
            rows.append((fig["title"], "error", fig["goalText"], "", fig["error"][:60]))
            continue
        if "skipped" in fig:
            rows.append((fig["title"], "skipped", fig["goalText"], "", fig["skipped"][:60]))
            continue
        value = fmt_value(fig)
        note = ""
        d = fig.get("detail", {})
        if key == "typing":
            value += " (p99 %s)" % fmt_seconds(d["p99"])
        if key == "attention":
            note = "%d decisions / %d tasks, conflicts caught %d" % (d["decisions"], d["tasks"], d["conflictsCaught"])
        if key == "attention_checks":
            note = "%d decisions / %d tasks; without checks %.2f / task" % (d["decisions"], d["tasks"], d["withoutChecks"])
        if key == "check_overhead":
            note = "%s around a %s check (median of %d)" % (fmt_seconds(d["batonSeconds"]), fmt_seconds(d["checkSeconds"]), d["runs"])
        if key == "schedule":
            note = "makespan %.2f s vs ideal %.2f s" % (d["makespan"], d["ideal"])
        if key == "cpu":
            note = ("%.1f s with all %d streaming; whole run %.1f%%" % (d["streamWallSeconds"], d["agents"], d["wholeRunPercent"])
                    if d.get("measured") == "streaming window" else "whole run (too short to sample the window)")
        if key == "dispatch":
            note = "%s vs %s" % (fmt_seconds(d["dispatch"]), fmt_seconds(d["bareWorktreeAdd"]))
        if key.startswith("realturn_"):
            between = d["checkpointToNextSpawn"]
            note = "%d turns; of it the CLI's exit %s; spawn → first line %s (CLI start); checkpoint → next spawn %s" % (
                d["turns"], fmt_seconds(d["lastLineToExit"]), fmt_seconds(d["spawnToFirstLine"]),
                "—" if between is None else fmt_seconds(between))
        if key == "replay":
            note = "%d events; resume to prompt %s" % (d["events"], fmt_seconds(d["resumeToPromptSeconds"]))
        ratio = "" if fig.get("ratio") is None else "%.3f %s" % (fig["ratio"], "ok" if fig.get("met") else "MISSED")
        rows.append((fig["title"], value, fig["goalText"], ratio, note))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "\n".join("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows)
