"""Synthetic plans for the benchmarks: seeded random DAGs and small scripted missions."""
import json
import random


def generate(n, seed, mean):
    """n tasks; each depends on up to 3 earlier tasks (each earlier one with probability
    ~2/i); durations log-normal around `mean` seconds (clipped to [0.2·mean, 3·mean])."""
    rng = random.Random(seed)
    tasks = []
    for i in range(n):
        deps = []
        if i > 0:
            p = min(0.5, 2.0 / i)
            deps = [tasks[j]["id"] for j in range(i) if rng.random() < p][-3:]
        d = rng.lognormvariate(0, 0.6) * mean / 1.2
        d = round(min(3 * mean, max(0.2 * mean, d)), 3)
        tasks.append({"id": "T%d" % (i + 1), "deps": deps, "duration": d})
    return tasks


def critical_path(tasks):
    finish = {}
    for t in tasks:  # ids are in topological order
        finish[t["id"]] = t["duration"] + max([finish[d] for d in t["deps"]] or [0])
    return max(finish.values())


def total_work(tasks):
    return sum(t["duration"] for t in tasks)


def _task(tid, title, deps=(), scope=None, kind="code"):
    return {"id": tid, "title": title, "kind": kind, "detail": title + ".", "scope": scope or ["bench/%s/" % tid.lower()],
            "avoid": [], "deps": list(deps), "acceptance": ["done"]}


def plan_json(tasks):
    """The stand-in planner's reply for a generated DAG."""
    plan = {"tasks": [_task(t["id"], "Synthetic task %s" % t["id"], t["deps"]) for t in tasks]}
    return "```json\n%s\n```" % json.dumps(plan)


def independent_plan(n):
    plan = {"tasks": [_task("T%d" % (i + 1), "Stream task %d" % (i + 1)) for i in range(n)]}
    return "```json\n%s\n```" % json.dumps(plan)


def attention_mission():
    """Five tasks: T2 asks a question; T3 and T4 both change settings.json (a conflict
    Baton must catch; the user lets both go on, so the merge conflict that follows goes to
    T4, which resolves it); T5 documents after the rest and asks T2's question again (Baton
    answers it from DECISIONS.md). Returns (plan text, scenario)."""
    tasks = [
        _task("T1", "Settings model"),
        _task("T2", "Settings API endpoint"),
        _task("T3", "Settings page layout", scope=["settings.json"]),
        _task("T4", "Settings defaults", scope=["settings.json"]),
        _task("T5", "Document the settings page", deps=["T1", "T2", "T3", "T4"], kind="docs"),
    ]
    scenario = {
        "T1": [{"write": {"model.txt": "model\n"}}],
        "T2": [{"write": {"api.txt": "api\n"},
                "checkpoint": {"checkpoint": "needs-decision", "summary": "Endpoint drafted.", "next": "Auth.",
                               "question": "Session cookie or bearer token for the settings API?",
                               "options": ["session cookie", "bearer token"]}},
               {"write": {"api.txt": "api with auth\n"}}],
        "T3": [{"write": {"settings.json": "{\"layout\": \"two columns\"}\n"},
                "checkpoint": {"checkpoint": "first-change", "summary": "Layout settings.", "next": "Polish."}},
               {"sleep": 1.5, "write": {"page.txt": "page\n"}}],
        "T4": [{"sleep": 0.5, "write": {"settings.json": "{\"theme\": \"dark\"}\n"},
                "checkpoint": {"checkpoint": "first-change", "summary": "Defaults.", "next": "More."}},
               {"write": {"defaults.txt": "defaults\n"}},
               # Asked to resolve its merge conflict: keeps settings.json as merged (T3's) and
               # moves its default into defaults.txt, as a capable agent would.
               {"expect_in_prompt": "settings.json",
                "write": {"settings.json": "{\"layout\": \"two columns\"}\n", "defaults.txt": "theme = dark\n"}}],
        # T5 asks T2's question again, in other words: answered from DECISIONS.md, not asked.
        "T5": [{"write": {"docs.txt": "docs\n"},
                "checkpoint": {"checkpoint": "needs-decision", "summary": "Docs drafted.", "next": "Document auth.",
                               "question": "For the settings API: session cookie or bearer token?",
                               "options": ["bearer token", "session cookie"]}},
               {"write": {"docs.txt": "docs with auth\n"}}],
    }
    return "```json\n%s\n```" % json.dumps({"tasks": tasks}), scenario
