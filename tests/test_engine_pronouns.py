"""bot/engine/pronouns.py: the pronoun a story gives each of its people, read from the
sentences about them, and whom a question's "he" or "she" means when nothing came before it."""

from __future__ import annotations

from bot.engine.pronouns import gender, meant, of_pronoun


def test_a_pronoun_gives_a_gender_and_other_words_none() -> None:
    assert [of_pronoun(w) for w in ("he", "His", "him", "himself")] == ["he"] * 4
    assert [of_pronoun(w) for w in ("she", "Her", "hers", "herself")] == ["she"] * 4
    assert of_pronoun("they") is None and of_pronoun("the") is None


def test_the_sentences_about_someone_say_how_the_story_refers_to_them() -> None:
    assert gender(["Eldridge, 61, did not testify, and his lawyer said he would appeal."]) == "he"
    assert gender(["Castellanos said she had counted every ballot herself.",
                   "Her office opened at 7."]) == "she"
    # neither, or both alike: no one is called so ("the shelter" in "she helped",
    # "hers" inside "others" are no pronouns)
    assert gender(["The board voted 5-2 on Tuesday."]) is None
    assert gender(["He thanked her.", "She thanked him."]) is None
    assert gender(["The others sheltered."]) is None
    # one pronoun of the other kind (a wife, a mother) does not outweigh two
    assert gender(["He said his wife found her keys.", "He retired in May."]) == "he"


def test_he_is_the_person_of_the_likeliest_record_about_one_person() -> None:
    genders = {"eldridge": "he", "castellanos": "she", "okafor": None}.get
    # records about no one and about two people are passed over
    assert meant("he", [(), ("eldridge", "castellanos"), ("eldridge",)], genders) == "eldridge"
    assert meant("her", [("castellanos",), ("eldridge",)], genders) == "castellanos"
    # the likeliest record about one person is about someone the pronoun cannot mean: no one
    assert meant("she", [("eldridge",), ("castellanos",)], genders) is None
    assert meant("he", [("okafor",)], genders) is None  # (the coverage never says)
    assert meant("he", [(), ("eldridge", "castellanos")], genders) is None
