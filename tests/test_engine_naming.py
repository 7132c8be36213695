"""bot/engine/naming.py: what a question asks the name of, and whether a record names it."""

from __future__ import annotations

from bot.engine.names import NameTable
from bot.engine.naming import (
    kind_asked,
    kind_of_person,
    miscast,
    name_near,
    named_thing,
    possessors,
    someone_of,
    which_many,
    which_people,
)
from bot.engine.normalize import words
from bot.engine.question import Item, Query
from bot.models import Person
from tests.engine_records import asked, read_question, view_of


def test_the_name_of_a_thing_asked_is_the_last_word_of_the_phrase_after_name_of() -> None:
    school = asked("what is the name of the elementary school",
                    [Item("elementary", ("elementari",)), Item("school", ("school",))], "name")
    assert named_thing(school) == {"school"}
    accountant = asked(
        "what is the name of the accountant the defense wanted",
        [Item("accountant", ("account",)), Item("defense", ("defens",)),
         Item("wanted", ("want",))], "name")
    assert named_thing(accountant) == {"account"}
    # a term of art may be a common noun: "the name of the alphabet" is not gated
    alphabet = asked("what is the name of the alphabet", [Item("alphabet", ("alphabet",))], "name")
    assert named_thing(alphabet) == frozenset()
    plain = Query("what did the school decide", words("what did the school decide"),
                  [Item("school", ("school",))])
    assert named_thing(plain) == frozenset()
    # a kind of person, after a name of two words ("kayla finnerty's son")
    ws = words("what is the name of kayla finnerty's son")
    son = Query("what is the name of kayla finnerty's son", ws,
                [Item("kayla finnerty", ("@kayla-finnerty",), ("kayla-finnerty",), pos=0),
                 Item("son", ("son",), pos=1)],
                answer_type="name", at=[ws.index("kayla"), ws.index("son")])
    assert named_thing(son) == {"son"}
    # a kind of person in an irregular plural ("the names of her grandchildren")
    kids = asked("what are the names of her grandchildren",
                  [Item("grandchildren", ("grandchildren",))], "name")
    assert named_thing(kids) == {"grandchildren"}
    # the name asked as the thing's own: "what was the jailhouse informant's name"
    ws = words("what was the jailhouse informant's name")
    informant = Query("what was the jailhouse informant's name", ws,
                      [Item("jailhouse", ("jailhous",), pos=0),
                       Item("informant", ("inform",), pos=1)],
                      answer_type="name", at=[ws.index("jailhouse"), ws.index("informant")])
    assert named_thing(informant) == {"inform"}
    ws = words("what's the robot's name")
    robot = Query("what's the robot's name", ws, [Item("robot", ("robot",), pos=0)],
                  answer_type="name", at=[ws.index("robot")])
    assert named_thing(robot) == frozenset()  # (a thing that bears no names as a rule)
    # an animal bears a name as a person does ("what's the panda's name", "the name of the
    # steer": WordNet's animal nouns, a steer by its second sense)
    ws = words("what's the panda's name")
    panda = Query("what's the panda's name", ws, [Item("panda", ("panda",), pos=0)],
                  answer_type="name", at=[ws.index("panda")])
    assert named_thing(panda) == {"panda"}
    steer = asked("what was the name of the steer", [Item("steer", ("steer",))], "name")
    assert named_thing(steer) == {"steer"}


def test_kinds_of_person_and_someone_a_person_has() -> None:
    assert kind_of_person("judge") and kind_of_person("lawmakers")
    assert not kind_of_person("field") and not kind_of_person("bridge")
    assert someone_of("what did Pruett's lawyer say") and not someone_of("what did Pruett say")


def test_which_three_asks_the_number_and_the_thing_it_counts() -> None:
    ws = words("which three states saw it")
    query = Query("which three states saw it", ws,
                  [Item("states", ("state",), pos=0), Item("saw", ("saw",), pos=1)],
                  at=[ws.index("states"), ws.index("saw")])
    assert which_many(query) == ("3", frozenset({"state"}))
    assert which_many(Query("which states saw it", words("which states saw it"))) is None


