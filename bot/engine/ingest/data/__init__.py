"""General-English word lists ingest reads: ``NAME.json`` files, each naming its source.

``titles`` (honorifics before a name), ``roles`` (what a person is), ``name_heads`` (nouns
heading names of places, bodies, laws, events), ``company_heads`` (words ending a
company's name: "Foods", "Co.") and ``human_verbs`` (verbs whose subject is a
person), compiled by hand; ``person_nouns`` (what a person is: "harbormaster", "grower") and
``place_nouns`` (a place, landform or building: "meadow", "creek"), WordNet's, made by
``scripts/build-person-nouns``; ``title_abbreviations`` ("gov": "governor"), news style's.
None holds a name of anyone.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def wordlist(name: str) -> frozenset[str]:
    """The words of ``NAME.json`` (``{"source": ..., "words": [...]}``), lower case."""
    raw = resources.files(__name__).joinpath(f"{name}.json").read_text("utf-8")
    return frozenset(w.lower() for w in json.loads(raw)["words"])


@cache
def wordmap(name: str) -> dict[str, str]:
    """The pairs of ``NAME.json`` (``{"source": ..., "words": {word: meaning}}``)."""
    raw = resources.files(__name__).joinpath(f"{name}.json").read_text("utf-8")
    return {k.lower(): v for k, v in json.loads(raw)["words"].items()}


def listed(noun: str, words: frozenset[str]) -> bool:
    """``noun``, or its singular ("lawmakers": "lawmaker"), is one of ``words``."""
    return noun in words or (noun.endswith("s") and noun[:-1] in words)
