"""Shared logic of Baton's stand-in agent CLIs (claude, codex, gemini) used by tests.

Each stand-in parses the real CLI's arguments, really edits files in its working directory
and streams the real CLI's output format. Behaviour is scripted with BATON_STANDIN_SCENARIO;
state (sessions, calls.jsonl) lives in BATON_STANDIN_STATE (default $TMPDIR/baton-standins).
"""
import json
import os
import re
import sys
import time
import uuid


def state_dir():
    path = os.environ.get("BATON_STANDIN_STATE") or os.path.join(os.environ.get("TMPDIR") or "/tmp", "baton-standins")
    os.makedirs(os.path.join(path, "sessions"), exist_ok=True)
    return path


_started = None  # when this agent started (log_call): its first `sleep` counts from then


def log_call(agent, argv, started=None):
    """Appends this invocation's argv (argv[0] = the agent name) to calls.jsonl, with when it
    started (`started`: the stand-in's first line, before its imports; else now)."""
    global _started
    _started = started or time.time()
    record = {"agent": agent, "argv": [agent] + list(argv), "cwd": os.getcwd(), "time": _started}
    data = (json.dumps(record) + "\n").encode()
    fd = os.open(os.path.join(state_dir(), "calls.jsonl"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def fail(message, code):
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()
    sys.exit(code)


# ---- sessions -------------------------------------------------------------------------------

def _session_path(session_id):
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", session_id)
    return os.path.join(state_dir(), "sessions", safe + ".json")


def load_session(agent, session_id):
    """The stored session, or None when unknown to this agent."""
    try:
        with open(_session_path(session_id)) as f:
            session = json.load(f)
    except (OSError, ValueError):
        return None
    return session if session.get("agent") == agent else None


def new_session(agent, session_id=None):
    return {"agent": agent, "id": session_id or str(uuid.uuid4()), "turns": 0, "cwd": os.path.realpath(os.getcwd())}


def save_session(session):
    path = _session_path(session["id"])
    tmp = path + ".tmp%d" % os.getpid()
    with open(tmp, "w") as f:
        json.dump(session, f)
    os.replace(tmp, path)


# ---- scenario -------------------------------------------------------------------------------

def task_id(prompt):
    m = re.search(r"Task (T\d+)", prompt)
    return m.group(1) if m else None


def task_title_line(prompt, tid):
    if tid:
        for line in prompt.splitlines():
            if re.search(r"Task %s\b" % re.escape(tid), line):
                return line.strip()
    for line in prompt.splitlines():
        if line.strip():
            return line.strip()
    return "task"


def select_turn(prompt, turn_index, agent=None):
    """The scripted turn for this prompt's task and the session's turn number, or None.
    A `T2@codex` entry wins over `T2` for that agent (a task retried on another agent)."""
    path = os.environ.get("BATON_STANDIN_SCENARIO")
    if not path:
        return None
    with open(path) as f:
        scenario = json.load(f)
    tid = task_id(prompt)
    keys = (["%s@%s" % (tid, agent)] if tid and agent else []) + ([tid] if tid else []) + ["*"]
    if "(a Baton integration fix)" in prompt:
        keys = ["integration"] + keys
    turns = next((scenario[k] for k in keys if k in scenario), [])
    if turn_index < len(turns):
        return turns[turn_index]
    return None


def default_turn(prompt):
    tid = task_id(prompt)
    name = (tid.lower() if tid else "standin") + ".txt"
    return {"write": {name: task_title_line(prompt, tid) + "\n"}}


def checkpoint_block(prompt, turn):
    tid = task_id(prompt) or "the task"
    block = {"checkpoint": "done", "summary": "Finished %s." % tid, "next": "", "question": None, "options": []}
    block.update(turn.get("checkpoint") or {})
    expected = turn.get("expect_in_prompt")
    if expected and expected not in prompt:
        block["summary"] = "MISSING: %s" % expected
    return "Worked on %s.\n\n```baton\n%s\n```" % (tid, json.dumps(block))


# ---- files ----------------------------------------------------------------------------------

def _safe(path):
    if os.path.isabs(path) or ".." in path.split("/"):
        fail("stand-in refuses to touch %s outside its working directory" % path, 1)
    return path


def file_operations(turn):
    """[(op, path, text)] in order: write, append, delete."""
    ops = []
    for path, text in (turn.get("write") or {}).items():
        ops.append(("write", _safe(path), text))
    for path, text in (turn.get("append") or {}).items():
        ops.append(("append", _safe(path), text))
    for path in turn.get("delete") or []:
        ops.append(("delete", _safe(path), None))
    return ops


def apply(op, path, text):
    """Performs one file operation; returns the change kind (add, update, delete)."""
    existed = os.path.exists(path)
    if op == "delete":
        if existed:
            os.remove(path)
        return "delete"
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(path, "w" if op == "write" else "a") as f:
        f.write(expand_task_env(text))
    return "update" if existed else "add"


def expand_task_env(text):
    """`${BATON_PORT}`, `${PORT}`, `${BATON_TASK}`… in written text become their values."""
    return re.sub(r"\$\{(BATON_[A-Z_]+|PORT)\}", lambda m: os.environ.get(m.group(1), ""), text)


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def pace(turn):
    """Waits `pace` (alias `interval`) seconds after each extra activity line (`lines`), so a
    turn streams steadily."""
    seconds = float(turn.get("pace") or turn.get("interval") or 0)
    if seconds > 0:
        time.sleep(seconds)


def pause(turn):
    """`sleep` seconds. The first counts from the agent's start, so a turn scripted to take
    d seconds takes d from the agent's first line (its imports and output are part of it)."""
    global _started
    seconds = float(turn.get("sleep") or 0)
    if seconds > 0:
        begun, _started = _started, None
        remaining = seconds - (time.time() - begun) if begun else seconds
        if remaining > 0:
            time.sleep(remaining)
    # `wait_for`: block until a file exists (a test says when the turn may end; at most 10 min).
    path = turn.get("wait_for")
    deadline = time.time() + 600
    while path and not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.05)


# ---- planner --------------------------------------------------------------------------------

def review_text():
    """A reviewer's reply: the next of BATON_STANDIN_REVIEW (a JSON list of replies: a string
    is sent as is, anything else as JSON), then approvals."""
    replies = []
    path = os.environ.get("BATON_STANDIN_REVIEW")
    if path:
        with open(path) as f:
            replies = json.load(f)
    counter = os.path.join(state_dir(), "review-count")
    n = int(open(counter).read()) if os.path.exists(counter) else 0
    with open(counter, "w") as f:
        f.write(str(n + 1))
    reply = replies[n] if n < len(replies) else {"verdict": "approve", "findings": [], "acceptance": []}
    return reply if isinstance(reply, str) else json.dumps(reply)


def judge_text(prompt):
    """A judge's reply: the next of BATON_STANDIN_JUDGE (a JSON list of replies: a string is
    sent as is, anything else as JSON), then a verdict for the first contestant whose checks
    passed (else the first), ranking them in the order given."""
    replies = []
    path = os.environ.get("BATON_STANDIN_JUDGE")
    if path:
        with open(path) as f:
            replies = json.load(f)
    counter = os.path.join(state_dir(), "judge-count")
    n = int(open(counter).read()) if os.path.exists(counter) else 0
    with open(counter, "w") as f:
        f.write(str(n + 1))
    if n < len(replies):
        reply = replies[n]
        return reply if isinstance(reply, str) else json.dumps(reply)
    sections = re.findall(r"^### (\S+) \(.*\n(.*)$", prompt, re.M)
    names = [name for name, _ in sections]
    green = [name for name, facts in sections if "checks: ✓" in facts]
    pick = (green or names or ["?"])[0]
    ranking = [pick] + [name for name in names if name != pick]
    return json.dumps({"pick": pick, "reason": "%s passes its checks and meets the criteria" % pick, "ranking": ranking})


def plan_text(prompt):
    if "(a Baton review)" in prompt:
        return review_text()
    if "(a Baton judge)" in prompt:
        return judge_text(prompt)
    if "pull request description" in prompt:
        # The PR writer (prompts/summarize.md): answer in Markdown from the facts given, or
        # `$BATON_STANDIN_WRITER` (a file) as it is.
        writer = os.environ.get("BATON_STANDIN_WRITER")
        if writer:
            with open(writer) as f:
                return f.read()
        mission = prompt.split("## Mission", 1)[-1].strip().splitlines()[0] if "## Mission" in prompt else "the mission"
        return "# %s\n\nWritten by the stand-in writer.\n" % mission[:72]
    path = os.environ.get("BATON_STANDIN_PLAN")
    if path:
        with open(path) as f:
            return f.read()
    mission = ""
    lines = prompt.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"\s*#*\s*Mission\s*:?\s*(.*)", line, re.IGNORECASE)
        if m:
            mission = m.group(1).strip() or next((l.strip() for l in lines[i + 1:] if l.strip()), "")
            break
    if not mission:
        mission = next((l.strip() for l in lines if l.strip()), "the mission")
    mission = mission[:60]
    tasks = [
        {"id": "T1", "title": "Core of %s" % mission, "kind": "code", "detail": "Implement the core logic.",
         "scope": ["src/core/"], "avoid": ["src/ui/"], "deps": [], "acceptance": ["core works"]},
        {"id": "T2", "title": "Interface for %s" % mission, "kind": "code", "detail": "Add the user-facing part.",
         "scope": ["src/ui/"], "avoid": ["src/core/"], "deps": [], "acceptance": ["interface works"]},
        {"id": "T3", "title": "Tests for %s" % mission, "kind": "tests", "detail": "Cover T1 and T2.",
         "scope": ["tests/"], "avoid": [], "deps": ["T1", "T2"], "acceptance": ["tests pass"]},
    ]
    return "```json\n%s\n```" % json.dumps({"tasks": tasks})



