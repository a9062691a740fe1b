"""A report a desk can publish: a verdict for each claim, its evidence, and why.

Each event of the store is a claim. Its verdict is *contradicted* when an
unacknowledged finding about what the sources say (dates, offices,
authority, titles, sources, numbers) is an error or a warning;
*consistent* when two or more sources report it and nothing contradicts
it; *unverifiable* when only one source does. Findings about the desk's
own transcription (a misquote, an unreadable date, a record twice: see
:mod:`timeline.checks.sides`) decide no verdict: the Markdown lists them
last, under "Fix the store", with the drafts still to review. Written as
Markdown, for a pull request, and as schema.org ClaimReview JSON-LD, the
markup fact-checkers publish. Confidential sources appear as "confidential
source", with no title, author, address or text.

Store text is read as text, never as markup: in the Markdown escaped and
kept to its line (:func:`~timeline.outputs.exports.markdown_text`), in the
JSON-LD kept from closing the ``<script>`` element a page embeds it in. Only
an http or https address becomes a link, in either.
"""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

from timeline.outputs.exports import markdown_code, markdown_link, markdown_text, web_address
from timeline.outputs.reporters import json_text
from timeline.outputs.wording import CONFIDENTIAL, Hidden
from timeline.store.findings import DESK, Finding, Severity
from timeline.store.model import Citation, Event, Source, Store
from timeline.store.result import Result
from timeline.temporal.derived import EventDates

CONTRADICTED, UNVERIFIABLE, CONSISTENT = "contradicted", "unverifiable", "consistent"
RATINGS = {CONTRADICTED: 1, UNVERIFIABLE: 2, CONSISTENT: 3}


class Review(Struct, frozen=True):
    event: Event
    verdict: str
    deciding: list[Finding]
    date: str


def _judges_a_claim(result: Result, finding: Finding) -> bool:
    rule = result.rules.get(finding.rule)
    return rule is not None and rule.claim


def reviews(store: Store, result: Result, dates: EventDates | None = None) -> list[Review]:
    """A review of every reviewed event that cites a source, contradicted
    first, then by date. Drafts get no verdict, and count as no source."""
    published = store.reviewed()
    if dates is None or published is not store:
        dates = EventDates(published)
    store = published
    by_event: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if (
            finding.event
            and finding.side != DESK
            and _judges_a_claim(result, finding)
            and not finding.acknowledged
            and finding.severity >= Severity.WARNING
        ):
            by_event.setdefault(finding.event, []).append(finding)
    found = []
    for event in store.events:
        sources = {citation.source for citation in event.sources if citation.source in store.source_index}
        if not sources:
            continue
        deciding = by_event.get(event.id, [])
        verdict = CONTRADICTED if deciding else CONSISTENT if len(sources) > 1 else UNVERIFIABLE
        date = dates.of(event)
        found.append(Review(event, verdict, deciding, date.display() if date else "undated"))
    order = {CONTRADICTED: 0, CONSISTENT: 1, UNVERIFIABLE: 2}

    def key(review: Review) -> tuple:
        date = dates.of(review.event)
        return (order[review.verdict], date.anchor if date else dt.date.max)

    return sorted(found, key=key)


def _source_line(source: Source, citation: Citation, hidden: Hidden) -> str:
    if source.id in hidden:
        head = f"*{CONFIDENTIAL}* ({markdown_code(hidden.source(source.id))})"
    else:
        by = ", ".join(markdown_text(part) for part in (source.author, source.outlet) if part)
        published = source.published.display() if source.published else "undated"
        head = f"*{markdown_text(source.title or '')}* ({by + ', ' if by else ''}{markdown_text(published)})"
        if web_address(source.url):
            head += f" {markdown_link(source.url)}"
        elif source.url:
            head += f" {markdown_code(source.url)}"  # shown, never a link: it could run script or open a file
    if citation.quote and source.id not in hidden:
        return f"{head}: “{markdown_text(citation.quote)}”"
    if citation.says:
        return f"{head}: {markdown_text(citation.says)}"
    return head


