"""Package data: built by scripts/build_data.py, never edited by hand."""
