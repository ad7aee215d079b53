"""Why the gate refused, in the asker's language.

A check returns a `Reason`: English text, as `fedqa eval`, logs and the learned check read it,
that also keeps its key and values, so that the notice under a Kazakh or Russian answer is spelt
from that language's NOTICES (each language module) instead of quoted in English.
"""

from __future__ import annotations

from assistant.languages import en, module_for


class Reason(str):
    """A check's reason for refusing: the English text, its `key` in each language's NOTICES
    and the `values` put into it (the asked word, a year, another Reason)."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> Reason:
        reason = super().__new__(cls, en.NOTICES[key].format(**_spelt(values, "en")))
        reason.key = key
        reason.values = values
        return reason

    def in_language(self, code: str) -> str:
        """The reason in the language `code` (English for one we do not write)."""
        return module_for(code).NOTICES[self.key].format(**_spelt(self.values, code))


def spelt(reason: str, code: str) -> str:
    """`reason` in the language `code` where it is a Reason; as it is otherwise."""
    return reason.in_language(code) if isinstance(reason, Reason) else reason


def refusal_notice(reason: str, check: str, code: str) -> str:
    """The notice under a refusal: why, and which check ("Not answered because ...")."""
    return module_for(code).NOTICES["refused"].format(reason=spelt(reason, code), check=check)


def _spelt(values: dict[str, object], code: str) -> dict[str, object]:
    """The values for one language: a nested Reason in it, a unit of time by its name there."""
    module = module_for(code)
    spelt_values = {}
    for name, value in values.items():
        if isinstance(value, Reason):
            value = value.in_language(code)
        elif name == "unit":
            value = module.UNIT_NAMES.get(value, value)
        spelt_values[name] = value
    return spelt_values