def test_things_counted_may_be_named_after_a_clause() -> None:
    """"which trustees voted no": "the two trustees who voted against the closure, Walter
    Penhallow and Gretchen Ives" lists the two it counts; uncounted, a name that far off
    ("trustees voted against the closure at the meeting Walter Penhallow chaired") is not
    theirs."""
    trustees = frozenset({"truste"})
    counted = view_of("The two trustees who voted against the closure, Walter Penhallow and "
                      "Gretchen Ives, said they wanted another year.",
                      people=("walter-penhallow", "gretchen-ives"))
    assert name_near(counted, trustees, {"truste", "vote"}, False)
    far = view_of("Trustees voted against the closure at a meeting Walter Penhallow chaired.",
                  people=("walter-penhallow",))
    assert not name_near(far, trustees, {"truste", "vote"}, False)


def test_a_thing_is_named_a_few_words_on_not_by_where_it_is() -> None:
    """"what's the steer's name": "The steer, a 1,340-pound Angus cross named Domino" names it
    past its description; "The grand champion steer at the Bramwell County Fair" names the
    fair it was at, and "the steer sold to Harlan Feed" its buyer, not the steer."""
    steer = frozenset({"steer"})
    named = view_of("The steer, a 1,340-pound Angus cross named Domino, won the top prize.")
    assert name_near(named, steer, set(), False)
    at = view_of("The grand champion steer at the Bramwell County Fair was stripped of its "
                 "title Wednesday.")
    assert not name_near(at, steer, set(), False)
    sold = view_of("The steer sold to Harlan Feed for $41,000.")
    assert not name_near(sold, steer, set(), False)
    beside = view_of("The Bramwell steer won.")  # (a name right before it is its own)
    assert name_near(beside, steer, set(), False)


def test_a_things_name_is_no_persons_name() -> None:
    """"what's the name of the lift that broke": "Ruben Pelletier broke his left wrist" names
    a person, not the lift; "the Summit Express broke down" names it (without saying "lift")."""
    lift = frozenset({"lift"})
    broke = view_of("Ruben Pelletier broke his left wrist on Sunday.", people=("ruben-pelletier",))
    assert not name_near(broke, lift, {"break"}, False, of_thing=True)
    assert name_near(broke, lift, {"break"}, False)  # (which official: nothing to judge by)
    named = view_of("The Summit Express broke down on Saturday.")
    assert name_near(named, lift, {"break"}, False, of_thing=True)


def test_which_people_of_a_kind_asks_them_by_name() -> None:
    def q(text: str) -> Query:
        return Query(text, words(text))
    assert which_people(q("which supervisors voted yes on the rezoning"))
    assert which_people(q("Which council members voted against the cut?"))
    assert not which_people(q("which supervisor chairs the board"))  # (one: "who" reads it)
    assert not which_people(q("which roads are closed"))
    # a number and a word may stand before the kind ("which two board members voted no")
    assert which_people(q("which 2 board members voted against disqualifying the steer"))
    # "who voted yes", "so who voted against it": the members who did, by name (not "the
    # trustee who voted no", whose "who" asks nothing)
    assert which_people(q("who voted yes"))
    assert which_people(q("so who voted against the contract"))
    assert not which_people(q("what did the trustee who voted no say"))
    assert not which_people(q("who approved the contract"))
    assert not which_people(q("who did obi vote for"))
    for typed in ("who voted agianst the budget", "who voted aginst it"):  # ("against")
        assert which_people(read_question(typed)), typed  # (spelt as the question is read)
        assert not which_people(q(typed))  # (as written, no stance)
    assert not which_people(q("who voted again"))


