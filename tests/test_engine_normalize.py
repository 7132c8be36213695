"""bot/engine/normalize.py: the one normaliser (records, questions, verify, storage keys)."""

from __future__ import annotations

from bot.engine.normalize import fold, is_content, phrase_end, quoted, shorten, stem, words


def test_fold_lowers_strips_accents_and_invisible_marks() -> None:
    assert fold("Café\u200b ÉLAN") == "cafe elan"
    assert fold("plain ascii") == "plain ascii"


def test_words_write_numbers_as_digits_and_chat_spellings_out() -> None:
    assert words("Forty-two people, u know?") == ["42", "people", "you", "know"]
    assert words("two hundred") == ["200"]


def test_a_figure_in_digits_and_its_scale_is_one_figure_as_in_words() -> None:
    """"28 million" is 28000000, as "twenty-eight million" is, so either meets the other;
    "2.5 billion" is not "2" and "5"."""
    assert words("the $28 million stadium") == ["the", "28000000", "stadium"]
    assert words("Twenty-eight million dollars") == ["28000000", "dollars"]
    assert words("2.5 billion users, 40-thousand fans") == ["2500000000", "users", "40000", "fans"]
    # (decimals past the scale, or a figure after a decimal point, stay as written)
    assert words("1.23456 thousand") == ["1", "23456", "thousand"]
    assert words("version 3.2 million") == ["version", "3200000"]


def test_one_is_a_figure_in_a_hyphenated_figure_and_after_tens() -> None:
    """"four-to-one" is "4 to 1" as the question writes it; "twenty-one" is 21, not "20 one";
    a lone "one" stays a word ("one of them", "no-one")."""
    assert words("a four-to-one ratio") == words("a 4 to 1 ratio") == ["a", "4", "to", "1", "ratio"]
    assert words("one-in-10 homes") == ["1", "in", "10", "homes"]
    assert words("twenty-one") == words("twenty one") == ["21"]
    assert words("thirty-one-year-old") == ["31", "year", "old"]
    assert words("one of them, no-one else") == ["one", "of", "them", "no", "one", "else"]


def test_non_makes_one_word_with_the_word_it_negates() -> None:
    """"non-specific" is "nonspecific" however it is written, and not "specific": a record
    saying defenses are non-specific does not say they are specific."""
    assert words("non-specific") == words("nonspecific") == ["nonspecific"]
    assert words("Non-self molecules") == ["nonself", "molecules"]
    assert "specific" not in words("innate defenses are non-specific")
    assert words("none-the-less") == ["none", "the", "less"]  # (not "non-" before a word)


def test_stems_meet_and_digits_stay_whole() -> None:
    assert stem("approved") == stem("approves") == stem("approve")
    assert stem("2025") == "2025"


def test_content_words_exclude_stopwords_but_keep_lone_letters() -> None:
    assert not is_content("the") and is_content("bridge") and is_content("b")


def test_a_determiner_of_quantity_is_no_content_word() -> None:
    """"several" shares the Snowball stem "sever" with "severance": as a content word it made
    "how much severance" match "several protests"."""
    assert stem("several") == stem("severance")
    assert not is_content("several")
    assert is_content("severance")


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("  short \n text ") == "short text"


def test_a_short_verb_in_e_keeps_it_in_every_form() -> None:
    """"sue", "sued", "suing", "sues" meet (Snowball cuts "sued" and "suing" to "su"), as
    "glue" / "gluing" do; "hopped" is no "hope", "planned" no "plane"."""
    assert {stem(w) for w in ("sue", "sued", "suing", "sues")} == {"sue"}
    assert stem("gluing") == stem("glue") and stem("dyed") == stem("dye")
    assert stem("hopped") != stem("hope") and stem("planned") != stem("plane")


def test_an_irregular_verb_form_stems_as_its_verb() -> None:
    """"got" meets "get" as "walked" meets "walk"; a form that is mostly a word of its own
    ("ground") is not read as a verb ("grind")."""
    assert stem("got") == stem("get") and stem("told") == stem("tells")
    assert stem("went") == stem("go") and stem("sold") == stem("selling")
    assert stem("ground") != stem("grind")


def test_a_percent_sign_reads_as_the_word() -> None:
    assert words("about 78% of riders") == ["about", "78", "percent", "of", "riders"]
    assert words("78 percent") == ["78", "percent"]


def test_quoted_words_are_the_longest_stretch_in_double_quotes() -> None:
    assert quoted('who said "Never a panda"?') == ["never", "a", "panda"]
    assert quoted("who said \u201cwe waited twenty years\u201d") == ["we", "waited", "20", "years"]
    assert quoted('is "fine" the word, or "not fine at all"') == ["not", "fine", "at", "all"]
    assert quoted('what does "shock" mean') == []  # one word: a term, not a quotation
    assert quoted("who said we waited") == []


def test_an_ordinal_in_figures_is_its_number() -> None:
    """"what happened on March 2nd" meets "on March 2"; "the 1990s" is no ordinal."""
    assert words("March 2nd") == words("March 2") == ["march", "2"]
    assert words("the 21st of May, the 4th time") == ["the", "21", "of", "may", "the", "4", "time"]
    assert words("the 1990s") == ["the", "1990s"]
    assert words("the north and south") == ["the", "north", "and", "south"]


