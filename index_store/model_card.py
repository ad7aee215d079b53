"""Which languages the embedding model reads, from its model card.

A sentence-transformers model folder carries the card it was published with (README.md), whose
YAML front matter names the languages it was trained on (`language: en`, or a list that starts
with `multilingual`). The answerer trusts the model's similarities less for a question in a
language the model does not read (see assistant.extractive.UNREAD_SIMILARITY_WEIGHT), so pointing
FEDQA_MODEL_PATH at a multilingual model needs no second setting.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

# A model without a card (a folder someone trained or copied without it) is taken to be what
# sentence-transformers models mostly are: English.
UNKNOWN_CARD_LANGUAGES = frozenset({"en"})


@cache  # read by the settings of each store at start-up; a model folder does not change
def card_languages(model_path: Path) -> frozenset[str] | None:
    """The language codes on the model's card; None when the card says `multilingual`, which
    is read as every language."""
    import frontmatter

    card = model_path / "README.md"
    try:
        declared = frontmatter.loads(card.read_text(encoding="utf-8")).get("language")
    except (OSError, UnicodeDecodeError, ValueError):
        return UNKNOWN_CARD_LANGUAGES
    if isinstance(declared, str):
        declared = [declared]
    codes = {str(code).strip().lower() for code in declared or []}
    if "multilingual" in codes:
        return None
    return frozenset(codes) or UNKNOWN_CARD_LANGUAGES
