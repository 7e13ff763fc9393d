import BatonREPL

await BatonCommand.main()
