"""`timeline export --format html`: one standalone page, read here without a browser (tests/test_browser.py
drives one). Its language and title, the JSON the chart reads, store text kept text, confidential
sources hidden as the report hides them, only the findings it is given, and nothing it would fetch."""

from __future__ import annotations

import base64
import configparser
import fnmatch
import hashlib
import json
import re
from html.parser import HTMLParser

from conftest import REPO

from timeline.dates import parse_date
from timeline.engine import prepare, run
from timeline.outputs.page import ASSETS, date_label, page
from timeline.project.packs import load_packs
from timeline.store.loader import load_text

STORE = """\
sources:
  - id: wire-2013-11-15
    title: Presidents meet in Piura
    outlet: The Wire
    published: 2013-11-15
    language: es
    url: https://news.example/piura
  - id: secretwire-2013-11-16
    title: Secret title
    author: Secret Author
    url: https://example.org/secret
    published: 2013-11-16
    confidential: true
entities:
  - id: peru
    name: Peru
    kind: country
    country: PE
  - id: ecuador
    name: Ecuador
    kind: country
    country: EC
  - id: ollanta-humala
    name: Ollanta Humala
    kind: person
    country: PE
    offices:
      - office: president
        of: peru
        title: President of Peru
        from: 2011-07-28
        to: 2016-07-28
events:
  - id: summit
    date: 2013-11-14
    type: summit
    title: The presidents meet in Piura
    countries: [PE, EC]
    actors:
      - entity: ollanta-humala
        as: president
    sources:
      - source: wire-2013-11-15
        quote: "The presidents met in Piura"
        original: "Los presidentes se reunieron en Piura"
      - source: secretwire-2013-11-16
        quote: "the secret quote"
        says: It confirms the meeting.
  - id: plan
    date: mid-November 2013
    type: plan-approved
    title: A plan is approved
    countries: [PE]
    sources:
      - source: wire-2013-11-15
        says: The plan was approved in mid-November.
"""

SECRETS = ("secretwire", "Secret title", "Secret Author", "example.org/secret", "the secret quote")


