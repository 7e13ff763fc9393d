"""A minimal MCP client over stdio (JSON-RPC 2.0, one message per line) for the stand-ins:
starts the servers of a claude `--mcp-config` file as the real CLI does and calls their tools."""
import json
import os


class MCPError(Exception):
    pass


class Server:
    def __init__(self, name, spec):
        self.name = name
        env = dict(os.environ)
        env.update(spec.get("env") or {})
        import subprocess  # only a turn that calls a server pays for it

        self.process = subprocess.Popen([spec["command"]] + list(spec.get("args") or []), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env)
        self.next_id = 0
        self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                    "clientInfo": {"name": "claude-standin", "version": "1"}})
        self.notify("notifications/initialized")
        self.tools = [t["name"] for t in self.request("tools/list", {}).get("tools", [])]

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        ident = self.next_id
        self.process.stdin.write((json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params}) + "\n").encode())
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise MCPError("MCP server %s exited (status %s)" % (self.name, self.process.wait()))
            message = json.loads(line)
            if message.get("id") != ident:
                continue  # a notification or a request of the server's: not answered here
            if "error" in message:
                raise MCPError(message["error"].get("message", "error"))
            return message.get("result", {})

    def call(self, tool, arguments):
        """(text, is_error) of a tools/call."""
        result = self.request("tools/call", {"name": tool, "arguments": arguments})
        text = "\n".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")
        return text, bool(result.get("isError"))

    def close(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        except Exception:  # noqa: BLE001 - a stand-in cleans up as it can
            self.process.kill()


def servers_from_configs(paths):
    """{name: spec} from `--mcp-config` files (or inline JSON, as the real CLI accepts)."""
    servers = {}
    for entry in paths:
        text = entry if entry.lstrip().startswith("{") else open(entry).read()
        servers.update(json.loads(text).get("mcpServers", {}))
    return servers