def test_a_record_names_the_thing_when_a_name_stands_beside_it() -> None:
    school = frozenset({"school"})
    assert name_near(view_of("The outbreak began at the Hawthorne Elementary school."),
                     school, {"school"}, False)
    assert not name_near(view_of("The outbreak began at a school in the town of Marlow."),
                         school, {"school"}, False)
    # a record without the thing gives nothing to judge by, unless a person's name is asked
    assert name_near(view_of("Hawthorne Elementary closed."), school, {"school"}, False)
    assert not name_near(view_of("Ada Roe closed it."), frozenset({"son"}), {"son"}, True)


def test_a_name_owning_the_thing_is_not_its_name() -> None:
    """"what were her parents' names": "$2,000 borrowed from Walter's parents" names the one
    whose parents they are, not them; "the parents, Ann and Lou Roe," names them."""
    parents = frozenset({"parent"})
    assert not name_near(view_of("The couple borrowed $2,000 from Walter's parents."),
                         parents, {"parent"}, True)
    assert name_near(view_of("Her parents, Ann and Lou Roe, ran the farm."),
                     parents, {"parent"}, True)
    assert possessors("Walter's parents, the Smiths' house and Ohio’s governor") == {
        "walter", "smith", "ohio"}


def test_the_kind_asked_which_one_of_is_the_noun_before_a_verb() -> None:
    """"what bank gave the loan", "which nine stores are": the noun of the phrase after the
    question word, when a verb follows it; any "name of" phrase's last word. Not a phrase
    with no verb after it ("what exposes organisms to infection": a verb itself), nor "what
    kind of engine"."""
    bank = asked("what bank gave the trust the loan",
                 [Item("bank", ("bank",)), Item("gave", ("gave",)), Item("trust", ("trust",)),
                  Item("loan", ("loan",))])
    assert kind_asked(bank) == {"bank"}
    stores = asked("which nine stores are going to be sold",
                   [Item("stores", ("store",)), Item("going", ("go",)), Item("sold", ("sold",))])
    assert kind_asked(stores) == {"store"}
    app = asked("what is the name of the phone app they used",
                [Item("phone", ("phone",)), Item("app", ("app",)), Item("used", ("use",))],
                "name")
    assert kind_asked(app) == {"app"}
    exposes = asked("what exposes organisms to infection",
                    [Item("exposes", ("expos",)), Item("organisms", ("organism",)),
                     Item("infection", ("infect",))])
    assert kind_asked(exposes) == frozenset()
    kind = asked("what kind of engine was used",
                 [Item("kind", ("kind",)), Item("engine", ("engin",)), Item("used", ("use",))])
    assert kind_asked(kind) == frozenset()
    zoo = asked("which zoo in tennessee did juniper come from",
                [Item("zoo", ("zoo",)), Item("tennessee", ("tennesse",)),
                 Item("juniper", ("junip",)), Item("come", ("come",))])
    assert kind_asked(zoo) == {"zoo"}  # (past the place it is in)
    # a kind of person is named_thing's; a word corrected may be one misspelt
    judge = asked("which judge heard the case",
                  [Item("judge", ("judg",)), Item("heard", ("hear",))])
    assert kind_asked(judge) == frozenset()
    ws = words("what is the name of the enginer the district hired")
    typo = Query("what is the name of the enginer the district hired", ws,
                 [Item("enginer", ("engin",), corrected=True, pos=0)], answer_type="name",
                 at=[ws.index("enginer")])
    assert kind_asked(typo) == frozenset()
    when = asked("what year did the bank open", [Item("bank", ("bank",))], "date")
    assert kind_asked(when) == frozenset()