def markdown(store: Store, result: Result, dates: EventDates | None = None, drafts: tuple[str | None, ...] = ()) -> str:
    """The report as Markdown; ``dates`` are the run's derived dates (derived here without them),
    ``drafts`` the ids of the records left out as drafts, to review (None for one not to name: a
    confidential source's)."""
    found = reviews(store, result, dates)
    hidden = Hidden(store)  # of every record given, drafts too (a reviewed store marks their ids confidential)
    published = store.reviewed()
    counts = {verdict: sum(1 for review in found if review.verdict == verdict) for verdict in RATINGS}
    ours = [finding for finding in result.findings if finding.side == DESK and not finding.acknowledged]
    lines = [
        "# Fact-check report",
        "",
        f"{len(found)} claims: {counts[CONTRADICTED]} contradicted, {counts[CONSISTENT]} consistent (two or more "
        f"sources, nothing contradicts them), {counts[UNVERIFIABLE]} unverifiable (one source)."
        + (f" {_count(len(ours), 'finding')} about the store's own transcription to fix." if ours else ""),
    ]
    for verdict in (CONTRADICTED, CONSISTENT, UNVERIFIABLE):
        chosen = [review for review in found if review.verdict == verdict]
        if not chosen:
            continue
        lines += ["", f"## {verdict.capitalize()}"]
        for review in chosen:
            event = review.event
            heading = markdown_text(event.title or event.id)
            lines += ["", f"### {heading}", "", f"{markdown_code(event.id)}, {markdown_text(review.date)}. Verdict: **{verdict}**."]
            if review.deciding:
                lines += ["", "Why:", ""]
                lines += [f"- {markdown_text(finding.rule)}: {markdown_text(hidden.text(finding.message))}" for finding in review.deciding]
            lines += ["", "Evidence:", ""]
            for citation in event.sources:
                source = published.source_index.get(citation.source or "")
                if source is not None:
                    lines.append(f"- {_source_line(source, citation, hidden)}")
    if ours or drafts:
        lines += ["", "## Fix the store", "", "Our own transcription, not the article's claims: none of these decides a verdict.", ""]
        for finding in ours:
            where = markdown_code(f"{finding.span.file.path}:{finding.span.line}")
            lines.append(f"- {where} {markdown_text(finding.rule)}: {markdown_text(hidden.text(finding.message))}")
        if drafts:
            named = [markdown_code(hidden.text(draft)) for draft in drafts if draft is not None]
            unnamed = len(drafts) - len(named)
            if unnamed:
                named.append(f"{unnamed} {CONFIDENTIAL}{'' if unnamed == 1 else 's'}")
            lines.append(f"- {_count(len(drafts), 'drafted record')} to review, left out of this report until then: {', '.join(named)}")
    return "\n".join(lines) + "\n"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


# What could end the <script> element a page embeds the JSON-LD in ("</script>",
# "<!--"), or start markup where it is read as HTML: JSON's own escapes, which
# every JSON reader reads back as the same text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def claimreview(
    store: Store, result: Result, by: str, dates: EventDates | None = None, url: str | None = None, published: dt.date | None = None
) -> str:
    """The report as ClaimReview JSON-LD, safe to embed as it is in a
    ``<script type="application/ld+json">``; ``dates`` as for :func:`markdown`.

    ``url`` is where each review is published: a template whose ``{id}`` is the claim's event id;
    ``published`` the day the reviews are (``datePublished``). The claim reviewed is quoted in the
    words of its first public source that quotes it (else its title), and is dated and attributed
    (``itemReviewed``'s ``author`` and ``datePublished``) by that source.
    """
    documents = []
    hidden = Hidden(store)  # of every record given, drafts too (a reviewed store marks their ids confidential)
    public = store.reviewed()
    for review in reviews(store, result, dates):
        event = review.event
        appearances = []
        first: tuple[Source, Citation] | None = None
        for citation in event.sources:
            source = public.source_index.get(citation.source or "")
            if source is None:
                continue
            if source.id in hidden:
                appearances.append({"@type": "CreativeWork", "headline": CONFIDENTIAL})
                continue
            work = {"@type": "CreativeWork", "headline": source.title}
            if web_address(source.url):
                work["url"] = source.url
            if source.published and source.published.precision == "day":
                work["datePublished"] = source.published.earliest.isoformat()
            if source.author:
                work["author"] = {"@type": "Person", "name": source.author}
            if source.outlet:
                work["publisher"] = {"@type": "Organization", "name": source.outlet}
            appearances.append(work)
            if first is None or (citation.quote and not first[1].quote):
                first = (source, citation)
        claim: dict = {"@type": "Claim"}
        if first is not None:
            source, citation = first
            if _author(source):
                claim["author"] = _author(source)
            if source.published and source.published.precision == "day":
                claim["datePublished"] = source.published.earliest.isoformat()
        claim["appearance"] = appearances
        said = first[1].quote if first is not None and first[1].quote else None
        document = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": said or event.title or event.id,
            "itemReviewed": claim,
            "author": {"@type": "Organization", "name": by},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATINGS[review.verdict],
                "bestRating": 3,
                "worstRating": 1,
                "alternateName": review.verdict.capitalize(),
            },
        }
        if published is not None:
            document["datePublished"] = published.isoformat()
        if url is not None:
            document["url"] = url.replace("{id}", event.id)
        if review.deciding:
            document["reviewBody"] = " ".join(hidden.text(finding.message) for finding in review.deciding)
        documents.append(document)
    # "<", ">" and "&" appear only inside JSON strings, so escaping them in the text escapes them in the values.
    return json_text(documents).translate(_SCRIPT_SAFE) + "\n"


def _author(source: Source) -> dict | None:
    """Who made the claim: the source's author (a person), else its outlet (an organization)."""
    if source.author:
        return {"@type": "Person", "name": source.author}
    if source.outlet:
        return {"@type": "Organization", "name": source.outlet}
    return None


def review_address(template: str) -> str:
    """``template`` checked as where the reviews are published: an http or https address with ``{id}``."""
    if not web_address(template):
        raise ValueError(f"--url {template!r} is not an http or https address")
    if "{id}" not in template:
        raise ValueError(f"--url {template!r} has no {{id}}: each review needs an address of its own")
    return template
