// BatonWorkspace
