"""How sure a statement is, from its modal verbs and hedges.

``reported``: stated as fact ("will skip", "did not attend", "confirmed").
``expected``: anticipated ("is expected to", "plans to", "likely", "set to").
``possible``: speculative or conditional ("may", "could", "is considering").
"""

from __future__ import annotations

import re

_POSSIBLE = re.compile(
    r"\b(?:may|might|could(?! not)|possibly|perhaps|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|"
    r"mull(?:s|ed|ing)?|undecided|not (?:yet )?decided|yet to decide|has not decided|"
    r"unless|still working out|if\b(?! confirmed)|hop(?:es|ed|ing)? to|would like to)\b",
    re.I,
)
_EXPECTED = re.compile(
    r"\b(?:expect(?:s|ed)?|likely|unlikely|probabl[ey]|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|"
    r"intention|set to|scheduled|due (?:to|in|at)|slated|poised|anticipated|apparent(?:ly)?|"
    r"means to|meant to|"
    r"(?:is|are) to\b|aims? to|preparing to|reportedly|is understood to|was to|were to|"
    r"will probably|on course to|(?:is|are) listed|lined up|invited to speak|on the list|"
    r"suggested|hinted|signall?ed|indicated)\b",
    re.I,
)


def certainty_of(window: str) -> str:
    """The certainty the words in ``window`` give to the attendance statement they frame."""
    if _POSSIBLE.search(window):
        return "possible"
    if _EXPECTED.search(window):
        return "expected"
    return "reported"
