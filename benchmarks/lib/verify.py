"""Verified work in the benchmarks: a repository whose check is a real script that records
its own start and end, Baton's time around that check, and checks for the attention mission."""
import json
import os
import statistics

from lib import harness

# Records its own start and end (wall clock, as the session log's `at`), works `BENCH_CHECK_SECONDS`,
# then prints a pytest summary line for Baton to parse.
CHECK = """#!/bin/sh
echo "start $(date +%s.%N)" >> "$BENCH_CHECK_TIMES"
echo "collected 3 items"
sleep "${BENCH_CHECK_SECONDS:-0}"
echo "============ 3 passed in ${BENCH_CHECK_SECONDS:-0}s ============"
echo "end $(date +%s.%N)" >> "$BENCH_CHECK_TIMES"
"""


def add_check(repo, env, seconds=0.0):
    """Commits check.sh and names it the repository's check in .baton/agents.json."""
    with open(os.path.join(repo, "check.sh"), "w") as f:
        f.write(CHECK)
    harness.git(["add", "check.sh"], repo)
    harness.git(["commit", "-q", "-m", "Add the check"], repo)
    os.makedirs(os.path.join(repo, ".baton"), exist_ok=True)
    path = os.path.join(repo, ".baton", "agents.json")
    config = {}
    if os.path.exists(path):
        with open(path) as f:
            config = json.load(f)
    config["checks"] = [{"name": "unit", "run": ["sh", "check.sh"], "timeout": "10m"}]
    with open(path, "w") as f:
        json.dump(config, f)
    with open(os.path.join(repo, ".git", "info", "exclude"), "a") as f:
        f.write("\n.baton/\n")
    env["BENCH_CHECK_TIMES"] = os.path.join(env["BATON_STANDIN_STATE"], "check-times.txt")
    env["BENCH_CHECK_SECONDS"] = "%g" % seconds
    return env["BENCH_CHECK_TIMES"]


def check_overhead(b, size):
    """Baton's time around a check: from the moment it asks for the check (the done
    checkpoint recorded, or `/checks T1`) to the verdict recorded in the session log, minus
    the check script's own time (its recorded start → end). N runs of one task's check."""
    repo = harness.git_repo(b.scratch("check-overhead"))
    env = b.env("check-overhead")
    runs, seconds = size["check_runs"], size["check_seconds"]
    times = add_check(repo, env, seconds)
    task = {"id": "T1", "title": "Set the value", "kind": "code", "detail": "Write value.txt.", "scope": ["value.txt"],
            "avoid": [], "deps": [], "acceptance": ["value.txt exists"]}
    b.plan(env, "```json\n%s\n```" % json.dumps({"tasks": [task]}))
    b.scenario(env, {"T1": [{"write": {"value.txt": "good\n"}}]})
    r = b.run([], "Set the value\n/policy review off\n/go\n/wait\n" + "/checks T1\n/wait\n" * (runs - 1) + "/quit\n", repo, env)
    own = []
    with open(times) as f:
        marks = [line.split() for line in f if line.strip()]
    starts = [float(v) for k, v in marks if k == "start"]
    ends = [float(v) for k, v in marks if k == "end"]
    own = [e - s for s, e in zip(starts, ends)]
    asked, spans = None, []
    with open(harness.session_log(repo)) as f:
        for line in f:
            rec = json.loads(line)
            name = next(iter(rec.get("event", {})), None)
            if name in ("checkpointRecorded", "checksRequested"):
                asked = rec["at"]
            elif name == "checksFinished" and asked is not None:
                spans.append(rec["at"] - asked)
                asked = None
    if len(spans) < runs or len(own) < runs:
        raise RuntimeError("%d of %d checks recorded (baton exited %d): %s" % (len(spans), runs, r.returncode,
                                                                          r.stdout[-300:]))
    around = [s - o for s, o in zip(spans, own)]
    share = statistics.median(around) / statistics.median(own)
    return {"value": share * 100, "unit": "%", "goal": 5.0, "better": "lower", "ratio": share / 0.05,
            "detail": {"runs": runs, "checkSeconds": statistics.median(own), "batonSeconds": statistics.median(around),
                       "around": around, "own": own}}
