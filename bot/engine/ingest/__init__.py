"""Turning an article's text into records: people, facts and quotes with their citations.

``ingest_article`` reads the article paragraph by paragraph and sentence by sentence:

* quotes are the spans between double quote marks (curly or straight); a quote that runs
  over several paragraphs (no closing mark at the end of a paragraph and the next paragraph
  opening with one, the newswire convention) is one quote;
* each quote is attributed the way news prose does it: ``"...," Smith wrote.`` /
  ``"...," she said.`` / ``Roe wrote, "..."`` / ``Smith wrote:`` and the quote in
  the next paragraph / ``claiming that we are "living in an oligarchy."`` / a quote that
  carries on right after an attributed one. A pronoun is resolved to the person the prose
  was last about (the subject of the latest sentences first), never to someone whose
  gender the article shows to differ, and a quote whose speaker cannot be told keeps
  ``speaker=None``;
* every other sentence of prose (not headlines, not bare attribution lines) becomes a fact
  in the article's own wording, a leading "She"/"The British engineer" resolved to the name.

Speakers are matched against ``known_people`` (names and aliases, exactly or fuzzily:
"Jhon Smith" is John Smith); other people named in the prose become new Person
records. ``link_duplicates`` then finds the facts and quotes a bank already has (another
outlet's wording, the same article again) and turns them into extra citations.

Only quoted text that a speech verb or a colon links to a person is a quote; a term, a title
or a scare quote stays in its sentence's fact. A new person needs evidence that the name is
a person's (``evidence``), never a list of names.

The modules, in reading order: ``layout`` (paragraphs, quote marks, sentence bounds),
``people`` and ``evidence`` (who is named), ``coref`` (whom each sentence is about),
``attribution`` (who said each quote, and where), ``interview`` (an interview's
answers as its subject's quotes), ``column`` (a column's first-person sentences as its
author's), ``records`` (facts and quotes as records,
``ingest_article``), ``duplicates`` (``link_duplicates``), ``results`` (``IngestResult``,
slugs), ``lexicon`` and ``data/`` (general-English words and patterns).
"""

from bot.engine.ingest.duplicates import DUPLICATE_THRESHOLD, link_duplicates
from bot.engine.ingest.matching import NAME_MATCH_THRESHOLD
from bot.engine.ingest.records import ingest_article
from bot.engine.ingest.results import FactConflict, IngestResult, numbers, slugify

__all__ = [
    "DUPLICATE_THRESHOLD",
    "NAME_MATCH_THRESHOLD",
    "FactConflict",
    "IngestResult",
    "ingest_article",
    "link_duplicates",
    "numbers",
    "slugify",
]
