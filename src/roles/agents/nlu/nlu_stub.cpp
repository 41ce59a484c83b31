// Placeholder until the NLU sources land.
