"""The languages a model reads, from its card: the shipped model's, a multilingual one's, none."""

from __future__ import annotations

from index_store.model_card import card_languages
from index_store.settings import FedqaSettings


def test_the_shipped_model_reads_english():
    assert card_languages(FedqaSettings().resolved_model_path()) == {"en"}


def test_a_multilingual_card_reads_every_language(tmp_path):
    (tmp_path / "README.md").write_text("---\nlanguage:\n- multilingual\n- ru\n- kk\n---\n# m\n")
    assert card_languages(tmp_path) is None


def test_a_card_that_lists_languages(tmp_path):
    (tmp_path / "README.md").write_text("---\nlanguage:\n- en\n- ru\n---\n")
    assert card_languages(tmp_path) == {"en", "ru"}


def test_no_card_or_no_language_means_english(tmp_path):
    assert card_languages(tmp_path) == {"en"}
    plain = tmp_path / "plain"  # another folder: a card is read once per model folder
    plain.mkdir()
    (plain / "README.md").write_text("# a model\nno front matter\n")
    assert card_languages(plain) == {"en"}
