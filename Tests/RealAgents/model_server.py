#!/usr/bin/env python3
"""A scripted model server for the real-CLI tests (python3 standard library only).

Serves, on 127.0.0.1 and a free port:
- the Anthropic Messages API with SSE, for Claude Code (`POST /v1/messages`, `GET /v1/models`,
  `POST /v1/messages/count_tokens`);
- the OpenAI Responses API with SSE, for Codex (`POST /v1/responses`, `GET /v1/models`);
- the OpenAI Chat Completions API, streamed (SSE chunks, usage last) or not, for mistral-vibe
  (tool calls) and for Aider through litellm (SEARCH/REPLACE blocks)
  (`POST /v1/chat/completions`).

Usage: model_server.py --script FILE --port-file FILE [--log FILE] [--lifetime SECONDS]
The port is written to --port-file once the server listens (atomically). Every request is
appended to --log as one JSON line (method, path, chosen conversation, step, body). The
server exits by itself after --lifetime seconds (default 900).

The script (JSON) holds conversations; a request belongs to the first conversation whose
"match" text occurs in its first user message (Baton's brief or planner prompt):

  {"conversations": [{"match": "## Task T1 ", "steps": [STEP, ...]}, ...]}

The step answered is the number of model replies already in the request's history (so one
list runs across turns and resumes). One reply per step:
  {"text": "..."}                      plain text, end of turn
  {"checkpoint": {...}, "text": "..."}  text ending with a ```baton block
  {"plan": {"tasks": [...]}}           the plan JSON (a structured-output tool when offered)
  {"write": {"path": P, "content": C}} create a file (claude Write; codex apply_patch; chat
                                       write_file)
  {"read": P}                          read a file (claude Read, needed before Edit; codex cat;
                                       chat read_file)
  {"edit": {"path": P, "old": O, "new": N}}  change a file (claude Edit; codex apply_patch; chat edit)
  {"run": "command"}                   a shell command (claude Bash; codex shell tool; chat bash)
  {"tool": {"name": N, "input": {...}}} any tool by name, e.g. mcp__baton__ask_human (codex: the
                                       offered tool whose name ends the same way)
File paths are relative to the worktree; claude and chat clients get them absolute (as models
write them) unless the step has "relative": true. Chat tool arguments follow the offered
tool's schema (mistral-vibe's write_file takes "path", its edit "file_path").
Aider (chat completions, no tools offered) gets "write"/"edit" as SEARCH/REPLACE blocks in
its diff edit format, followed by the step's text and checkpoint, all in one reply (an aider
turn is one reply); its conversation is the first user message holding a match, and its steps
are the model replies after it (aider's own "Ok, ..." acknowledgements left out).
  {"error": 500, "times": N}           HTTP error for the first N requests of this step
                                       (default: always), then the next keys of the step
  {"drop": true, "times": N}           start the stream, then close the connection
Any step may add "delay" (seconds before answering) or "wait_for" (a file: answer once it
exists). Requests matching no conversation, and requests without tools (claude's side
calls), get a short plain text answer.
"""
import argparse
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCRIPT = {"conversations": []}
LOG_PATH = None
LOG_LOCK = threading.Lock()
COUNTS = {}  # (conversation index, step) -> requests seen, for "times"
COUNTS_LOCK = threading.Lock()


def log(entry):
    if not LOG_PATH:
        return
    entry["time"] = round(time.time(), 3)
    with LOG_LOCK, open(LOG_PATH, "a") as f:
        f.write(json.dumps(entry) + "\n")


def text_of(content):
    """Plain text of a message content (string or list of blocks / input parts)."""
    if isinstance(content, str):
        return content
    out = []
    for part in content or []:
        if isinstance(part, dict):
            for key in ("text", "input_text"):
                if isinstance(part.get(key), str):
                    out.append(part[key])
            if part.get("type") == "tool_result":
                out.append(text_of(part.get("content")))
    return "\n".join(out)


def first_user_text(messages):
    """The text of the user messages up to the first model reply (Baton's prompt)."""
    texts = []
    for m in messages:
        if not isinstance(m, dict):
            continue
        if m.get("role") == "user" and m.get("type", "message") == "message":
            texts.append(text_of(m.get("content")))
        elif m.get("role") == "assistant" or m.get("type") in ("function_call", "custom_tool_call"):
            break
    return "\n".join(texts)


