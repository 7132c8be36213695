"""Articles into the bank: an article (its text or HTML, and what the admin said of it) read
into a plan, then the plan stored in one transaction, or nothing.

The engine reads the text (``bot.engine.extract``, ``bot.engine.ingest``); this module
decides which source an article is, links what the bank already has (an extra citation for
a fact it already holds), and hands the plan to storage whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from bot.engine.slug import slugify
from bot.errors import IngestError
from bot.inputs import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, decode_text, describe_size
from bot.knowledge import date_problem, url_problem
from bot.models import Bank, Fact, Person, Quote, Record, RecordKind, Source, kind_of
from bot.storage import Storage
from bot.storage.content import normalise, normalise_url

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.engine.ingest import IngestResult

R = TypeVar("R", Source, Person, Fact, Quote)
Said = TypeVar("Said", Fact, Quote)



@dataclass(frozen=True, slots=True)
class Article:
    """One article to ingest: its raw bytes or text, and what the admin said of it."""

    raw: str | bytes
    name: str
    outlet: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass
class IngestPlan:
    """What ingesting a batch of articles would add and link, before anything is stored."""

    guild_id: int | None
    results: list[IngestResult] = field(default_factory=list)
    #: Records the bank has in another scope (the shared coverage, for a guild's ingest):
    #: they are not duplicated, and not changed either.
    skipped: list[Record] = field(default_factory=list)

    @property
    def adds(self) -> Bank:
        linked = {(kind_of(r), r.id): r for r in self._linked_in_batch()}
        sources: dict[str, Source] = {}
        people: dict[str, Person] = {}
        facts: dict[str, Fact] = {}
        quotes: dict[str, Quote] = {}
        for result in self.results:
            if result.source_is_new:
                sources.setdefault(result.source.id, result.source)
            for p in result.new_people:
                people.setdefault(p.id, p)
            for f in result.new_facts:
                linked_fact = linked.get(("fact", f.id))
                facts[f.id] = linked_fact if isinstance(linked_fact, Fact) else f
            for q in result.new_quotes:
                linked_quote = linked.get(("quote", q.id))
                quotes[q.id] = linked_quote if isinstance(linked_quote, Quote) else q
        return Bank(
            tuple(sources.values()),
            tuple(people.values()),
            tuple(facts.values()),
            tuple(quotes.values()),
        )

    def _new_keys(self) -> set[tuple[str, str]]:
        keys: set[tuple[str, str]] = set()
        for result in self.results:
            keys.update(("fact", f.id) for f in result.new_facts)
            keys.update(("quote", q.id) for q in result.new_quotes)
        return keys

    def _linked_in_batch(self) -> list[Record]:
        new = self._new_keys()
        return [r for r in self._linked_last() if (kind_of(r), r.id) in new]

    def _linked_last(self) -> list[Record]:
        last: dict[tuple[str, str], Record] = {}
        for result in self.results:
            linked: list[Record] = [*result.linked_facts, *result.linked_quotes]
            for record in linked:
                last[(kind_of(record), record.id)] = record
        return list(last.values())

    @property
    def updates(self) -> list[Record]:
        """Stored records that gain a citation (the last version of each)."""
        new = self._new_keys()
        return [r for r in self._linked_last() if (kind_of(r), r.id) not in new]

    def preview(self) -> str:
        parts = [result.preview() for result in self.results]
        if self.skipped:
            parts.append(
                f"Already in the shared coverage, left as they are ({len(self.skipped)}):\n"
                + "\n".join(f"  = {getattr(r, 'text', r.id)[:100]} [{r.id}]" for r in self.skipped)
            )
        return "\n\n".join(parts)

    def counts(self) -> dict[str, int]:
        adds = self.adds
        return {
            "sources": len(adds.sources),
            "people": len(adds.people),
            "facts": len(adds.facts),
            "quotes": len(adds.quotes),
            "linked": len(self.updates),
            "skipped": len(self.skipped),
        }

    @property
    def empty(self) -> bool:
        return not len(self.adds) and not self.updates


def check_article_fields(article: Article) -> None:
    """Clear messages for what the admin typed, before any reading."""
    if not article.outlet.strip():
        raise IngestError("--outlet must not be empty")
    if article.url is not None and (problem := url_problem(article.url)):
        raise IngestError(f"--url {problem}, got {article.url!r}")
    if article.published is not None and (problem := date_problem(article.published)):
        raise IngestError(f"--published {problem}, got {article.published!r}")


def _source_for(article: Article, page_title: str | None, page_url: str | None,
                page_date: str | None, bank: Bank, taken: Callable[[str], bool]) -> Source:
    title = (article.title or page_title or "").strip()
    if not title:
        raise IngestError(
            f"{article.name}: the page gives no title; say it with --title"
        )
    url = article.url or page_url
    published = article.published or page_date
    # (the storage's rules for one source: the same URL but for case, or the same outlet
    # and title as text; a source made otherwise would be refused as their duplicate)
    url_key = normalise_url(url) if url else None
    title_key = (normalise(article.outlet), normalise(title))
    for source in bank.sources:
        same_url = url_key is not None and source.url is not None and (
            normalise_url(source.url) == url_key)
        same_title = (normalise(source.outlet), normalise(source.title)) == title_key
        if same_url or same_title:
            return source
    base = slugify(f"{article.outlet} {title}", fallback="source")
    candidate, n = base, 2
    while taken(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return Source(candidate, article.outlet.strip(), title[:300], url, published)


def plan_ingest(
    engine: Engine,
    articles: Sequence[Article],
    *,
    guild_id: int | None,
    progress: Callable[[Iterable[Article]], Iterable[Article]] = lambda it: it,
) -> IngestPlan:
    """Read every article and link it against the bank (and each other); store nothing.

    The bank is seen through the engine, which holds it indexed: only its sources, the
    people an article may name and the records that may say what a new one says are read
    (``Memory.people_named``, ``Memory.similar``), so an article costs the same in
    a bank of a thousand records or a million.

    A guild's ingest links against the shared coverage too, but never changes it: records
    already there are reported as skipped instead of duplicated.
    """
    for article in articles:
        check_article_fields(article)
    # Imported here, not at the top: reading articles loads trafilatura, lxml and the
    # ingest rules, which only ingest needs (every command imports this module).
    from bot.engine.extract import extract_article
    from bot.engine.ingest import ingest_article, link_duplicates

    plan = IngestPlan(guild_id)
    batch = Bank()  # what the articles before this one add
    sources = Bank(sources=tuple(engine.sources(guild_id=guild_id)))
    for article in progress(articles):
        page = extract_article(article_text(article), filename=article.name)
        if len(page.text) > MAX_ARTICLE_CHARS:
            raise IngestError(
                f"{article.name}: its text is {len(page.text):,} characters; an article may "
                f"have at most {MAX_ARTICLE_CHARS:,} (split it into several files)"
            )
        known = sources.merged(batch)
        batch_ids = {(kind_of(r), r.id) for r in batch.records()}

        def in_use(kind: RecordKind, rid: str,
                   ids: set[tuple[RecordKind, str]] = batch_ids) -> bool:
            """An id the bank or an earlier article of the batch has (ids are unique across
            every server)."""
            return (kind, rid) in ids or engine.get(kind, rid) is not None

        source = _source_for(article, page.title, page.url, page.published, known,
                             lambda sid: in_use("source", sid))
        people = _distinct([*engine.memory.people_named(page.text, guild_id),
                          *batch.people])
        result = ingest_article(page.text, source=source, known_people=people)
        if not (result.new_facts or result.new_quotes):
            raise IngestError(f"{article.name}: no facts or quotes found in it")
        existing = Bank(
            sources=known.sources,
            people=tuple(people),
            facts=_distinct([*_similar(engine, _says(result.new_facts), Fact, guild_id),
                           *batch.facts]),
            quotes=_distinct([*_similar(engine, _says(result.new_quotes), Quote, guild_id),
                            *batch.quotes]),
        )
        result = link_duplicates(result, existing, in_use=in_use)
        # A record linked without gaining a citation (the same article again) is no update.
        stored: list[Record] = [*existing.facts, *existing.quotes]
        unchanged = {(kind_of(r), r.id): r for r in stored}
        result = replace(
            result,
            linked_facts=tuple(
                f for f in result.linked_facts if unchanged.get(("fact", f.id)) != f
            ),
            linked_quotes=tuple(
                q for q in result.linked_quotes if unchanged.get(("quote", q.id)) != q
            ),
        )
        if guild_id is not None:
            kept_facts = tuple(f for f in result.linked_facts if f.guild_id == guild_id)
            kept_quotes = tuple(q for q in result.linked_quotes if q.guild_id == guild_id)
            plan.skipped += [f for f in result.linked_facts if f.guild_id != guild_id]
            plan.skipped += [q for q in result.linked_quotes if q.guild_id != guild_id]
            result = replace(result, linked_facts=kept_facts, linked_quotes=kept_quotes)
        result = _in_scope(result, guild_id)
        plan.results.append(result)
        batch = batch.merged(result.to_bank())
    return plan


def _similar(engine: Engine, said: Sequence[tuple[str, ...]], kind: type[Said],
             guild_id: int | None) -> list[Said]:
    """The stored records of ``kind`` that may say what one of ``said`` says (each: a
    record's text and passages): the candidates for a duplicate."""
    name: RecordKind = "fact" if kind is Fact else "quote"
    return [s for texts in said for s in engine.memory.similar(texts, name, guild_id)
            if isinstance(s, kind)]


def _says(records: Iterable[Fact | Quote]) -> list[tuple[str, ...]]:
    """What each record says: its text and passages."""
    return [(x.text, *(c.passage for c in x.citations)) for x in records]


def _distinct(records: Iterable[R]) -> tuple[R, ...]:
    """Records without repeats (by id; the last one of an id wins, as a later write would)."""
    return tuple({r.id: r for r in records}.values())


def article_text(article: Article) -> str:
    """The article as text: bounded, and decoded strictly (see :func:`bot.inputs.decode_text`)."""
    raw = article.raw
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > MAX_ARTICLE_BYTES:
        raise IngestError(
            f"{article.name} is {describe_size(size)}; an article may be at most "
            f"{describe_size(MAX_ARTICLE_BYTES)}"
        )
    return raw if isinstance(raw, str) else decode_text(bytes(raw), name=article.name)


def _place(records: Iterable[R], guild_id: int | None) -> tuple[R, ...]:
    return tuple(r if r.guild_id == guild_id else replace(r, guild_id=guild_id) for r in records)


def _in_scope(result: IngestResult, guild_id: int | None) -> IngestResult:

    source = result.source
    if result.source_is_new and source.guild_id != guild_id:
        source = replace(source, guild_id=guild_id)
    return replace(
        result,
        source=source,
        new_people=_place(result.new_people, guild_id),
        new_facts=_place(result.new_facts, guild_id),
        new_quotes=_place(result.new_quotes, guild_id),
    )


async def apply_ingest(storage: Storage, plan: IngestPlan, *, actor: str) -> None:
    """Store a plan: every new record and every extra citation in one transaction."""
    if plan.empty:
        return
    await storage.apply_ingest(plan.adds, plan.updates, actor=actor, guild_id=plan.guild_id)