def test_a_role_the_coverage_gives_another_miscasts_the_person_named() -> None:
    """"what did Mayor Ruth Abernathy say": Abernathy is a council member, the mayor is
    someone else; "council member Ruth Abernathy" is as the coverage has it; a role no one
    holds ("chef Ruth Abernathy") judges nothing."""
    names = NameTable()
    names.add(Person("denise-kowalczyk", "Denise Kowalczyk", (), "mayor", None))
    names.add(Person("ruth-abernathy", "Ruth Abernathy", (), "council member", None))

    def question(role: str) -> Query:
        text = f"what did {role} ruth abernathy say"
        ws = words(text)
        return Query(text, ws, [Item(role, (role,), pos=0),
                                Item("ruth abernathy", ("@ruth-abernathy",),
                                     ("ruth-abernathy",), True, pos=1)],
                     at=[ws.index(role), ws.index("ruth")])

    def everyone(_: Person) -> bool:
        return True

    assert miscast(question("mayor"), names, everyone)
    assert not miscast(question("member"), names, everyone)
    assert not miscast(question("chef"), names, everyone)


def test_a_title_between_the_thing_and_a_name_does_not_part_them() -> None:
    """"who's the programmer on the team": "The team's programmer, sophomore Eli Brandvold,
    15, writes the code" names them (a kind of person between is a title); a name farther
    off does not."""
    thing, asked_ = frozenset({"programm"}), {"programm", "team"}
    titled = view_of("The team's programmer, sophomore Eli Brandvold, 15, writes the code.")
    assert name_near(titled, thing, asked_, False)
    far = view_of("The programmer works every day at the shop in town with Brandvold.")
    assert not name_near(far, thing, asked_, False)


def test_the_names_of_the_people_asked_name_no_one_else() -> None:
    """"what's the name of Marquis's son": "Ellen Marquis fished with her son" names only
    her, whom the question names ("@ellen-marquis" among its terms)."""
    son = frozenset({"son"})
    fished = view_of("Ellen Marquis fished with her son.", people=("ellen-marquis",))
    assert not name_near(fished, son, {"@ellen-marquis", "marqui", "son"}, True)
    assert name_near(view_of("Ellen Marquis fished with her son, Tom.", people=("ellen-marquis",)),
                     son, {"@ellen-marquis", "marqui", "son"}, True)


def test_a_place_names_no_one_asked_for_by_the_name_of_a_kind_of_person() -> None:
    """"what's the name of Marquis's son": "Ellen Marquis fishes out of Gull Harbor with her
    son" names a harbor, not her son; asked the name of a thing, a place may be it."""
    son = frozenset({"son"})
    asked = {"@ellen-marquis", "marqui", "son"}
    harbor = view_of("Ellen Marquis fishes out of Gull Harbor with her son.",
                     people=("ellen-marquis",))
    assert not name_near(harbor, son, asked, True)
    assert name_near(view_of("Ellen Marquis fishes out of Gull Harbor with her son, Tom.",
                             people=("ellen-marquis",)), son, asked, True)
    boat = view_of("She fishes a boat out of Gull Harbor.")
    assert name_near(boat, frozenset({"boat"}), {"boat"}, False)


def test_which_two_things_are_not_named_by_a_record_only_counting_them() -> None:
    """"which two plants are taking the milk": "Haugland-Reyes said two other plants would
    take its milk" counts them ("other" between) and names only the speaker, who is none of
    the plants; "two plants in Ohio and Iowa" names something; asked "which two supervisors",
    a supervisor named may be one of them."""
    from bot.engine.naming import many_unnamed
    from tests.engine_records import view_of

    plants = ("2", frozenset({"plant"}))
    said = view_of("Haugland-Reyes said two other plants would take its farmers' milk.",
                   people=("@haugland-reyes",))
    assert many_unnamed(plants, said, {"plant", "milk"}, ())
    named = view_of("Two plants in Ohio and Iowa will take the milk.")
    assert not many_unnamed(plants, named, {"plant", "milk"}, ())
    supervisors = ("2", frozenset({"supervisor"}))
    one = view_of("Ana Ruiz said two supervisors voted no.", people=("@ana-ruiz",))
    assert not many_unnamed(supervisors, one, {"supervisor"}, ())