def choose(prompt):
    for i, conv in enumerate(SCRIPT.get("conversations", [])):
        if conv.get("match", "") in prompt:
            return i, conv
    return None, None


def chat_position(messages):
    """(index, conversation, replies) of a chat completions request (aider): the first user
    message holding a conversation's match, and the model replies after it, leaving out the
    acknowledgements aider puts after its own context messages ("Ok, any changes I propose…")."""
    for i, m in enumerate(messages):
        if isinstance(m, dict) and m.get("role") == "user":
            index, conv = choose(text_of(m.get("content")))
            if conv is not None:
                replies = sum(1 for n in messages[i + 1:] if isinstance(n, dict) and n.get("role") == "assistant"
                              and not text_of(n.get("content")).startswith(("Ok,", "Ok.")))
                return index, conv, replies
    return None, None, 0


def asks_for_blocks(body):
    """A chat completions request from aider: no tools offered, and its system prompt asks for
    SEARCH/REPLACE blocks."""
    return not body.get("tools") and any(
        isinstance(m, dict) and m.get("role") == "system" and "SEARCH/REPLACE" in text_of(m.get("content"))
        for m in body.get("messages") or [])


def search_replace(path, old, new):
    """One edit in aider's diff format (an empty SEARCH creates the file)."""
    def lines(text):
        return text if not text or text.endswith("\n") else text + "\n"
    return "%s\n```\n<<<<<<< SEARCH\n%s=======\n%s>>>>>>> REPLACE\n```\n" % (path, lines(old), lines(new))


def step_for(index, conv, replies):
    steps = conv.get("steps", [])
    if replies >= len(steps):
        return {"text": "Nothing more to do."}
    return steps[replies]


def pending_failure(index, step_number, step):
    """'error'/'drop' if this request of the step should fail, else None."""
    kind = "error" if "error" in step else "drop" if step.get("drop") else None
    if kind is None:
        return None
    with COUNTS_LOCK:
        seen = COUNTS.get((index, step_number), 0)
        COUNTS[(index, step_number)] = seen + 1
    times = step.get("times")
    if times is None or seen < times:
        return kind
    return None


def wait(step):
    if step.get("delay"):
        time.sleep(float(step["delay"]))
    path = step.get("wait_for")
    if path:
        while not os.path.exists(path):
            time.sleep(0.05)


def checkpoint_text(step):
    text = step.get("text", "")
    if "checkpoint" in step:
        block = {"checkpoint": "done", "summary": "", "next": "", "question": None, "options": []}
        block.update(step["checkpoint"])
        text = (text + "\n\n" if text else "") + "```baton\n" + json.dumps(block) + "\n```"
    return text


