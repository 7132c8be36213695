"""The application service: storage and engine together, used by the CLI and the Discord layer.

It owns the rules that are neither matching nor SQL: what a valid question is, that every
write goes to storage first (one transaction, audited) and only then to the in-memory
engine, that the shipped coverage is synced at start, and which guild sees what.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import BinaryIO

from bot import textfold
from bot.articles import Article, IngestPlan, apply_ingest, plan_ingest
from bot.codec import bank_to_json, from_json, to_json
from bot.conversation import Conversations
from bot.engine import Engine
from bot.engine.slug import slugify
from bot.engine.verify import QuoteVerifier, Verification
from bot.errors import InvalidQuestion, NotFound, Problem, StorageError, ValidationFailed
from bot.export_stream import stream_records
from bot.following import FOLLOW_SECONDS, ChangeFollower, Progress, no_progress, start_engine
from bot.inputs import INVISIBLE, CleanQuestion, clean_question
from bot.knowledge import (
    MAX_DOCUMENT_BYTES,
    DocumentCheck,
    KnownIds,
    bank_of,
    load_knowledge,
    record_problems,
)
from bot.models import (
    Answer,
    Bank,
    Fact,
    Person,
    Quote,
    QuoteHit,
    Record,
    RecordKind,
    Source,
    SourceRef,
    kind_of,
)
from bot.settings import Settings
from bot.storage import AuditEntry, ImportReport, Storage, UnansweredQuestion
from bot.storage.importing import ImportRejected
from bot.unanswered import UnansweredLog

log = logging.getLogger(__name__)


def _shown(text: str) -> str:
    """What a user typed, quoted back in a message: one line, at most 100 characters."""
    return " ".join(text.split())[:100]


#: Guilds whose quote verifier is kept (see :meth:`CoverageService.verify`).
MAX_VERIFIERS = 64


class CoverageService:
    """Storage and engine together: the one door of the command line and the Discord layer
    to the bank (see the module docs)."""
    def __init__(self, settings: Settings, storage: Storage, engine: Engine) -> None:
        self.settings = settings
        self.storage = storage
        self.engine = engine
        #: Unanswered questions, logged in the background (see :meth:`ask`).
        self.unanswered = UnansweredLog(storage)
        #: The last turn of each conversation, for follow-up questions.
        self.conversations = Conversations(settings.follow_up_seconds)
        #: Keeps the engine in step with other processes' writes (:meth:`catch_up`).
        self.follower = ChangeFollower(storage, engine)
        #: guild -> ((guild, engine version), its quote verifier)
        self._verifiers: dict[int | None, tuple[tuple[int | None, int], QuoteVerifier]] = {}

    # ----------------------------------------------------------------- lifecycle

    @classmethod
    async def open(cls, settings: Settings, *, create_dir: bool = False,
                   index: bool = True, progress: Progress = no_progress) -> CoverageService:
        """Open the database, sync the shipped knowledge into it, and index the bank.

        ``create_dir`` creates the database's folder (used for the default location only: a
        path the user gave must point into an existing folder). ``index=False``: no engine
        (an empty one), for the commands that only read or write the database (``stats``,
        ``export``, ``import``): their cost is then that of their records, not the bank's.
        ``progress`` shows the index being built when there is no usable snapshot.
        """
        shipped = load_knowledge(settings.knowledge_dir)
        path = settings.database_path
        if settings.database_url is None and str(path) != ":memory:" and create_dir:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"cannot create the database folder {path.parent}: {exc.strerror}"
                ) from None
        storage = await Storage.open(settings.database)
        try:
            report = await storage.sync_shipped(shipped, unless_unchanged=True)
            if index:
                engine, seen = await start_engine(storage, settings.answer_threshold,
                                                  settings.cache_dir, progress)
            else:
                engine, seen = Engine(threshold=settings.answer_threshold), 0
        except BaseException:
            await storage.close()
            raise
        log.info("bank ready: %d records (%s)", engine.memory.count(),
                 report or "knowledge files unchanged")
        service = cls(settings, storage, engine)
        service.follower.seen = seen
        return service

    # ----------------------------------------------------------------- other processes

    async def catch_up(self) -> int:
        """Apply what other processes wrote since the last look (:mod:`bot.following`)."""
        return await self.follower.catch_up()

    async def follow(self, interval: float = FOLLOW_SECONDS) -> None:
        """Keep the engine in step with other processes until cancelled (the bot runs it)."""
        await self.follower.follow(interval)

    async def close(self) -> None:
        """Wait for the unanswered-question logs, then close the database."""
        await self.flush()
        await self.storage.close()

    async def flush(self) -> None:
        """Wait for the unanswered-question logs still being written."""
        await self.unanswered.flush()

    async def __aenter__(self) -> CoverageService:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ----------------------------------------------------------------- reading

    def clean_question(self, question: str) -> CleanQuestion:
        """The question cleaned and bounded (:func:`clean_question`), or
        :class:`InvalidQuestion`; :meth:`ask` takes the result without cleaning it again."""
        return clean_question(question, self.settings.max_question_length)

    async def ask(
        self,
        question: str,
        *,
        guild_id: int | None = None,
        user_id: int | None = None,
        conversation: Hashable | None = None,
    ) -> Answer:
        """Answer a question (or abstain); unanswered questions are logged for admins.

        With a ``conversation`` key (a channel and user, a DM, the terminal chat), the
        question is read as a follow-up of that conversation's last one, within
        ``FOLLOW_UP_SECONDS`` (:mod:`bot.engine.followup`).

        An unanswered question (not small talk: "hi", "thanks bot") is logged for admins in
        the background (:class:`~bot.unanswered.UnansweredLog`): the reply does not wait for
        the database; :meth:`flush`, and so :meth:`close` and :meth:`top_unanswered`, wait
        for the log.
        """
        text = self.clean_question(question)
        if conversation is None:
            answer = self.engine.answer(text, guild_id=guild_id)
        else:
            last = self.conversations.get((guild_id, conversation))
            answer, turn = self.engine.converse(text, last, guild_id=guild_id)
            self.conversations.put((guild_id, conversation), turn)
        if not answer.answered and not self.engine.asks_nothing(text):
            await self.unanswered.put(text, guild_id, user_id)
        return answer

    def find_quotes(
        self, query: str, *, limit: int = 5, guild_id: int | None = None
    ) -> list[QuoteHit]:
        """Quotes by a speaker named in ``query`` (first) and quotes with its words;
        :class:`InvalidQuestion` when the search is longer than a question may be."""
        query = INVISIBLE.sub("", query).strip()
        if len(query) > self.settings.max_question_length:
            raise InvalidQuestion(
                f"That search is {len(query)} characters long; please keep it under "
                f"{self.settings.max_question_length}."
            )
        return self.engine.find_quotes(query, limit=limit, guild_id=guild_id)

    def speakers(self, text: str, *, limit: int = 25, guild_id: int | None = None) -> list[Person]:
        """People with quotes whose names fit ``text`` (prefix or fuzzy); "" gives all."""
        return self.engine.search_speakers(text[:100], limit=limit, guild_id=guild_id)

    def visible(self, kind: RecordKind, record_id: str, guild_id: int | None) -> Record:
        """A record this guild can see, or :class:`NotFound`."""
        record = self.engine.get(kind, record_id)
        if record is None or record.guild_id not in (None, guild_id):
            raise NotFound(f"There is no {kind} with id {record_id!r}.")
        return record

    # ----------------------------------------------------------------- writing

    async def add(self, record: Record, *, actor: str) -> Record:
        """Store a new record (one audited transaction), then index it."""
        await self.storage.add(record, actor=actor)
        self.engine.upsert(record)
        return record

    async def update(self, record: Record, *, actor: str) -> Record:
        """Replace a record (same id, same scope); returns the state before."""
        before = await self.storage.update(record, actor=actor)
        self.engine.upsert(record)
        return before

    async def remove(
        self, kind: RecordKind, record_id: str, *, actor: str, guild_id: int | None
    ) -> Record:
        """Remove a record (one audited transaction), then forget it; the record removed."""
        removed = await self.storage.remove(kind, record_id, actor=actor, guild_id=guild_id)
        self.engine.remove(kind, record_id)
        return removed

    async def import_document(
        self, raw: str | bytes, *, actor: str, guild_id: int | None, where: str = "import"
    ) -> Bank:
        """Validate a whole export document (an upload, at most
        :data:`~bot.knowledge.MAX_DOCUMENT_BYTES`), then apply it all or nothing; the
        records it added (those already stored identically are no-ops)."""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogatepass")
        added: list[Record] = []
        await self.import_stream(io.BytesIO(raw), actor=actor, guild_id=guild_id, where=where,
                                 limit=MAX_DOCUMENT_BYTES, added=added)
        return bank_of(added)

    async def import_stream(
        self,
        stream: BinaryIO,
        *,
        actor: str,
        guild_id: int | None,
        where: str = "import",
        limit: int | None = None,
        progress: Callable[[int], None] | None = None,
        added: list[Record] | None = None,
    ) -> ImportReport:
        """Import a JSON document as it streams in: every record checked (format and
        references in one pass, every problem reported), stored in one transaction, or
        nothing. ``added`` (if given) receives the added records, which are then indexed;
        without it the engine is not updated (the command line exits right after)."""
        known = KnownIds(sources=await self.storage.visible_ids("source", guild_id),
                         people=await self.storage.visible_ids("person", guild_id))
        check = DocumentCheck(known)
        records = (
            from_json(kind, item, guild_id)
            for kind, item in stream_records(stream, check, where=where, limit=limit,
                                             progress=progress)
        )
        try:
            report = await self.storage.import_records(
                records, actor=actor, guild_id=guild_id,
                problems=lambda p: check.add(Problem(f"{where}: {p.where}", p.message)),
                added=None if added is None else added.extend,
                failed=lambda: check.count > 0,
            )
        except ImportRejected:
            failure = check.failure(where)
            assert failure is not None
            raise failure from None
        if added is not None:
            for record in added:
                self.engine.upsert(record)
        return report

    def engine_bank(self, guild_id: int | None) -> Bank:
        """The records visible to ``guild_id`` (global ones included)."""
        return self.engine.bank(guild_id=guild_id)

    async def export_json(self, guild_id: int | None) -> dict[str, object]:
        """The records of ``guild_id`` (None: the shared ones) as an export document."""
        return bank_to_json(await self.storage.export_bank(guild_id))

    async def next_id(self, kind: RecordKind, text: str) -> str:
        """A fresh, readable id for an admin-added record."""
        base = slugify(text, 48, fallback=kind)
        candidate, n = base, 2
        while self.engine.get(kind, candidate) is not None or await self.storage.get(
            kind, candidate
        ):
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    # ----------------------------------------------------------------- Discord layer
    # Thin passthroughs the Discord layer needs (it reaches data only through the service).

    def quotes_by_speaker(self, person_id: str, *, guild_id: int | None) -> list[QuoteHit]:
        """Every quote of a person that ``guild_id`` sees, oldest first."""
        return self.engine.quotes_by_speaker(person_id, guild_id=guild_id)

    def random_quote(self, *, guild_id: int | None) -> QuoteHit | None:
        """A random quote ``guild_id`` sees, or None when there is none."""
        return self.engine.random_quote(guild_id=guild_id)

    def search_facts(self, text: str, *, limit: int = 25, guild_id: int | None) -> list[Fact]:
        """Facts matching ``text`` by id (exact or prefix) or by words; "" gives all."""
        hits = self.engine.search_facts(text[:100], limit=limit, guild_id=guild_id)
        return [fact for fact, _score in hits]

    async def record_feedback(
        self, *, question: str, record_id: str | None, helpful: bool, user_id: int,
        guild_id: int | None, message_id: int | None = None,
    ) -> None:
        """A reader's 👍/👎 on an answer (one vote per user and message; a later one
        replaces it)."""
        await self.storage.record_feedback(
            question=question, record_id=record_id, helpful=helpful, user_id=user_id,
            guild_id=guild_id, message_id=message_id,
        )

    async def top_unanswered(
        self, *, guild_id: int | None, limit: int = 10
    ) -> list[UnansweredQuestion]:
        """The questions asked most often that got no answer, with how many asked."""
        await self.flush()
        return await self.storage.top_unanswered(guild_id=guild_id, limit=limit)

    async def audit_log(self, *, guild_id: int | None, limit: int = 20) -> list[AuditEntry]:
        """The latest changes to ``guild_id``'s records (None: the shared ones), newest first."""
        return await self.storage.audit_log(guild_id=guild_id, limit=limit)

    async def answer_channels(self, guild_id: int) -> set[int]:
        """The channels of a guild where every message is answered, mention or not."""
        return await self.storage.answer_channels(guild_id)

    async def set_answer_channel(
        self, guild_id: int, channel_id: int, enabled: bool, *, actor: str
    ) -> None:
        """Answer every message of a channel (``enabled``) or only mentions; audited."""
        await self.storage.set_answer_channel(guild_id, channel_id, enabled, actor=actor)

    # ----------------------------------------------------------------- articles, quotes

    async def plan_ingest(
        self,
        articles: Sequence[Article],
        *,
        guild_id: int | None,
        progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
    ) -> IngestPlan:
        """Read articles into records and link what the engine has of the bank; stores nothing."""
        return plan_ingest(
            self.engine, articles, guild_id=guild_id, progress=progress or (lambda it: it)
        )

    async def apply_ingest(self, plan: IngestPlan, *, actor: str) -> None:
        """Store an ingest plan in one transaction, then index it."""
        await apply_ingest(self.storage, plan, actor=actor)
        for record in (*plan.adds.records(), *plan.updates):
            self.engine.upsert(record)

    def source_refs(self, record: Fact | Quote) -> list[SourceRef]:
        """The citations of a record as readers see them, newest source first (the engine's
        one builder of them)."""
        return list(self.engine.citing(record))

    def quote_hit(self, quote: Quote) -> QuoteHit:
        """A quote as the quote commands show it: speaker's name and sources."""
        return self.engine.quote_hit(quote)

    def verify(self, text: str, *, guild_id: int | None = None) -> Verification:
        """Whether a pasted quote is in the coverage (verbatim, a paraphrase, or not).

        The verifier over a guild's quotes is built once and kept until a quote or a
        person changes (``engine.version``), so a ``/verify`` costs the check alone, not a
        pass over the bank."""
        key = (guild_id, self.engine.version)
        verifier = self._verifiers.get(guild_id)
        if verifier is None or verifier[0] != key:
            people = {p.id: p for p in self.engine.people(guild_id=guild_id)}
            verifier = (key, QuoteVerifier(self.engine.quotes(guild_id=guild_id), people))
            if len(self._verifiers) >= MAX_VERIFIERS:
                self._verifiers.pop(next(iter(self._verifiers)))
            self._verifiers[guild_id] = verifier
        text = " ".join(text.split())
        if not text:
            raise InvalidQuestion("Paste the quote to check.")
        limit = self.settings.max_question_length
        if len(text) > limit:
            raise InvalidQuestion(
                f"That quote is {len(text)} characters long; please keep it under {limit}.")
        return verifier[1].verify(text)

    # ----------------------------------------------------------------- lookups for commands
    # What a command needs of the bank, without copying it.

    def sources(self, guild_id: int | None) -> list[Source]:
        """The sources ``guild_id``'s answers can cite (the shared ones included)."""
        return self.engine.sources(guild_id=guild_id)

    def default_source_id(self, guild_id: int | None) -> str | None:
        """The source a form prefills: this server's newest, else the only shared one."""
        sources = self.sources(guild_id)
        own = [s for s in sources if s.guild_id is not None]
        if own:
            return own[-1].id
        return sources[0].id if len(sources) == 1 else None

    def visible_source(self, guild_id: int | None, source_id: str) -> Source:
        """A source ``guild_id`` sees, by id, or :class:`NotFound` saying where ids are."""
        key = source_id.strip()
        found = self.engine.get("source", key)
        if not isinstance(found, Source) or found.guild_id not in (None, guild_id):
            raise NotFound(f"There is no source with id “{_shown(key)}”; /source list "
                           "shows the ids (or add one with /source add).")
        return found

    def find_people(self, text: str, *, guild_id: int | None, limit: int = 25) -> list[Person]:
        """Speakers matching ``text`` (fuzzy, aliases), an exact id first: the one search
        behind the speaker autocompletes and the commands that resolve what was typed."""
        text = text.strip()[:100]
        found: list[Person] = []
        if text:
            record = self.engine.get("person", text)
            if isinstance(record, Person) and record.guild_id in (None, guild_id):
                found.append(record)
        for person in self.speakers(text, limit=limit, guild_id=guild_id):
            if all(p.id != person.id for p in found):
                found.append(person)
        return found[:limit]

    def resolve_person(self, guild_id: int | None, name: str) -> Person:
        """A person ``guild_id`` sees, by id, or by exact name or alias (any case, accents,
        spacing or curly apostrophes: :func:`bot.textfold.key`)."""
        key = name.strip()
        found = self.engine.get("person", key)
        if isinstance(found, Person) and found.guild_id in (None, guild_id):
            return found
        folded = textfold.key(key)
        for person in self.engine.people(guild_id=guild_id):
            if any(textfold.key(n) == folded for n in person.names):
                return person
        raise NotFound(f"I know no person called “{_shown(key)}” here; use a name or id "
                       "as /quote speaker suggests it.")

    def named_by(self, fact: Fact) -> tuple[dict[str, Source], dict[str, Person]]:
        """The sources a fact cites and the people it names, by id (those the bank has)."""
        sources = {c.source_id: s for c in fact.citations
                   if isinstance(s := self.engine.get("source", c.source_id), Source)}
        people = {pid: p for pid in fact.people
                  if isinstance(p := self.engine.get("person", pid), Person)}
        return sources, people

    @staticmethod
    def check_record(record: Record) -> None:
        """The schema's limits (lengths, URL and date forms) for an admin's record, or
        :class:`ValidationFailed` with every problem."""
        kind = kind_of(record)
        problems = record_problems(kind, to_json(record), where=kind)
        if problems:
            raise ValidationFailed(problems, what=kind)

    async def get_meta(self, key: str) -> str | None:
        """A value the bot keeps for itself (e.g. the hash of the commands last synced)."""
        return await self.storage.get_meta(key)

    async def set_meta(self, key: str, value: str) -> None:
        """Keep a value for the bot itself (see :meth:`get_meta`)."""
        await self.storage.set_meta(key, value)
