"""The real claude/codex CLIs for the benchmarks: a scripted model server (the tests'
Tests/RealAgents/model_server.py) and wrappers that time each turn from the outside.

A wrapper named after the CLI runs it with a private HOME, pointed at the server, and pipes
its stdout through relay.py, which passes every line on at once and records when the first
and the last line went by. The wrapper records when Baton spawned it. Together with the
session log (`checkpointRecorded` times) that gives Baton's share of a turn.
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
SERVER = os.path.join(ROOT, "Tests", "RealAgents", "model_server.py")
RELAY = os.path.join(os.path.dirname(os.path.realpath(__file__)), "relay.py")
CODEX_MODEL = "gpt-5.5"


def agents_dir():
    d = os.environ.get("BATON_REAL_AGENTS")
    if d:
        return d
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "baton-real-agents")


def binary(agent):
    """The laid-out CLI (scripts/real-agents); raises naming the fix when missing."""
    path = {"claude": os.path.join(agents_dir(), "claude-2.1.327", "claude"),
            "codex": os.path.join(agents_dir(), "codex-0.163.0", "codex_cli_bin", "bin", "codex")}[agent]
    if not os.access(path, os.X_OK):
        raise RuntimeError("the real %s CLI is not installed at %s — run scripts/install-deps --test" % (agent, path))
    return path


class Server:
    """model_server.py with `script`, its files in `work`; stop() kills it."""

    def __init__(self, script, work):
        os.makedirs(work, exist_ok=True)
        self.work = work
        path = os.path.join(work, "script.json")
        with open(path, "w") as f:
            json.dump(script, f)
        port_file = os.path.join(work, "port")
        self.proc = subprocess.Popen([sys.executable, SERVER, "--script", path, "--port-file", port_file,
                                      "--log", os.path.join(work, "requests.jsonl"), "--lifetime", "900"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while not os.path.exists(port_file):
            if time.time() > deadline or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("the model server did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read().strip())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def environment(base_env, agent, server, work):
    """baton's environment with a timing wrapper named `agent` first on PATH. Returns
    (env, times file): the file gets `spawn T`, `first T`, `last T`, `exit T` lines per run."""
    bin_dir = os.path.join(work, "bin")
    home = os.path.join(work, "home-" + agent)
    os.makedirs(bin_dir, exist_ok=True)
    os.makedirs(home, exist_ok=True)
    times = os.path.join(work, "times-" + agent)
    exports = {"HOME": home}
    if agent == "claude":
        exports.update({"ANTHROPIC_BASE_URL": "http://127.0.0.1:%d" % server.port, "ANTHROPIC_API_KEY": "dummy",
                        "DISABLE_TELEMETRY": "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
                        "DISABLE_AUTOUPDATER": "1", "CLAUDE_CODE_MAX_RETRIES": "1"})
    else:
        codex_home = os.path.join(home, ".codex")
        os.makedirs(codex_home, exist_ok=True)
        with open(os.path.join(codex_home, "config.toml"), "w") as f:
            f.write('model = "%s"\nmodel_provider = "scripted"\ncheck_for_update_on_startup = false\n\n'
                    '[model_providers.scripted]\nname = "scripted"\nbase_url = "http://127.0.0.1:%d/v1"\n'
                    'wire_api = "responses"\nenv_key = "BATON_SCRIPTED_KEY"\nrequest_max_retries = 0\n'
                    'stream_max_retries = 0\n' % (CODEX_MODEL, server.port))
        exports.update({"CODEX_HOME": codex_home, "BATON_SCRIPTED_KEY": "dummy"})
    lines = ["#!/bin/bash", 'echo "spawn $EPOCHREALTIME" >> %s' % quote(times)]
    lines += ["export %s=%s" % (k, quote(v)) for k, v in sorted(exports.items())]
    lines += ['%s "$@" | %s %s %s' % (quote(binary(agent)), quote(sys.executable), quote(RELAY), quote(times)),
              'rc="${PIPESTATUS[0]}"', 'echo "exit $EPOCHREALTIME" >> %s' % quote(times), 'exit "$rc"']
    wrapper = os.path.join(bin_dir, agent)
    with open(wrapper, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(wrapper, 0o755)
    env = dict(base_env)
    env["PATH"] = bin_dir + ":" + env["PATH"]
    return env, times


def quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def read_times(path):
    """[{spawn, first, last, exit}] per CLI run, in order."""
    runs, current = [], {}
    with open(path) as f:
        for line in f:
            kind, _, value = line.strip().partition(" ")
            if kind == "spawn" and current:
                runs.append(current)
                current = {}
            current[kind] = float(value)
    if current:
        runs.append(current)
    return runs
