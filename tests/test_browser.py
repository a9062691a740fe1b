"""The web page (`timeline export --format html`) in a real browser: Debian's chromium, headless,
driven by playwright (pip install -e '.[browser]'; run with `pytest -m browser`).

The shipped store's page loads from a file with no console error and no request but its own file;
every event can be reached, on the list and on the time axis; a finding's badge opens its message;
the screenshots at 1280 and 390 pixels match docs/page-1280.png and docs/page-390.png (redrawn by
docs/make_pictures.py); a hostile store's page runs nothing of the store's. Without chromium or
playwright these tests fail: they are never skipped.
"""

from __future__ import annotations

import importlib.util
import io
import json

import pytest
from conftest import REPO, SEED_FINDINGS

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location("make_pictures", REPO / "docs" / "make_pictures.py")
pictures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pictures)

# A pixel differs when a channel is off by more than this; a picture matches when few enough do.
CHANNEL_TOLERANCE = 24
PIXELS_TOLERATED = 0.002


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = pictures.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    return pictures.export_page(tmp_path_factory.mktemp("page") / "page.html")


class Visit:
    """A page opened in its own context, with what it logged, asked for and failed at."""

    def __init__(self, browser, path, width: int = 1280, media: str = "screen") -> None:
        self.context, self.page = pictures.open_page(browser, path, width, media=media)
        self.address = path.as_uri()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: message.type in ("error", "warning") and self.problems.append(f"console {message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(f"failed request: {request.url} {request.failure}"))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.context.route("**/*", self._route)
        self.page.goto(self.address)
        pictures.settle(self.page, chart=media == "screen")

    def _route(self, route) -> None:
        # Every request is seen here: the page's own file goes through, anything else is refused and noted.
        self.requests.append(route.request.url)
        if route.request.url == self.address:
            route.continue_()
        else:
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_one(path, width: int = 1280, media: str = "screen") -> Visit:
        opened.append(Visit(browser, path, width, media))
        return opened[-1]

    yield open_one
    for one in opened:
        one.close()


def shipped_events() -> list[str]:
    from timeline.api import open_project, published

    return [event.id for event in published(open_project([str(REPO / "data")], cwd=REPO)).store.events]


def test_the_shipped_page_loads_with_no_error_and_asks_for_nothing_but_itself(visit, shipped):
    for width in pictures.VIEWPORTS:
        seen = visit(shipped, width)
        assert seen.problems == []
        assert seen.requests == [shipped.as_uri()]
        assert seen.page.evaluate("document.documentElement.lang") == "en"
        assert seen.page.title() == "Timeline · Peru, Ecuador, Colombia"
        # Nothing wider than the screen: the page reflows down to a phone's width.
        assert seen.page.evaluate("document.documentElement.scrollWidth") == width
        assert seen.page.evaluate("[...document.fonts].filter(font => font.status === 'loaded').map(font => font.family + ' ' + font.weight)") == [
            "Inter 400",
            "Inter 700",
        ]


# Zoom the chart in on one item (and wait for the frames drawn): what shows it then, the item itself or a cluster.
ZOOM_IN_ON = """async ([item, index]) => {
    // focus() zooms to the item and scrolls the lanes to it.
    window.timelinePage.timeline.focus(item, {animation: false});
    for (let frame = 0; frame < 3; frame++) await new Promise(done => requestAnimationFrame(done));
    if (document.querySelector(`.vis-item[data-id="${CSS.escape(item)}"]`)) return `.vis-item[data-id="${CSS.escape(item)}"]`;
    const cluster = [...document.querySelectorAll(".vis-cluster .cluster-label")].find(label => label.dataset.events.split(" ").includes(String(index)));
    return cluster ? `.vis-cluster:has(.cluster-label[data-events="${cluster.dataset.events}"])` : null;
}"""


def click_in_view(page, selector: str) -> None:
    """Click the middle of the part of ``selector``'s element that the chart shows (a span may reach far off it)."""
    box = page.evaluate(
        """selector => {
            const shown = document.querySelector(".vis-panel.vis-center").getBoundingClientRect();
            const element = document.querySelector(selector).getBoundingClientRect();
            const left = Math.max(shown.left, element.left), right = Math.min(shown.right, element.right);
            const top = Math.max(shown.top, element.top), bottom = Math.min(shown.bottom, element.bottom);
            return left < right && top < bottom ? [(left + right) / 2, (top + bottom) / 2] : null;
        }""",
        selector,
    )
    assert box is not None, f"{selector} is not in view"
    page.mouse.click(*box)


def test_every_event_is_on_the_list_and_on_the_time_axis(visit, shipped):
    seen = visit(shipped)
    page = seen.page
    assert sorted(page.eval_on_selector_all("article[data-event]", "articles => articles.map(article => article.dataset.event)")) == sorted(shipped_events())
    events = page.evaluate("window.timelinePage.data.events.map(event => [event.id, event.title, event.lanes, Boolean(event.start || event.end)])")
    assert sorted(event for event, _, _, _ in events) == sorted(shipped_events())
    reached = []
    for index, (event, title, lanes, dated) in enumerate(events):
        assert dated, event  # every event of the shipped store is dated, by itself or by its relations
        for lane in lanes:
            # Zoomed in on, an event is drawn as itself, or in a cluster (events of the same day, or of the
            # same open span) that lists it when clicked.
            shown = page.evaluate(ZOOM_IN_ON, [f"{index}@{lane}", index])
            assert shown is not None, (event, lane)
            click_in_view(page, shown)
            if shown.startswith(".vis-item"):
                assert title in page.inner_text(shown)
                assert page.inner_text("#detail h3") == title
                reached.append((event, lane, "item"))
            else:
                links = page.eval_on_selector_all("#detail .cluster-list a", "links => links.map(link => [link.getAttribute('href'), link.textContent])")
                assert [f"#event-{index + 1}", title] in links, (event, lane)
                reached.append((event, lane, "cluster"))
    assert len(reached) == sum(len(lanes) for _, _, lanes, _ in events)
    assert seen.problems == []


def test_a_finding_badge_opens_its_message(visit, shipped):
    from playwright.sync_api import expect

    (expected,) = [line.split(" error authority ", 1)[1] for line in SEED_FINDINGS if " error authority " in line]
    page = visit(shipped).page
    finding = 'article[data-event="national-plan-approved"] details.finding'
    badge, message = page.locator(f"{finding} summary"), page.locator(f"{finding} .message")
    badge.scroll_into_view_if_needed()  # the list lays out only what is near the screen
    expect(badge).to_have_text("error authority")
    expect(message).to_be_hidden()
    badge.click()
    expect(message).to_be_visible()
    assert message.inner_text() == expected


def test_print_is_a_plain_list_with_every_message(visit, shipped):
    page = visit(shipped, media="print").page
    assert page.evaluate("getComputedStyle(document.querySelector('.chart')).display") == "none"
    assert page.evaluate("[...document.querySelectorAll('.message')].every(message => message.checkVisibility())")
    assert page.evaluate("document.querySelectorAll('article.event').length") == len(shipped_events())


def _difference(actual: bytes, reference) -> tuple[float, object]:
    from PIL import Image, ImageChops

    taken = Image.open(io.BytesIO(actual)).convert("RGB")
    wanted = Image.open(reference).convert("RGB")
    if taken.size != wanted.size:
        return 1.0, None
    difference = ImageChops.difference(taken, wanted)
    mask = difference.convert("L").point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    return mask.histogram()[255] / (taken.width * taken.height), difference


@pytest.mark.parametrize("width", list(pictures.VIEWPORTS))
def test_the_screenshots_match_the_committed_pictures(browser, shipped, tmp_path, width):
    actual = pictures.screenshot(browser, shipped, width)
    share, difference = _difference(actual, pictures.picture(width))
    if share > PIXELS_TOLERATED:
        (tmp_path / f"page-{width}.png").write_bytes(actual)
        if difference is not None:
            difference.save(tmp_path / f"page-{width}-difference.png")
    assert share <= PIXELS_TOLERATED, f"{share:.2%} of the pixels differ from docs/page-{width}.png: the page taken is in {tmp_path}"


HOSTILE = """\
sources:
  - id: script
    title: "A </script><script>alert(1)</script>"
    url: "javascript:alert(2)"
events:
  - id: hostile
    date: 2013-11-20
    type: summit
    title: "</script><script>alert(3)</script><img src=x onerror=alert(4)>"
    countries: ["<b onmouseover=alert(5)>PE</b>"]
    sources:
      - {source: script, quote: "<img src=y onerror=alert(6)>"}
"""


def test_a_hostile_store_runs_nothing_in_the_page(visit, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.yaml").write_text(HOSTILE, encoding="utf-8")
    path = pictures.export_page(tmp_path / "page.html", tmp_path)
    seen = visit(path)
    page = seen.page
    assert (seen.dialogs, seen.problems, seen.requests) == ([], [], [path.as_uri()])
    title = "</script><script>alert(3)</script><img src=x onerror=alert(4)>"
    assert page.inner_text("article h3") == title
    assert page.evaluate("document.querySelectorAll('img, b, script:not([type]):not([src])').length") == 2  # the page's two scripts
    assert page.inner_text(".vis-item .item-title") == title
    assert page.inner_text(".vis-label .lane-name") == "<b onmouseover=alert(5)>PE</b>"
    assert page.evaluate("[...document.links].map(link => link.href)") == [path.as_uri() + "#events"]
    page.click(".vis-item[data-id='0@<b onmouseover=alert(5)>PE</b>']")
    page.hover("#detail h3")
    assert seen.dialogs == []
    assert json.loads(page.inner_text("#timeline-data"))["events"][0]["title"] == title
