// BatonAgents