class Page(HTMLParser):
    """A page as a browser's parser reads it: the root's attributes, the title, each element
    (tag, attributes, its text), the addresses of links and sources, and each script's text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict = {}
        self.title = ""
        self.elements: list[tuple[str, dict, list[str]]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.addresses: list[str] = []
        self._open: list[list[str]] = []
        self._tags: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.root = attributes
        self.addresses += [value for name, value in attrs if name in ("href", "src", "action", "formaction", "srcset", "poster")]
        text: list[str] = []
        self.elements.append((tag, attributes, text))
        if tag in ("meta", "link", "br", "img", "input"):
            return
        self._open.append(text)
        self._tags.append(tag)
        if tag == "script":
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        if tag in self._tags:
            while self._tags:
                self._open.pop()
                if self._tags.pop() == tag:
                    break

    def handle_data(self, data):
        if self._tags and self._tags[-1] == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
            return
        if self._tags and self._tags[-1] == "title":
            self.title += data
        for text in self._open:
            text.append(data)

    def find(self, tag: str, **attributes) -> list[str]:
        """The text of each ``tag`` element whose attributes have these values (``class_`` for class)."""
        wanted = {name.rstrip("_"): value for name, value in attributes.items()}
        return [
            "".join(text)
            for name, found, text in self.elements
            if name == tag and all(value in (found.get(key) or "").split() if key == "class" else found.get(key) == value for key, value in wanted.items())
        ]

    def data(self) -> dict:
        (island,) = [text for attributes, text in self.scripts if attributes.get("id") == "timeline-data"]
        return json.loads(island)


def write_store(folder, text: str = STORE) -> None:
    (folder / "data" / "events.yaml").write_text(text, encoding="utf-8")


def exported(cli, folder, *options: str) -> Page:
    done = cli("export", "--format", "html", *options, cwd=folder)
    assert (done.exit_code, done.stderr) == (0, "")
    return Page(done.stdout)


def test_the_page_has_its_language_its_title_and_an_article_per_event_in_date_order(cli, store_dir):
    write_store(store_dir)
    shown = exported(cli, store_dir)
    assert shown.root == {"lang": "en"}
    assert shown.title == "Timeline · Peru, Ecuador"
    assert shown.find("h1") == ["Timeline"]
    assert shown.find("p", class_="summary") == ["2 events, 2013"]
    assert shown.find("h2") == ["Events"]
    assert [attributes["data-event"] for tag, attributes, _ in shown.elements if tag == "article"] == ["plan", "summit"]
    assert [attributes["id"] for tag, attributes, _ in shown.elements if tag == "article"] == ["event-1", "event-2"]
    assert shown.find("h3") == ["A plan is approved", "The presidents meet in Piura"]
    assert shown.find("p", class_="when") == ["mid-Nov 2013", "14 Nov 2013"]
    assert shown.find("time") == ["14 Nov 2013"]
    assert shown.find("p", class_="meta") == ["Peru · plan", "Peru, Ecuador · Ollanta Humala · summit"]
    assert shown.find("h4") == ["Sources", "Sources"]


def test_the_data_island_holds_the_events_lanes_and_terms_of_office(cli, store_dir):
    write_store(store_dir)
    data = exported(cli, store_dir).data()
    assert data["lang"] == "en"
    assert data["extent"] == {"start": "2013-11-11", "end": "2013-11-20"}
    assert data["groups"] == [{"id": "PE", "title": "Peru", "code": "PE"}, {"id": "EC", "title": "Ecuador", "code": "EC"}]
    common = {"open_start": False, "open_end": False, "derived": False, "announced": False, "severity": None, "findings": 0}
    assert data["events"] == [
        {"id": "plan", "title": "A plan is approved", "lanes": ["PE"], "start": "2013-11-11", "end": "2013-11-20", "label": "mid-Nov 2013", **common},
        {"id": "summit", "title": "The presidents meet in Piura", "lanes": ["PE", "EC"], "start": "2013-11-14", "end": "2013-11-14", "label": "14 Nov 2013", **common},
    ]
    assert data["eras"] == [
        {"lane": "PE", "start": "2011-07-28", "end": "2016-07-28", "open_end": False, "title": "Ollanta Humala, President of Peru", "dates": "28 Jul 2011 – 28 Jul 2016"}
    ]
    assert data["words"]["months_short"][10] == "Nov" and data["words"]["cluster"] == "{count} events"


OPEN_AND_UNDATED = """\
events:
  - id: said-before
    date: ../2013-11-25
    type: statement
    title: Said some time before
    countries: [EC]
  - id: from-then-on
    date: 2013-11-01/..
    type: statement
    title: Going on since
  - id: then
    type: statement
    title: Dated by its relation
    countries: [EC]
    relations:
      - after: from-then-on
  - id: sometime
    type: statement
    title: No date at all
    countries: [EC]
"""


def test_open_ends_derived_dates_and_undated_events(cli, store_dir):
    write_store(store_dir, OPEN_AND_UNDATED)
    data = exported(cli, store_dir).data()
    assert data["extent"] == {"start": "2013-11-01", "end": "2013-11-25"}
    assert data["groups"] == [{"id": "EC", "title": "EC", "code": "EC"}, {"id": "other", "title": "Other", "code": ""}]
    shown = [(event["id"], event["lanes"], event["start"], event["end"], event["open_start"], event["open_end"], event["label"], event["derived"]) for event in data["events"]]
    assert shown == [
        ("from-then-on", ["other"], "2013-11-01", None, False, True, "1 Nov 2013 …", False),
        ("then", ["EC"], "2013-11-01", None, False, True, "1 Nov 2013 …", True),
        ("said-before", ["EC"], None, "2013-11-25", True, False, "… 25 Nov 2013", False),
        ("sometime", ["EC"], None, None, False, False, None, False),
    ]


def test_an_event_without_countries_is_in_its_places_lane(cli, store_dir):
    placed = "entities:\n  - id: piura\n    name: Piura\n    kind: place\n    country: PE\nevents:\n"
    placed += "  - id: summit\n    date: 2013-11-14\n    type: summit\n    title: Presidents meet\n    place: piura\n"
    write_store(store_dir, placed)
    shown = exported(cli, store_dir)
    assert (shown.data()["groups"], shown.data()["events"][0]["lanes"]) == ([{"id": "PE", "title": "PE", "code": "PE"}], ["PE"])
    assert shown.find("p", class_="meta") == ["PE · Piura · summit"]


HOSTILE = """\
events:
  - id: hostile
    date: 2013-11-20
    type: summit
    title: "</script><script>alert(1)</script> <img src=x onerror=alert(2)> & \\u2028 \\x1b[31m"
    countries: ["</script>"]
    notes: "<!-- <script>alert(3)</script>"
    sources:
      - {source: script, quote: "<b onmouseover=alert(4)>quote</b>"}
      - {source: upper}
      - {source: fine}