def working_directory(system_text):
    for line in system_text.splitlines():
        for label in ("Primary working directory:", "Working directory:", "Absolute path:"):
            if label in line:
                return line.split(label, 1)[1].strip()
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # --- plumbing -------------------------------------------------------------------------
    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {}

    def send_json(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def start_sse(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def event(self, name, data):
        chunk = ("event: %s\ndata: %s\n\n" % (name, json.dumps(data))).encode()
        self.wfile.write(chunk)
        self.wfile.flush()

    def drop(self):
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(2)
        except OSError:
            pass

    # --- routes ---------------------------------------------------------------------------
    def do_GET(self):
        log({"method": "GET", "path": self.path})
        if self.path.split("?")[0].rstrip("/").endswith("/models"):
            self.send_json(200, {"data": [
                {"type": "model", "id": "claude-sonnet-4-5", "display_name": "Claude Sonnet 4.5",
                 "created_at": "2025-09-29T00:00:00Z", "object": "model", "owned_by": "scripted"}],
                "object": "list", "has_more": False, "first_id": "claude-sonnet-4-5", "last_id": "claude-sonnet-4-5"})
        else:
            self.send_json(404, {"error": {"type": "not_found_error", "message": "not found: " + self.path}})

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        path = self.path.split("?")[0].rstrip("/")
        body = self.body()
        try:
            if path.endswith("/messages/count_tokens"):
                log({"method": "POST", "path": self.path, "body": body})
                self.send_json(200, {"input_tokens": 1000})
            elif path.endswith("/messages"):
                self.anthropic(body)
            elif path.endswith("/responses"):
                self.openai(body)
            elif path.endswith("/chat/completions"):
                # Aider offers no tools and asks for SEARCH/REPLACE blocks; vibe calls tools.
                self.chat_blocks(body) if asks_for_blocks(body) else self.chat(body)
            else:
                log({"method": "POST", "path": self.path, "body": body})
                self.send_json(404, {"error": {"type": "not_found_error", "message": "not found: " + self.path}})
        except (BrokenPipeError, ConnectionResetError):
            pass

    # --- Anthropic Messages API -----------------------------------------------------------
    def anthropic(self, body):
        messages = body.get("messages") or []
        prompt = first_user_text(messages)
        replies = sum(1 for m in messages if m.get("role") == "assistant")
        index, conv = choose(prompt) if body.get("tools") else (None, None)
        step = step_for(index, conv, replies) if conv else {"text": "OK."}
        log({"method": "POST", "path": self.path, "api": "anthropic", "conversation": index,
             "step": replies, "reply": step, "body": body})
        wait(step)
        failure = pending_failure(index, replies, step) if conv else None
        if failure == "error":
            status = int(step["error"])
            kind = "overloaded_error" if status == 529 else "api_error"
            self.send_json(status, {"type": "error", "error": {"type": kind, "message": "scripted failure %d" % status}})
            return
        model = body.get("model") or "claude-sonnet-4-5"
        usage = {"input_tokens": 1000, "output_tokens": 1, "cache_creation_input_tokens": 0,
                 "cache_read_input_tokens": 0}
        msg_id = "msg_" + uuid.uuid4().hex[:24]
        if not body.get("stream"):
            if failure == "drop":  # claude's non-streaming fallback: drop it too
                self.drop()
                return
            content, stop = self.anthropic_content(step, body)
            self.send_json(200, {"id": msg_id, "type": "message", "role": "assistant", "model": model,
                                 "content": content, "stop_reason": stop, "stop_sequence": None,
                                 "usage": dict(usage, output_tokens=50)})
            return
        self.start_sse()
        self.event("message_start", {"type": "message_start", "message": {
            "id": msg_id, "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": usage}})
        if failure == "drop":
            self.drop()
            return
        self.event("ping", {"type": "ping"})
        content, stop = self.anthropic_content(step, body)
        for i, block in enumerate(content):
            if block["type"] == "text":
                self.event("content_block_start", {"type": "content_block_start", "index": i,
                                                   "content_block": {"type": "text", "text": ""}})
                text = block["text"]
                for k in range(0, len(text), 400):
                    self.event("content_block_delta", {"type": "content_block_delta", "index": i,
                                                       "delta": {"type": "text_delta", "text": text[k:k + 400]}})
            else:
                self.event("content_block_start", {"type": "content_block_start", "index": i, "content_block": {
                    "type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}})
                self.event("content_block_delta", {"type": "content_block_delta", "index": i, "delta": {
                    "type": "input_json_delta", "partial_json": json.dumps(block["input"])}})
            self.event("content_block_stop", {"type": "content_block_stop", "index": i})
        self.event("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                     "usage": {"input_tokens": 1000, "output_tokens": 50,
                                               "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}})
        self.event("message_stop", {"type": "message_stop"})

    def anthropic_content(self, step, body):
        tools = [t.get("name") for t in body.get("tools") or []]
        system = body.get("system")
        system_text = system if isinstance(system, str) else text_of(system)
        # The environment block is in the system prompt or (2.1.x) a system message.
        cwd = working_directory(system_text) or working_directory(
            "\n".join(text_of(m.get("content")) for m in body.get("messages") or [] if isinstance(m, dict))) or ""

        def absolute(path):
            # Models give claude absolute paths; "relative": true keeps the step's own.
            return path if path.startswith("/") or not cwd or step.get("relative") else os.path.join(cwd, path)

        def tool(name, args):
            return [{"type": "tool_use", "id": "toolu_" + uuid.uuid4().hex[:20], "name": name, "input": args}], "tool_use"

        if "write" in step:
            return tool("Write", {"file_path": absolute(step["write"]["path"]), "content": step["write"]["content"]})
        if "read" in step:
            return tool("Read", {"file_path": absolute(step["read"])})
        if "edit" in step:
            e = step["edit"]
            return tool("Edit", {"file_path": absolute(e["path"]), "old_string": e["old"], "new_string": e["new"]})
        if "run" in step:
            return tool("Bash", {"command": step["run"], "description": "Run " + step["run"][:40]})
        if "tool" in step:
            return tool(step["tool"]["name"], step["tool"].get("input") or {})
        if "plan" in step:
            structured = next((t for t in tools if t == "StructuredOutput"), None)
            if structured:
                return tool(structured, step["plan"])
            return [{"type": "text", "text": json.dumps(step["plan"])}], "end_turn"
        return [{"type": "text", "text": checkpoint_text(step) or "OK."}], "end_turn"

    # --- OpenAI Chat Completions API (aider) ----------------------------------------------
    def data(self, obj):
        self.wfile.write(("data: %s\n\n" % (obj if isinstance(obj, str) else json.dumps(obj))).encode())
        self.wfile.flush()

    def chat_blocks(self, body):
        messages = body.get("messages") or []
        index, conv, replies = chat_position(messages)
        step = step_for(index, conv, replies) if conv else {"text": "OK."}
        log({"method": "POST", "path": self.path, "api": "chat", "conversation": index,
             "step": replies, "reply": step, "body": body})
        wait(step)
        failure = pending_failure(index, replies, step) if conv else None
        if failure == "error":
            status = int(step["error"])
            self.send_json(status, {"error": {"type": "server_error", "code": str(status),
                                              "message": "scripted failure %d" % status}})
            return
        text = ""
        if "write" in step:
            text += search_replace(step["write"]["path"], "", step["write"]["content"])
        if "edit" in step:
            e = step["edit"]
            text += search_replace(e["path"], e["old"], e["new"])
        if "plan" in step:
            text += json.dumps(step["plan"])
        rest = checkpoint_text(step)
        text = (text + "\n" + rest if text and rest else text + rest) or "OK."
        chat_id = "chatcmpl-" + uuid.uuid4().hex[:24]
        model = body.get("model") or "gpt-4o"
        usage = {"prompt_tokens": 1000, "completion_tokens": 50, "total_tokens": 1050}
        base = {"id": chat_id, "created": int(time.time()), "model": model}
        if not body.get("stream"):
            if failure == "drop":
                self.drop()
                return
            self.send_json(200, dict(base, object="chat.completion", usage=usage, choices=[
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]))
            return
        self.start_sse()
        chunk = dict(base, object="chat.completion.chunk")
        self.data(dict(chunk, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]))
        if failure == "drop":
            self.drop()
            return
        for k in range(0, len(text), 400):
            self.data(dict(chunk, choices=[{"index": 0, "delta": {"content": text[k:k + 400]}, "finish_reason": None}]))
        self.data(dict(chunk, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}]))
        if (body.get("stream_options") or {}).get("include_usage"):
            self.data(dict(chunk, choices=[], usage=usage))
        self.data("[DONE]")

    # --- OpenAI Responses API -------------------------------------------------------------
    def openai(self, body):
        items = body.get("input") or []
        if isinstance(items, str):
            items = [{"type": "message", "role": "user", "content": items}]
        prompt = first_user_text(items)
        replies = sum(1 for it in items if isinstance(it, dict) and (
            (it.get("type", "message") == "message" and it.get("role") == "assistant")
            or it.get("type") in ("function_call", "custom_tool_call", "local_shell_call")))
        index, conv = choose(prompt)
        step = step_for(index, conv, replies) if conv else {"text": "OK."}
        log({"method": "POST", "path": self.path, "api": "openai", "conversation": index,
             "step": replies, "reply": step, "body": body})
        wait(step)
        failure = pending_failure(index, replies, step) if conv else None
        if failure == "error":
            status = int(step["error"])
            self.send_json(status, {"error": {"type": "server_error", "code": "server_error",
                                              "message": "scripted failure %d" % status}})
            return
        resp_id = "resp_" + uuid.uuid4().hex[:24]
        model = body.get("model") or "gpt-5"
        self.start_sse()
        base = {"id": resp_id, "object": "response", "created_at": int(time.time()), "model": model,
                "status": "in_progress", "output": []}
        self.event("response.created", {"type": "response.created", "sequence_number": 0, "response": base})
        if failure == "drop":
            self.drop()
            return
        item = self.openai_item(step, body)
        seq = 1
        added = dict(item)
        if item["type"] == "message":
            added["content"] = []
            added["status"] = "in_progress"
        self.event("response.output_item.added", {"type": "response.output_item.added", "sequence_number": seq,
                                                   "output_index": 0, "item": added})
        seq += 1
        if item["type"] == "message":
            text = item["content"][0]["text"]
            self.event("response.content_part.added", {"type": "response.content_part.added", "sequence_number": seq,
                                                        "item_id": item["id"], "output_index": 0, "content_index": 0,
                                                        "part": {"type": "output_text", "text": "", "annotations": []}})
            seq += 1
            for k in range(0, len(text), 400):
                self.event("response.output_text.delta", {"type": "response.output_text.delta", "sequence_number": seq,
                                                           "item_id": item["id"], "output_index": 0,
                                                           "content_index": 0, "delta": text[k:k + 400]})
                seq += 1
            self.event("response.output_text.done", {"type": "response.output_text.done", "sequence_number": seq,
                                                      "item_id": item["id"], "output_index": 0, "content_index": 0,
                                                      "text": text})
            seq += 1
        self.event("response.output_item.done", {"type": "response.output_item.done", "sequence_number": seq,
                                                  "output_index": 0, "item": item})
        seq += 1
        done = dict(base, status="completed", output=[item], usage={
            "input_tokens": 1000, "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 50, "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 1050})
        self.event("response.completed", {"type": "response.completed", "sequence_number": seq, "response": done})

    def openai_item(self, step, body):
        tools = {}
        for t in body.get("tools") or []:
            name = t.get("name") or (t.get("function") or {}).get("name") or t.get("type")
            tools[name] = t
        call_id = "call_" + uuid.uuid4().hex[:20]
        item_id = "fc_" + uuid.uuid4().hex[:20]

        def call(name, args):
            if tools.get(name, {}).get("type") == "custom":
                return {"type": "custom_tool_call", "id": item_id, "status": "completed", "call_id": call_id,
                        "name": name, "input": args if isinstance(args, str) else json.dumps(args)}
            return {"type": "function_call", "id": item_id, "status": "completed", "call_id": call_id,
                    "name": name, "arguments": json.dumps(args)}

        def shell(command):
            if "exec_command" in tools:
                return call("exec_command", {"cmd": command})
            if "shell_command" in tools:
                return call("shell_command", {"command": command})
            return call("shell", {"command": ["bash", "-lc", command]})

        if "write" in step:
            path, content = step["write"]["path"], step["write"]["content"]
            patch = "*** Begin Patch\n*** Add File: %s\n%s*** End Patch\n" % (
                path, "".join("+" + line + "\n" for line in content.splitlines()))
            if "apply_patch" in tools:
                if tools["apply_patch"].get("type") == "custom":
                    return call("apply_patch", patch)
                return call("apply_patch", {"input": patch})
            return shell("cat > %s <<'BATON_EOF'\n%sBATON_EOF" % (path, content))
        if "edit" in step:
            e = step["edit"]
            patch = "*** Begin Patch\n*** Update File: %s\n@@\n%s%s*** End Patch\n" % (
                e["path"], "".join("-" + line + "\n" for line in e["old"].splitlines()),
                "".join("+" + line + "\n" for line in e["new"].splitlines()))
            if "apply_patch" in tools:
                return call("apply_patch", patch if tools["apply_patch"].get("type") == "custom" else {"input": patch})
            return shell("python3 - <<'BATON_EOF'\nimport sys\np=%r\ns=open(p).read().replace(%r, %r, 1)\nopen(p,'w').write(s)\nBATON_EOF"
                         % (e["path"], e["old"], e["new"]))
        if "read" in step:
            return shell("cat " + step["read"])
        if "run" in step:
            return shell(step["run"])
        if "tool" in step:
            # codex names MCP tools its own way: the offered tool whose name ends like the step's.
            name = step["tool"]["name"]
            if name not in tools:
                short = name.split("__")[-1]
                name = next((t for t in tools if t and (t == short or t.endswith("__" + short) or t.endswith("." + short))), name)
            return call(name, step["tool"].get("input") or {})
        text = json.dumps(step["plan"]) if "plan" in step else (checkpoint_text(step) or "OK.")
        return {"type": "message", "id": "msg_" + uuid.uuid4().hex[:20], "status": "completed", "role": "assistant",
                "content": [{"type": "output_text", "text": text, "annotations": []}]}

    # --- OpenAI Chat Completions API (tool calls: mistral-vibe) ----------------------------
    def chat(self, body):
        messages = body.get("messages") or []
        prompt = first_user_text(messages)
        replies = sum(1 for m in messages if isinstance(m, dict) and m.get("role") == "assistant")
        # Side calls (titles, summaries) offer no tools: a short plain answer.
        index, conv = choose(prompt) if body.get("tools") else (None, None)
        step = step_for(index, conv, replies) if conv else {"text": "OK."}
        log({"method": "POST", "path": self.path, "api": "chat", "conversation": index,
             "step": replies, "reply": step, "body": body})
        wait(step)
        failure = pending_failure(index, replies, step) if conv else None
        if failure == "error":
            status = int(step["error"])
            self.send_json(status, {"error": {"type": "server_error", "code": "server_error",
                                              "message": "scripted failure %d" % status}})
            return
        message, finish = self.chat_message(step, body, messages)
        chat_id = "chatcmpl-" + uuid.uuid4().hex[:24]
        model = body.get("model") or "scripted"
        usage = {"prompt_tokens": 1000, "completion_tokens": 50, "total_tokens": 1050}
        base = {"id": chat_id, "created": int(time.time()), "model": model}
        if not body.get("stream"):
            if failure == "drop":
                self.drop()
                return
            self.send_json(200, dict(base, object="chat.completion", usage=usage, choices=[
                {"index": 0, "message": message, "finish_reason": finish}]))
            return
        self.start_sse()

        def chunk(delta, finish_reason=None, **extra):
            data = dict(base, object="chat.completion.chunk",
                        choices=[{"index": 0, "delta": delta, "finish_reason": finish_reason}], **extra)
            self.wfile.write(("data: %s\n\n" % json.dumps(data)).encode())
            self.wfile.flush()

        chunk({"role": "assistant", "content": ""})
        if failure == "drop":
            self.drop()
            return
        text = message.get("content") or ""
        for k in range(0, len(text), 400):
            chunk({"content": text[k:k + 400]})
        for i, call in enumerate(message.get("tool_calls") or []):
            chunk({"tool_calls": [dict(call, index=i)]})
        chunk({}, finish)
        self.wfile.write(("data: %s\n\n" % json.dumps(dict(base, object="chat.completion.chunk", choices=[],
                                                                usage=usage))).encode())
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def chat_message(self, step, body, messages):
        """The assistant message answering `step`, and its finish reason."""
        tools = {}
        for t in body.get("tools") or []:
            f = t.get("function") or t
            tools[f.get("name")] = (f.get("parameters") or {}).get("properties") or {}
        system = "\n".join(text_of(m.get("content")) for m in messages if isinstance(m, dict) and m.get("role") == "system")
        cwd = working_directory(system) or ""

        def absolute(path):
            return path if path.startswith("/") or not cwd or step.get("relative") else os.path.join(cwd, path)

        def call(name, args):
            # MCP tools are named their own way: the offered tool whose name ends like the step's.
            if name not in tools:
                short = name.split("__")[-1]
                name = next((t for t in tools if t and (t == short or t.endswith("_" + short))), name)
            return {"role": "assistant", "content": "", "tool_calls": [{
                "id": "call_" + uuid.uuid4().hex[:20], "type": "function",
                "function": {"name": name, "arguments": json.dumps(args)}}]}, "tool_calls"

        def path_key(tool):  # vibe's harness names it "path" for read/write, "file_path" for edit
            return "path" if "path" in tools.get(tool, {}) else "file_path"

        if "write" in step:
            w = step["write"]
            return call("write_file", {path_key("write_file"): absolute(w["path"]), "content": w["content"]})
        if "read" in step:
            return call("read_file", {path_key("read_file"): absolute(step["read"])})
        if "edit" in step:
            e = step["edit"]
            return call("edit", {path_key("edit"): absolute(e["path"]), "old_string": e["old"], "new_string": e["new"]})
        if "run" in step:
            return call("bash", {"command": step["run"]})
        if "tool" in step:
            return call(step["tool"]["name"], step["tool"].get("input") or {})
        text = json.dumps(step["plan"]) if "plan" in step else (checkpoint_text(step) or "OK.")
        return {"role": "assistant", "content": text}, "stop"


def main():
    global SCRIPT, LOG_PATH
    parser = argparse.ArgumentParser()
    parser.add_argument("--script", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=900)
    args = parser.parse_args()
    with open(args.script) as f:
        SCRIPT = json.load(f)
    LOG_PATH = args.log
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
