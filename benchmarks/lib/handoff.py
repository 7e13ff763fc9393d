"""Where the schedule figure's makespan goes beyond the ideal: per task, from the session log
(and the stand-ins' calls.jsonl), the time between a dependency's merge and the dependent's
turn, the checkpoint commit and the integration merge."""
import json
import os
import statistics


def _events(log):
    """(name, fields, at) of every record of a session log."""
    with open(log) as f:
        next(f)  # the header
        for line in f:
            rec = json.loads(line)
            (name, fields), = rec["event"].items()
            yield name, fields, rec["at"]


def _starts(calls):
    """Task id → when its stand-in worker started running (calls.jsonl: cwd is its worktree)."""
    out = {}
    if not os.path.exists(calls):
        return out
    with open(calls) as f:
        for line in f:
            call = json.loads(line)
            task = os.path.basename(call.get("cwd", ""))
            if "/worktrees/" in call.get("cwd", "") and task not in out:
                out[task] = call["time"]
    return out


def _summary(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return {"median": round(statistics.median(values), 4), "p90": round(p90, 4), "max": round(values[-1], 4),
            "n": len(values)}


def analyze(log, graph, calls):
    """The scheduler's and the merges' share of the makespan.

    Per task (seconds, median / p90 / max over tasks):
      mergeToStart     last dependency merged → dependent's turnStarted (the scheduler's
                       overhead: worktree, brief, spawn, and any wait for the git lock)
      mergeToWorkspace    … of which until workspaceCreated
      workspaceToStart    … of which workspaceCreated → turnStarted
      agentStart       turnStarted → the stand-in running (its interpreter's start)
      turnEndSeen      the stand-in's start + its duration → turnFinished recorded (its imports
                       and exit, Baton noticing)
      checkpoint       turnFinished → checkpointRecorded (the checkpoint commit)
      merge            checkpointRecorded → taskMerged (dry run + merge, and the git lock)
    criticalChain: the chain of tasks that ended last, each task's last-merged dependency
    before it, with the same parts summed along it and what is left of the makespan."""
    deps = {t["id"]: t["deps"] for t in graph}
    duration = {t["id"]: t["duration"] for t in graph}
    ws, start, fin, cp, merged = {}, {}, {}, {}, {}
    for name, f, at in _events(log):
        task = f.get("task") if isinstance(f, dict) else None
        if name == "workspaceCreated":
            ws.setdefault(task, at)
        elif name == "turnStarted":
            start.setdefault(task, at)
        elif name == "turnFinished":
            fin[task] = at
        elif name == "checkpointRecorded":
            cp[task] = at
        elif name == "taskMerged":
            merged[task] = at
    running = _starts(calls)

    def ready(t):
        times = [merged.get(d) for d in deps.get(t, [])]
        return max(times) if times and None not in times else None

    def diff(a, b):
        return b - a if a is not None and b is not None else None

    parts = {
        "mergeToStart": lambda t: diff(ready(t), start.get(t)),
        "mergeToWorkspace": lambda t: diff(ready(t), ws.get(t)),
        "workspaceToStart": lambda t: diff(ws.get(t), start.get(t)),
        "agentStart": lambda t: diff(start.get(t), running.get(t)),
        "turnEndSeen": lambda t: diff(running[t] + duration[t], fin.get(t)) if t in running else None,
        "checkpoint": lambda t: diff(fin.get(t), cp.get(t)),
        "merge": lambda t: diff(cp.get(t), merged.get(t)),
    }
    out = {name: _summary(part(t) for t in deps) for name, part in parts.items()}
    if not merged or not start:
        return out
    # The chain that set the makespan: from the last merge back through the latest-merged dependency.
    chain, t = [], max(merged, key=merged.get)
    while t:
        chain.append(t)
        t = max(deps.get(t, []), key=lambda d: merged.get(d, 0), default=None)
    chain.reverse()
    sums = {name: round(sum(part(t) or 0 for t in chain), 4) for name, part in parts.items()}
    makespan = merged[chain[-1]] - min(start.values())
    work = sum(duration[t] for t in chain)
    sums["firstStart"] = round(start.get(chain[0], 0) - min(start.values()), 4)
    out["criticalChain"] = {"tasks": chain, "work": round(work, 3), "overhead": round(makespan - work, 4), "parts": sums}
    return out
