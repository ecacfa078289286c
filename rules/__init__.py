"""The rulebook: YAML data read by pipeline.rulebook (no code here)."""
