"""Embedding and storage: the only package that knows Chroma and the embedding model."""