sources:
  - id: script
    title: "A </script><script>alert(5)</script>"
    url: "javascript:alert(6)"
  - id: upper
    title: Upper
    url: " JavaScript:alert(7)"
  - id: fine
    title: Fine
    url: "https://news.example/a b/<script>?q=1&r=</script>"
"""
HOSTILE_TITLE = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> & \u2028 \ufffd[31m"


def test_store_text_stays_text_and_only_http_addresses_become_links(cli, store_dir):
    write_store(store_dir, HOSTILE)
    done = cli("export", "--format", "html", cwd=store_dir)
    shown = Page(done.stdout)
    # Three scripts, all the page's: the data, vis-timeline and the page's own. No element came from the store.
    assert [attributes for attributes, _ in shown.scripts] == [{"type": "application/json", "id": "timeline-data"}, {}, {}]
    assert "img" not in [tag for tag, _, _ in shown.elements] and "b" not in [tag for tag, _, _ in shown.elements]
    assert shown.addresses == ["#events", "https://news.example/a b/<script>?q=1&r=</script>"]
    assert shown.find("h3") == [HOSTILE_TITLE]
    assert shown.find("blockquote") == ["“<b onmouseover=alert(4)>quote</b>”"]
    assert shown.find("p", class_="notes") == ["<!-- <script>alert(3)</script>"]
    assert shown.find("cite") == ["A </script><script>alert(5)</script>", "Upper", "Fine"]
    data = shown.data()
    assert (data["events"][0]["title"], data["groups"][0]["title"]) == (HOSTILE_TITLE, "</script>")
    # In the JSON, what could end its script element or start markup is a JSON escape.
    (island,) = re.findall(r'<script type="application/json" id="timeline-data">(.*?)</script>', done.stdout, re.S)
    assert not re.search(r"[<>&\u2028\u2029]", island)
    assert "\x1b" not in done.stdout


def test_a_confidential_source_is_hidden_as_the_report_hides_it(cli, store_dir):
    conflicting = STORE.replace("        says: It confirms the meeting.\n", "        says: It confirms the meeting.\n        date: 2013-11-13\n")
    write_store(store_dir, conflicting)
    done = cli("export", "--format", "html", cwd=store_dir)
    assert [secret for secret in SECRETS if secret in done.stdout] == []
    shown = Page(done.stdout)
    assert shown.find("cite", class_="confidential") == ["confidential source"]
    assert shown.find("p", class_="cite")[-1] == "confidential source confidential-1"
    assert shown.find("p", class_="says") == ["The plan was approved in mid-November.", "It confirms the meeting."]
    # The finding names the source by its stand-in, as the report does.
    assert shown.find("p", class_="message") == [
        "wire-2013-11-15 has summit on 14 Nov 2013, confidential-1 on 13 Nov 2013: the two reports can't both be right"
    ]
    assert shown.find("summary") == ["error source-conflict"]
    assert shown.data()["events"][1]["severity"] == "error"


def test_a_translated_quote_shows_its_original(cli, store_dir):
    write_store(store_dir)
    shown = exported(cli, store_dir)
    assert shown.find("blockquote") == ["“The presidents met in Piura”"]
    assert shown.find("p", class_="original") == ["Original: Los presidentes se reunieron en Piura"]
    assert [attributes for tag, attributes, _ in shown.elements if tag == "q"] == [{"lang": "es"}]


def test_lang_es_words_the_page_in_spanish(cli, store_dir):
    write_store(store_dir)
    shown = exported(cli, store_dir, "--lang", "es")
    assert shown.root == {"lang": "es"}
    assert shown.title == "Cronología · Peru, Ecuador"
    assert shown.find("h2") == ["Eventos"]
    assert shown.find("h4") == ["Fuentes", "Fuentes"]
    assert shown.find("p", class_="summary") == ["2 eventos, 2013"]
    assert shown.find("p", class_="when") == ["mediados de nov 2013", "14 nov 2013"]
    assert shown.find("cite", class_="confidential") == ["fuente confidencial"]
    assert shown.find("button") == ["Acercar", "Alejar", "Ver todo"]
    data = shown.data()
    assert data["lang"] == "es"
    assert data["words"]["months"][10] == "noviembre" and data["words"]["months_short"][8] == "sept"
    assert data["words"]["cluster"] == "{count} eventos" and data["words"]["offices"] == "Periodos en el cargo"
    assert data["eras"][0]["dates"] == "28 jul 2011 – 28 jul 2016"


SPANISH = """\
events:
  - id: cumbre
    date: 2013-11-14
    type: summit
    title: Los presidentes de Perú y Ecuador se reúnen en Piura para firmar los acuerdos de la frontera
    countries: [PE]
    notes: La nota de prensa del ministerio confirma la reunión y el gabinete binacional en la ciudad.