def test_a_modal_contracted_with_have_is_no_content_word() -> None:
    """"who said they could've swapped the sensor": "could've" folds to "couldve", a
    function word like "could", not a word the coverage should be asked to have."""
    for contracted in ("could've", "would've", "should've", "might've", "must've", "it'll"):
        assert [w for w in words(contracted) if is_content(w)] == [], contracted
    # nor is a chat word that only moves the talk on ("how cold is it out there anyway")
    assert not is_content("anyway") and not is_content("anyways")
    # nor the other forms of "get", which is one ("jobs are getting reviewed")
    assert not any(is_content(w) for w in ("gets", "getting", "gotten"))
    # nor hedges and fillers ("what exactly", "is it still", "instead of", "what stuff"), nor
    # "around" ("how long has the store been around", "around 1800")
    assert not any(is_content(w) for w in ("exactly", "still", "instead", "stuff", "around",
                                           "thing", "things"))  # ("the stadium thing")
    # nor the other prepositions Snowball's list lacks ("stop near the school", "across")
    assert not any(is_content(w) for w in ("near", "behind", "across", "along", "toward"))
    assert is_content("per")  # ("patients per nurse": a rate, what is asked)


def test_common_shortenings_are_read_as_the_words() -> None:
    """"HQ", "dept", "intl": what a chat writes for "headquarters", "department",
    "international" (``chat.json``)."""
    assert words("how many HQ jobs at the dept. of Intl trade") == [
        "how", "many", "headquarters", "jobs", "at", "the", "department", "of",
        "international", "trade"]
    # and a clipped word as the whole one ("the fridge": "the refrigerator")
    assert words("lab results, the fridge, her obits") == [
        "laboratory", "results", "the", "refrigerator", "her", "obituaries"]
    assert words("her grandkids") == ["her", "grandchildren"]
    # a title's abbreviation ("Gov. Corinne Tate", "Sgt. Roe"); "gov" in a chat is also the
    # government, so it is read as both
    assert words("Gov. Tate and Sgt. Roe") == ["government", "governor", "tate", "and",
                                               "sergeant", "roe"]


def test_a_co_op_is_a_cooperative() -> None:
    """"co-op", the clipped "cooperative" written with its hyphen, is one word, the one it
    clips (not "co" and "op"); "co-workers" keeps its hyphen's two words."""
    assert words("When is the Co-op's board meeting?")[3:5] == ["cooperative", "board"]
    assert words("the cooperative") == ["the", "cooperative"]
    assert words("co-workers")[:1] == ["co"]


def test_a_frame_word_is_no_content_word_in_any_of_its_forms() -> None:
    """"know", "tell", "say" and "thank" ask or frame ("do you know", "tell me"); their other
    forms are no topic either, or "knowing" would be a term ("know") that a record saying
    "we know" never has, and "what are X known as" would turn on "known"."""
    for frame, forms in (("know", ("knows", "knowing", "knew", "known")),
                         ("tell", ("tells", "telling", "told")),
                         ("say", ("says", "saying", "said")),
                         ("thank", ("thanks", "thanked", "thanking"))):
        assert not is_content(frame)
        assert not any(map(is_content, forms)), frame


def test_a_pronoun_or_auxiliary_is_no_content_word_in_a_form_the_list_lacks() -> None:
    """"ones", "others" and "done" are forms of stop words ("one", "other", "do"); as content
    words they would be terms a record saying "one" or "did" never has ("the recalled ones"
    then sank at "never mentions")."""
    for form in ("ones", "others", "done"):
        assert not is_content(form)


def test_a_british_spelling_stems_as_the_american_one() -> None:
    """"metres" meets "meters", "theatre" "theater", "travelled" "traveled", "organisation"
    "organization": a question written one way finds a record written the other."""
    for british, american in (("metres", "meters"), ("theatre", "theater"),
                              ("travelled", "traveled"), ("organisation", "organization"),
                              ("colour", "color")):
        assert stem(british) == stem(american), british
    assert stem("theatre") != stem("three")


def test_a_phrase_is_found_where_it_ends_the_first_listed_first() -> None:
    """"so how many left": "how many" ends at 3; phrases are tried in the order given."""
    assert phrase_end(["so", "how", "many", "left"], (("how", "many"),)) == 3
    assert phrase_end(["who", "else", "but", "obi"], (("besides",), ("else",))) == 2
    assert phrase_end(["how", "much"], (("how", "many"),)) is None
    assert phrase_end([], (("how", "many"),)) is None


def test_a_figure_of_thousands_in_shorthand_is_its_value() -> None:
    """"the 40k tax" is the "$40,000 in tax money" a record gives; "4k9" is no figure."""
    assert words("the 40k tax") == words("the $40,000 tax") == ["the", "40000", "tax"]
    assert words("a $1.5k bill") == ["a", "1500", "bill"]
    assert words("code 4k9") == ["code", "4k9"]
