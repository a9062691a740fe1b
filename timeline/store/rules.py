"""What is known of a rule besides its code: its metadata, and the Bad and
Good examples its docs hold. Reporters, docs and reports read this; none
of them imports a check."""

from __future__ import annotations

import textwrap

from msgspec import Struct

from timeline.store.findings import Severity

STORE, FILE = "store", "file"  # a rule's scope: the whole store, or one file at a time


class RuleInfo(Struct, frozen=True):
    """A rule as the run's result carries it.

    ``packs`` names the rule packs it reads; ``claim`` says whether its
    findings judge a claim an article makes (so a report counts them for a
    verdict) rather than the desk's own transcription; ``scope`` says
    whether it needs the whole store or one file at a time.
    """

    name: str
    severity: Severity
    doc: str
    packs: tuple[str, ...] = ()
    claim: bool = False
    scope: str = STORE

    @property
    def summary(self) -> str:
        """The first line of the docs."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    @property
    def prose(self) -> str:
        """The docs between the summary line and the first example."""
        prose = []
        for line in self.doc.strip().splitlines()[1:]:
            if line.strip() in ("Bad::", "Good::", "Files::"):
                break
            prose.append(line)
        return textwrap.dedent("\n".join(prose)).strip()

    @property
    def examples(self) -> list[Example]:
        return examples(self.doc)


class Example(Struct, frozen=True):
    """A Bad or Good example from a rule's docs.

    ``expected`` holds the finding lines (``line:col severity rule message``)
    a Bad example must produce, exactly; a Good example produces none.
    """

    kind: str  # "Bad" or "Good"
    store: str
    expected: tuple[str, ...]
    files: tuple[tuple[str, str], ...] = ()  # other files beside the store: (name, text)


def examples(doc: str) -> list[Example]:
    """The ``Bad::`` and ``Good::`` blocks of a rule's docs, in order.

    A block is the indented text after its header; its lines starting with
    ``=>`` are the findings the example must produce. A ``Files::`` block
    holds ``name: text`` lines: files every example has beside its store.
    """
    found: list[Example] = []
    files: list[tuple[str, str]] = []
    kind: str | None = None
    block: list[str] = []

    def close() -> None:
        text = textwrap.dedent("\n".join(block))
        if kind == "Files":
            files.extend(tuple(line.split(": ", 1)) for line in text.splitlines() if ": " in line)
        elif kind is not None:
            store = [line for line in text.splitlines() if not line.startswith("=> ")]
            expected = tuple(line[3:] for line in text.splitlines() if line.startswith("=> "))
            found.append(Example(kind, "\n".join(store).strip("\n") + "\n", expected))

    for line in doc.splitlines():
        header = line.strip()
        if header in ("Bad::", "Good::", "Files::"):
            close()
            kind, block = header[:-2], []
        elif kind is not None:
            if line.strip() and not line.startswith("    "):
                close()
                kind, block = None, []
            else:
                block.append(line)
    close()
    return [Example(example.kind, example.store, example.expected, tuple(files)) for example in found]
