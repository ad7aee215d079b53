"""Retrieval and cited answers."""
