"""Running the checks: select rules, hand each the run's Context, collect findings, apply acknowledgements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import structs

from timeline import parallel
from timeline.checks import REGISTRY, info, resolve, schema
from timeline.checks.context import Context
from timeline.checks.sides import side_of
from timeline.errors import UserError
from timeline.project.packs import Packs
from timeline.store.findings import Finding, Severity, did_you_mean
from timeline.store.loader import Progress, collector_paused
from timeline.store.model import Store, field_path
from timeline.store.result import Result


class RuleError(UserError):
    """An unknown rule name: in --select, --ignore, the configuration or an acknowledgement."""


def rule_names(select: Iterable[str] = (), ignore: Iterable[str] = (), extend: Iterable[str] = ()) -> list[str]:
    """The rules to run: all (or those selected), plus those the selection
    is extended with, minus those ignored."""
    chosen = [known_rule(name) for name in select] or list(REGISTRY)
    chosen += [name for name in map(known_rule, extend) if name not in chosen]
    ignored = {known_rule(name) for name in ignore}
    return [name for name in chosen if name not in ignored]


def known_rule(name: str, where: str | None = None) -> str:
    """The rule in force for ``name`` (which may be an old name), or an error
    that says ``where`` it was written and the closest rule."""
    current = resolve(name)
    if current is None:
        hint = did_you_mean(name, REGISTRY) or " (`timeline checks` lists them)"
        raise RuleError(f'{where + ": " if where else ""}unknown rule "{name}"{hint}')
    return current


def prepare(store: Store, packs: Packs) -> Context:
    """The Context of a run over ``store``: pass it to :func:`run`, and its
    ``dates`` to the outputs, so that what the checks derive (dates through
    relations) is derived once for both."""
    return Context(store, packs)


def run(
    store: Store,
    packs: Packs,
    rules: Iterable[str] | None = None,
    severities: dict[str, Severity] | None = None,
    context: Context | None = None,
    jobs: int | None = 1,
    parallel_from: int = parallel.PARALLEL_FROM,
    progress: Progress | None = None,
) -> Result:
    """Run ``rules`` (default: every rule) over ``store``.

    ``severities`` replaces rules' default severities; a finding a rule
    reported weaker than its default (for weaker evidence) stays weaker.
    Every rule is handed one Context: ``context`` (from :func:`prepare`,
    for a caller that uses what it derives afterwards), or a new one.
    With ``jobs`` over 1 (None: the CPUs this process may use) and a store
    of at least ``parallel_from`` events, the rules run in that many forked
    workers (see :mod:`timeline.parallel`): the same findings, in the same
    order; the dates a worker derived come back into ``context``, if one
    was given. ``progress`` is told ``("rules", run, of)`` as rules finish.
    """
    wanted = context is not None  # a caller's context: what the rules derive is wanted afterwards
    if context is None:
        context = Context(store, packs)
    elif context.store is not store or context.packs is not packs:
        raise ValueError("the context was prepared for another store or other packs")
    names = list(rules) if rules is not None else list(REGISTRY)
    severities = severities or {}
    # What the loader could not read is reported whatever the selection or
    # the severities say: every rule is blind to it, so it must fail the run.
    unreadable = [*store.problems, *schema.unreadable(store)]
    gate = set(unreadable)
    # The rules make millions of short-lived objects (bounds, words, spans) and no cycles: the
    # collector's passes over them found nothing, and took 38% of date-order's time at 1M
    # events (docs/architecture.md). Forked workers inherit the pause.
    with collector_paused():
        found_by_rule = _found(context, names, jobs, parallel_from, progress, wanted)
    findings: list[Finding] = []
    for name in names:
        module = REGISTRY[name]
        found = found_by_rule[name]
        configured = severities.get(name)
        if configured is not None:
            found = (
                finding
                if finding in gate
                else structs.replace(
                    finding,
                    severity=configured if finding.severity == module.SEVERITY else min(finding.severity, configured),
                )
                for finding in found
            )
        findings.extend(found)
    reported = set(findings)
    findings.extend(finding for finding in unreadable if finding not in reported)
    findings = _acknowledge(store, findings)
    if STALE in names:
        findings.extend(_stale(store, findings, names))
    findings = [structs.replace(finding, side=side_of(finding, store)) for finding in findings]
    findings.sort(key=Finding.sort_key)
    infos = {name: info(REGISTRY[name], severities.get(name)) for name in names}
    return Result(findings, files=len(store.files), events=len(store.events), rules=infos)


def _found(
    context: Context, names: list[str], jobs: int | None, parallel_from: int, progress: Progress | None, wanted: bool = False
) -> dict[str, list[Finding]]:
    """Each rule's findings, as its module's ``check`` gives them: here, or in ``jobs`` forked
    workers, which send back the dates they derived when ``wanted`` (a view draws them)."""
    store = context.store

    def check(name: str) -> list[Finding]:
        return list(REGISTRY[name].check(context))

    if len(names) > 1 and len(store.events) >= parallel_from:
        workers = parallel.available_cpus() if jobs is None else jobs
        if workers > 1 and parallel.can_fork():
            work = parallel.jobs_for(names, _reads_dates)
            files = [*store.files, *(source.text_file for source in store.sources if source.text_file is not None)]
            # The job that derived the dates sends them back: a view would derive them again.
            dates = context.dates
            handback = ((lambda job: dates.inferred() if any(map(_reads_dates, job)) else None), dates.adopt) if wanted else None
            return parallel.run_jobs(work, workers, check, files, progress, handback)
    found = {}
    for name in names:
        found[name] = check(name)
        if progress is not None:
            progress("rules", len(found), len(names))
    return found


def _reads_dates(name: str) -> bool:
    return getattr(REGISTRY[name], "READS_DATES", False)


STALE = "stale-acknowledgment"


def _stale(store: Store, findings: list[Finding], names: list[str]) -> Iterator[Finding]:
    """Acknowledgements that matched no finding of a rule that ran, or name no rule."""
    used = {(finding.section, finding.record, finding.rule) for finding in findings if finding.acknowledged}
    severity = REGISTRY[STALE].SEVERITY
    for section, record in store.records():
        for acknowledgement in record.acknowledged:
            if acknowledgement.rule is None:
                continue  # the schema rule reports the missing field
            rule = resolve(acknowledgement.rule)
            span = acknowledgement.span("rule")
            if rule is None:
                hint = did_you_mean(acknowledgement.rule, REGISTRY)
                message = f'the acknowledgement names "{acknowledgement.rule}", which is no rule{hint}'
                yield Finding(STALE, severity, message, span, section, record.id)
            elif rule in names and (section, record.id, rule) not in used:
                message = f"no {rule} finding on {record.id} is left to acknowledge: remove the entry"
                yield Finding(STALE, severity, message, span, section, record.id)


def _acknowledge(store: Store, findings: list[Finding]) -> list[Finding]:
    """Mark the findings whose record acknowledges their rule, and say where
    in its record each finding stands."""
    indexes = {"sources": store.source_index, "entities": store.entity_index, "events": store.event_index}
    marked = []
    for finding in findings:
        record = indexes[finding.section].get(finding.record) if finding.section else None
        if record is not None:
            if finding.span.file is record.node.file:
                finding = structs.replace(finding, field_path=field_path(record.node, finding.span.start, finding.span.end))
            for acknowledgement in record.acknowledged:
                if acknowledgement.rule == finding.rule:
                    finding = structs.replace(finding, acknowledged=True, reason=acknowledgement.reason)
                    break
        marked.append(finding)
    return marked


def only_changed(result: Result, store: Store, changed: dict[str, set[int] | None]) -> Result:
    """The findings that a change may have caused: a finding counts as changed
    when its own lines, the lines of the record it is about, or the places
    it rests on include a changed line, or when its rule reads sources'
    texts and the text of a source its record is or cites changed. What
    the loader could not read is always kept: it must fail the run."""
    indexes = {"sources": store.source_index, "entities": store.entity_index, "events": store.event_index}

    def touches(path: str, first: int, last: int) -> bool:
        lines = changed.get(path, set())
        return lines is None or any(first <= line <= last for line in lines)

    changed_texts = {
        source.id for source in store.sources if source.text_file is not None and changed.get(source.text_file.path, set()) != set()
    }
    text_rules = {name for name, module in REGISTRY.items() if getattr(module, "READS_SOURCE_TEXTS", False)}
    unreadable = {*store.problems, *schema.unreadable(store)}

    def kept(finding: Finding) -> bool:
        if finding in unreadable:
            return True
        if any(touches(span.file.path, span.line, span.end_line) for span in (finding.span, *finding.related)):
            return True
        record = indexes[finding.section].get(finding.record) if finding.section else None
        if record is None:
            return False
        whole = record.node.content_span
        if touches(whole.file.path, whole.line, whole.end_line):
            return True
        if finding.rule in text_rules and changed_texts:
            cited = {record.id} if finding.section == "sources" else {citation.source for citation in getattr(record, "sources", ())}
            return not cited.isdisjoint(changed_texts)
        return False

    return structs.replace(result, findings=[finding for finding in result.findings if kept(finding)])
