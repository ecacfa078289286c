"""The closed set of check kinds that rules in `rules/` choose from."""