def replay(turn, session):
    """`replay`: a fixture stream file printed line by line instead of a scripted turn, with
    `${SESSION_ID}` (this stand-in session's id), `${CWD}` (the working directory) and
    `${RESETS_AT}` (an hour from now, epoch seconds) filled in; then exit with `exit` (0)."""
    session["turns"] += 1
    save_session(session)
    values = {"SESSION_ID": session["id"], "CWD": os.getcwd(), "RESETS_AT": str(int(time.time()) + 3600)}
    with open(turn["replay"], encoding="utf-8") as f:
        for line in f:
            sys.stdout.write(re.sub(r"\$\{(SESSION_ID|CWD|RESETS_AT)\}", lambda m: values[m.group(1)], line))
    sys.stdout.flush()
    return int(turn.get("exit", 0))


def help_or_version(argv, version, help_text):
    """`--version` prints `version`; `--help` prints `help_text` without the lines naming a flag
    listed in `$BATON_STANDIN_HELP_WITHOUT` (space-separated: an older or newer CLI's help).
    Returns an exit code when it answered, else None."""
    if argv == ["--version"] or argv == ["-V"]:
        sys.stdout.write(version + "\n")
        return 0
    if argv and argv[-1] in ("--help", "-h"):
        dropped = os.environ.get("BATON_STANDIN_HELP_WITHOUT", "").split()
        for line in help_text.strip("\n").split("\n"):
            if not any(re.search(r"(^|[\s,])%s\b" % re.escape(flag), line) for flag in dropped):
                sys.stdout.write(line + "\n")
        return 0
    return None
