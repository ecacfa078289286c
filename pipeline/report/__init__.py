"""[Finding] + [Report] -> output; one module per format, each a streaming writer."""
