"""Redraw docs/page-1280.png and docs/page-390.png: the web page of the shipped store
(`timeline export --format html`) in headless chromium, 1280 and 390 pixels wide.

Run from the repository root, with Debian's chromium and the browser extra
(pip install -e '.[browser]'): python docs/make_pictures.py

tests/test_browser.py takes its screenshots with the functions here, and holds
them to these pictures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# What works headless here, and keeps chromium from calling home.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The widths pictured, and the viewport each is taken in: a laptop's and a phone's.
VIEWPORTS = {1280: (1280, 800), 390: (390, 844)}
# The page doesn't read the clock; the browser's is fixed all the same, so that nothing could.
NOW = "2013-11-25T12:00:00Z"


def picture(width: int) -> Path:
    return REPO / "docs" / f"page-{width}.png"


def export_page(target: Path, project: Path = REPO, *options: str) -> Path:
    """``timeline export --format html`` run in ``project`` (its data/ store; by default the shipped one), written to ``target``."""
    command = [sys.executable, "-m", "timeline", "export", "--format", "html", "--output", str(target), *options]
    subprocess.run(command, cwd=project, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    return target


def launch(playwright):
    """Debian's chromium, headless, driven by playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


def open_page(browser, path: Path, width: int, height: int | None = None, media: str = "screen", fixed_clock: bool = True):
    """A new page (and its context) of ``width`` for the file at ``path``; with ``fixed_clock`` the
    browser's clock stands at :data:`NOW` (playwright's clock then stands in for ``performance``
    too, so a benchmark goes without it)."""
    context = browser.new_context(viewport={"width": width, "height": height or VIEWPORTS.get(width, (width, 800))[1]}, device_scale_factor=1, locale="en-US", timezone_id="UTC", reduced_motion="reduce")
    page = context.new_page()
    if fixed_clock:
        page.clock.set_fixed_time(NOW)
    page.emulate_media(media=media)
    return context, page


def settle(page, chart: bool = True) -> None:
    """Wait until the chart is drawn (the page marks it; in print there is none), the fonts are in,
    and a frame is painted."""
    if chart:
        page.wait_for_selector("html[data-drawn]", state="attached", timeout=20_000)
    page.evaluate("document.fonts.ready.then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))")


def screenshot(browser, path: Path, width: int) -> bytes:
    """The PNG of the page at ``path`` in the viewport of ``width``."""
    context, page = open_page(browser, path, width)
    try:
        page.goto(path.as_uri())
        settle(page)
        return page.screenshot(full_page=False, animations="disabled", caret="hide")
    finally:
        context.close()


def main() -> None:
    import tempfile

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        shipped = export_page(Path(folder) / "page.html")
        browser = launch(playwright)
        try:
            for width in VIEWPORTS:
                picture(width).write_bytes(screenshot(browser, shipped, width))
                print(f"wrote {picture(width).relative_to(REPO)}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
