// `baton-mcp mcp --session S --task T --sessions-dir D`: Baton's MCP server for an agent run,
// apart from `baton` so that `baton` does not load FoundationNetworking (the MCP SDK needs it).
await BatonMCPCommand.start()
