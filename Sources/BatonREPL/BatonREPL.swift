// BatonREPL
