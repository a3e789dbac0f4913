"""The web chat channel: a page and its script, using only the public conversation contract."""
