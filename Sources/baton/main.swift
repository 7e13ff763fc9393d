import BatonREPL

await BatonCommand.start()
