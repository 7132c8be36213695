"""The SQuAD benchmark's scoring (benchmarks/squad.py) on tiny hand-made examples.

The figures of issue 9 rest on these functions, so each rule of tests/data/squad/PROTOCOL.md
is checked with a case that a plausible slip would get wrong.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from benchmarks import squad
from benchmarks.squad import (
    Record,
    any_occurs,
    equal_abstention_cutoff,
    normalize,
    occurs,
    sentences,
    summarise,
    tally,
)


def test_normalize_follows_squad() -> None:
    assert normalize("The  Eiffel-Tower, in PARIS!") == "eiffeltower in paris"
    assert normalize("An apple a day") == "apple day"
    # articles go only as whole words; what punctuation removal joins stays joined
    assert normalize("Theatre another anthem") == "theatre another anthem"
    assert normalize("the\tcat\n  sat") == "cat sat"
    # ASCII punctuation only: curly quotes and dashes stay (as in the official script)
    assert normalize("“Yes” – no") == "“yes” – no"
    assert normalize("the a an") == ""


def test_occurs_on_word_boundaries_only() -> None:
    assert occurs("Paul Baran", "Starting in 1959, Paul Baran developed it.")
    assert occurs("the 1950s", "in the late 1950s.")  # normalised on both sides
    assert not occurs("1950", "in the late 1950s")  # inside a word
    assert not occurs("cat", "concatenate")
    assert not occurs("ran", "Paul Baran")
    assert occurs("U.S.", "the US army")  # punctuation removed on both sides
    assert occurs("paris", "“Paris”")  # a curly quote is not a word character
    assert not occurs("the", "the cat")  # a gold answer that normalises to nothing
    assert any_occurs(["nothing", "steam"], ["", "a steam engine"])
    assert not any_occurs(["steam"], [])


def _tally_case() -> squad.Tally:
    # answerable: right, wrong (answered, gold absent), missed (abstained though gold present)
    # unanswerable: abstained, answered
    return tally(
        answered=[True, True, False, False, True],
        hit=[True, False, True, False, True],
        impossible=[False, False, False, True, True],
        shipped=[False, True, False, False, False],
    )


def test_tally_and_precision_arithmetic() -> None:
    t = _tally_case()
    assert (t.answerable, t.right, t.wrong, t.missed) == (3, 1, 1, 1)
    assert (t.unanswerable, t.abstained, t.false_answers) == (2, 1, 1)
    assert t.answers == 3
    # precision counts answers given to unanswerable questions too: 1 right of 3 answers
    assert t.precision == pytest.approx(1 / 3)
    assert t.right_rate == pytest.approx(1 / 3)
    assert t.abstained_rate == pytest.approx(1 / 2)
    assert t.shipped == 1
    assert math.isnan(tally([], [], []).precision)


@pytest.mark.parametrize(
    ("scores", "abstain", "expect_abstained"),
    [
        ([1.0, 2.0, 3.0, 4.0], 0, 0),
        ([1.0, 2.0, 3.0, 4.0], 2, 2),
        ([1.0, 2.0, 3.0, 4.0], 4, 4),
        ([4.0, 1.0, 3.0, 2.0], 3, 3),  # order does not matter
        ([1.0, 2.0, 2.0, 2.0, 5.0], 2, 1),  # ties: 1 and 4 are reachable, 1 is as near
        ([1.0, 2.0, 2.0, 2.0, 5.0], 3, 4),  # 4 is nearer than 1
    ],
)
def test_equal_abstention_cutoff(scores: list[float], abstain: int,
                                 expect_abstained: int) -> None:
    cut = equal_abstention_cutoff(scores, abstain)
    assert sum(s < cut for s in scores) == expect_abstained


def test_cutoff_is_halfway_between_scores() -> None:
    assert equal_abstention_cutoff([1.0, 3.0], 1) == pytest.approx(2.0)
    assert equal_abstention_cutoff([1.0, 3.0], 0) == -math.inf
    assert equal_abstention_cutoff([1.0, 3.0], 2) == math.inf


def _record(impossible: bool, answered: bool, score: float, hit: bool, bm25: float,
            bm25_hit: bool, outlets: tuple[str, ...] = ("Wikipedia",)) -> Record:
    return Record(article="A", split="tune", id="x", question="q?", is_impossible=impossible,
                  golds=[] if impossible else ["g"], answered=answered, score=score,
                  answer="", excerpts=[], outlets=list(outlets), gold_in_answer=hit,
                  bm25_score=bm25, bm25_gold=bm25_hit)


def test_summary_matches_bm25_abstention_to_the_engine() -> None:
    records = [
        _record(False, True, 90, True, 9.0, True),
        _record(False, True, 60, True, 5.0, False),
        _record(False, False, 30, False, 2.0, True),
        _record(True, False, 20, False, 1.0, False),
        _record(True, True, 70, False, 3.0, False, outlets=("NewsNation",)),
        _record(True, False, 40, False, 6.0, False),
    ]
    s = summarise("toy", records, None, 0.0)
    assert s.engine.abstained == 2 and s.engine.right == 2 and s.engine.shipped == 1
    assert s.engine.precision == pytest.approx(2 / 3)
    # BM25 must abstain on 2 of the 3 unanswerable (scores 1, 3, 6): halfway between 3 and 6
    assert s.bm25_cutoff == pytest.approx(4.5)
    assert s.bm25.abstained == 2
    # answers: 9.0 (right), 5.0 (wrong), 6.0 (unanswerable); 2.0 falls under the cut-off
    assert (s.bm25.right, s.bm25.wrong, s.bm25.missed, s.bm25.answers) == (1, 1, 1, 3)
    assert s.bm25.precision == pytest.approx(1 / 3)
    assert s.over_bm25 == pytest.approx(2 / 3 - 1 / 3)
    # a threshold rescores the engine (answered only at >= 65) and moves BM25's cut-off
    t = summarise("toy", records, 65.0, 0.0)
    assert (t.engine.right, t.engine.abstained, t.engine.shipped) == (1, 2, 1)
    t = summarise("toy", records, 80.0, 0.0)
    assert (t.engine.right, t.engine.abstained, t.engine.shipped) == (1, 3, 0)
    assert t.bm25.abstained == 3


def test_sentences_split_on_sentence_ends_and_paragraphs() -> None:
    text = ("Steam engines use steam. In 1712 Newcomen built one! Was it good? “Yes.” "
            "It ran at 3.5 m.p.h. on rails\n\nA new paragraph e.g. this one. Charles W. Eliot "
            "met Dr. Smith in the U.S. Army. Then he left.")
    assert sentences(text) == [
        "Steam engines use steam.",
        "In 1712 Newcomen built one!",
        "Was it good?",
        "“Yes.”",
        "It ran at 3.5 m.p.h. on rails",
        "A new paragraph e.g. this one.",
        "Charles W. Eliot met Dr. Smith in the U.S. Army.",
        "Then he left.",
    ]


def test_article_text_and_title_follow_the_protocol() -> None:
    article = {"title": "Packet_switching",
               "paragraphs": [{"context": "One.", "qas": []}, {"context": "Two.", "qas": []}]}
    assert squad.article_text(article) == "One.\n\nTwo.\n"
    assert squad.article_title(article) == "Packet switching"


def test_split_file_covers_the_eight_articles_once() -> None:
    split = squad.load_split()
    articles = squad.load_articles()
    assert sorted(split) == sorted(articles)
    assert sorted(split.values()) == ["held-out"] * 4 + ["tune"] * 4


def test_reply_reads_ask_json() -> None:
    reply = squad.Reply.from_json({
        "answered": True, "answer": "Paul Baran did.", "score": 87.5,
        "sources": [{"outlet": "Wikipedia", "excerpt": "Paul Baran developed it."},
                    {"outlet": "NewsNation", "excerpt": None}],
    })
    assert reply.answered and reply.score == 87.5
    assert reply.excerpts == ("Paul Baran developed it.", "")
    assert reply.outlets == ("Wikipedia", "NewsNation")
    abstained = squad.Reply.from_json({"answered": False, "answer": "No.", "score": 0,
                                       "sources": []})
    assert not abstained.answered and abstained.excerpts == ()


def test_main_runs_in_process_on_a_toy_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The runner end to end (--via engine) on one made-up article: it runs, writes one
    record per question, and its summary agrees with the records. Values are not checked:
    they are the engine's."""

    context = ("The Larkfield bridge was opened in 1931 by the engineer Mara Quill. "
               "It carries a railway over the river Tam and is 240 metres long.")
    qas = [
        {"id": "1", "question": "Who opened the Larkfield bridge?", "is_impossible": False,
         "answers": [{"text": "Mara Quill", "answer_start": 0}]},
        {"id": "2", "question": "How long is the Larkfield bridge?", "is_impossible": False,
         "answers": [{"text": "240 metres", "answer_start": 0}]},
        {"id": "3", "question": "Who closed the Larkfield bridge?", "is_impossible": True,
         "answers": [], "plausible_answers": [{"text": "Mara Quill", "answer_start": 0}]},
    ]
    data = tmp_path / "toy.json"
    data.write_text(json.dumps({"version": "v2.0", "data": [
        {"title": "Larkfield_bridge", "paragraphs": [{"context": context, "qas": qas}]}]}))
    out = tmp_path / "toy-out.json"
    assert squad.main(["--via", "engine", "--data", str(data), "--articles",
                       "Larkfield_bridge", "--sweep", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Larkfield_bridge" in printed and "held-out split not measured" in printed
    doc = json.loads(out.read_text())
    assert [r["id"] for r in doc["records"]] == ["1", "2", "3"]
    summary = doc["summaries"][0]["engine"]
    assert summary["answerable"] == 2 and summary["unanswerable"] == 1
    assert summary["right"] == sum(r["correct"] for r in doc["records"][:2])
    assert summary["abstained"] == int(doc["records"][2]["correct"])