"""


def test_a_store_written_in_spanish_gets_a_spanish_page_and_lang_en_overrides_it(cli, store_dir):
    write_store(store_dir, SPANISH)
    shown = exported(cli, store_dir)
    assert (shown.root, shown.find("h2"), shown.find("p", class_="summary")) == ({"lang": "es"}, ["Eventos"], ["1 evento, 2013"])
    shown = exported(cli, store_dir, "--lang", "en")
    assert (shown.root, shown.find("h2"), shown.find("p", class_="summary")) == ({"lang": "en"}, ["Events"], ["1 event, 2013"])


def test_every_date_label_has_its_spanish():
    labels = {
        "2013-11-14": "14 nov 2013",
        "mid-November 2013": "mediados de nov 2013",
        "late 2011": "fines de 2011",
        "early Sep 2013": "principios de sept 2013",
        "2013-21": "primavera 2013",
        "199X": "década de 1990",
        "19XX": "siglo XX",
        "2013-11-30/2013-12-02": "30 nov–2 dic 2013",
        "2013-11~/2014?": "≈ nov 2013–2014?",
        "../2013-11-25": "… 25 nov 2013",
    }
    assert {text: date_label(parse_date(text), "es") for text in labels} == labels
    assert date_label(parse_date("mid-November 2013"), "en") == "mid-Nov 2013"


def test_the_page_marks_only_the_findings_it_is_given():
    store = load_text(STORE.replace("        says: It confirms the meeting.\n", "        says: It confirms the meeting.\n        date: 2013-11-13\n"))
    packs = load_packs(None)
    context = prepare(store, packs)
    found = run(store, packs, context=context).findings
    assert [finding.rule for finding in found] == ["source-conflict"]
    for given in ([], found):
        shown = Page(page(store, context.dates, given, "en"))
        assert len(shown.find("details", class_="finding")) == len(given)
        assert [event["findings"] for event in shown.data()["events"]] == [0, len(given)]


def test_the_page_fetches_nothing_and_runs_only_its_own_scripts(cli, store_dir):
    write_store(store_dir)
    done = cli("export", "--format", "html", cwd=store_dir)
    shown = Page(done.stdout)
    (policy,) = [attributes["content"] for tag, attributes, _ in shown.elements if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["font-src"] == "data:" and directives["img-src"] == "data:"
    # Each script that runs is allowed by its hash, and by nothing else: no 'unsafe-inline', no host.
    running = [text for attributes, text in shown.scripts if attributes.get("type") != "application/json"]
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'" for text in running]
    assert directives["script-src"].split() == hashes
    # No address but the store's links and the page's own anchor; no source map to fetch.
    assert shown.addresses == ["#events", "https://news.example/piura", "https://news.example/piura"]
    assert "sourceMappingURL" not in done.stdout
    assert re.findall(r"url\((?!data:)", done.stdout) == []


def test_the_assets_are_package_data_with_their_licences():
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    patterns = [line.strip() for line in config["options.package_data"]["timeline"].splitlines() if line.strip()]
    assets = sorted(path.relative_to(REPO / "timeline").as_posix() for path in ASSETS.iterdir() if path.is_file())
    assert [asset for asset in assets if not any(fnmatch.fnmatch(asset, pattern) for pattern in patterns)] == []
    names = {path.name for path in ASSETS.iterdir()}
    assert {"vis-timeline.LICENSE.md", "vis-timeline.LICENSE.MIT.txt", "vis-timeline.bundled.LICENSES.txt", "inter.LICENSE.txt"} <= names
    assert "SIL OPEN FONT LICENSE Version 1.1" in (ASSETS / "inter.LICENSE.txt").read_text(encoding="utf-8")
    assert "@version 8.5.4" in (ASSETS / "vis-timeline-graph2d.min.js").read_text(encoding="utf-8")[:400]
