"""How heavy and how fast the web page (`timeline export --format html`) is, as ratios against a
baseline measured here and now.

Pages, each exported by the command line and opened from its file in Debian's chromium, headless
(playwright; pip install -e '.[browser]'):

- the baseline: the page of a one-event store, all of the page's own weight (vis-timeline, the
  font, the styles) and one event, drawn;
- the shipped store's page;
- the page of a generated store of 10,000 events (``--events``), shaped like the shipped store, by
  the generator benchmarks/check_speed.py uses.

For each: the page's weight (bytes), the time to first render (the first contentful paint, and
the time the time axis is drawn, both from the start of navigation: the best of ``--repeat``
fresh pages), how many items the time axis drew at first (clustering keeps that small), and how
long the axis takes to answer a pan or a zoom, and the page a scroll of the list (the median and
the slowest frame of a series). Targets: the axis drawn within 3 s at 10,000 events, and no
frame of the pans, zooms and scrolls slower than 200 ms. Prints the figures and the ratios to
the baseline; exits 1 if a target is missed.

    python benchmarks/page.py [--events N] [--repeat N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DRAWN_TARGET_MS = 3000
FRAME_TARGET_MS = 200


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pictures = _module("make_pictures", REPO / "docs" / "make_pictures.py")  # how the page is opened: the tests' way
check_speed = _module("check_speed", REPO / "benchmarks" / "check_speed.py")  # the generated store

ONE_EVENT = """\
events:
  - id: summit
    date: 2013-11-14
    type: summit
    title: Humala and Correa meet in Piura
    countries: [PE, EC]
"""

# Pans and zooms of the time axis, each timed to the frame it is drawn in. A zoom to a level not
# seen yet clusters the whole store anew (vis-timeline keeps each level's clusters); a pan doesn't.
AXIS = """async () => {
    const timeline = window.timelinePage.timeline, times = {pan: [], zoom: []};
    const frame = () => new Promise(done => requestAnimationFrame(done));
    const moves = [];
    for (let step = 0; step < 10; step++) moves.push(["pan", 0.1]);
    for (let step = 0; step < 6; step++) moves.push(["zoom", 0.5], ["pan", 0.3], ["pan", -0.3]);
    for (let step = 0; step < 10; step++) moves.push(["pan", -0.1]);
    for (let step = 0; step < 6; step++) moves.push(["zoom", 2]);
    for (const [kind, amount] of moves) {
        await frame();
        const started = performance.now();
        const shown = timeline.getWindow(), width = shown.end - shown.start;
        if (kind === "pan") timeline.setWindow(new Date(shown.start.getTime() + width * amount), new Date(shown.end.getTime() + width * amount), {animation: false});
        else {
            const middle = (shown.start.getTime() + shown.end.getTime()) / 2, half = width * amount / 2;
            timeline.setWindow(new Date(middle - half), new Date(middle + half), {animation: false});
        }
        await frame();
        await frame();  // the restack that shows new clusters comes a frame later
        times[kind].push(performance.now() - started);
    }
    return times;
}"""

# Scrolls of the page down its list of events, each timed to its frame.
LIST = """async () => {
    const times = [], frame = () => new Promise(done => requestAnimationFrame(done));
    const step = Math.max(1, Math.floor((document.documentElement.scrollHeight - innerHeight) / 20));
    for (let scroll = 0; scroll < 20; scroll++) {
        await frame();
        const started = performance.now();
        window.scrollBy(0, step);
        document.body.getBoundingClientRect();
        await frame();
        await frame();
        times.push(performance.now() - started);
    }
    return times;
}"""


def export(project: Path, target: Path) -> tuple[Path, float]:
    started = time.perf_counter()
    pictures.export_page(target, project)
    return target, time.perf_counter() - started


def measure(browser, page_path: Path, repeat: int) -> dict:
    """The page's figures: the best of ``repeat`` fresh loads, the pans and scrolls of the last."""
    paints, drawns = [], []
    for number in range(repeat):
        context, page = pictures.open_page(browser, page_path, 1280, fixed_clock=False)  # the real performance clock
        try:
            # The page notes when its chart is drawn; asking every 50 ms costs it less than a selector
            # watched on every change of its DOM would while it loads.
            page.goto(page_path.as_uri(), wait_until="commit")
            deadline = time.monotonic() + 120
            while not page.evaluate("document.documentElement.dataset.drawn") and time.monotonic() < deadline:
                time.sleep(0.05)
            page.wait_for_load_state("load")
            pictures.settle(page)
            paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
            drawns.append(float(page.evaluate("document.documentElement.dataset.drawn")))
            if number == repeat - 1:
                items = page.evaluate("document.querySelectorAll('#timeline .vis-item').length")
                axis = page.evaluate(AXIS)
                scrolled = page.evaluate(LIST)
        finally:
            context.close()
    return {
        "bytes": page_path.stat().st_size,
        "paint": min(paints),
        "drawn": min(drawns),
        "items": items,
        "pan": (statistics.median(axis["pan"]), max(axis["pan"])),
        "zoom": (statistics.median(axis["zoom"]), max(axis["zoom"])),
        "list": (statistics.median(scrolled), max(scrolled)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events in the generated store")
    parser.add_argument("--repeat", type=int, default=3, help="fresh loads of each page (the best is kept)")
    parser.add_argument("--keep", type=Path, help="write the pages and the generated store here and keep them")
    options = parser.parse_args()

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        local = REPO / ".venv" / "bin" / "python"
        if local.exists() and Path(sys.executable) != local:  # the project's environment has the browser extra
            return subprocess.run([str(local), __file__, *sys.argv[1:]], check=False).returncode
        sys.exit("benchmark: needs playwright and Debian's chromium: pip install -e '.[browser]' and apt-get install chromium")

    folder = options.keep or Path(tempfile.mkdtemp(prefix="timeline-page-bench-"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "timeline")], check=True)
    projects = {"baseline": folder / "one-event", "generated": folder / "generated"}
    for project in projects.values():
        (project / "data").mkdir(parents=True, exist_ok=True)
    (projects["baseline"] / "data" / "events.yaml").write_text(ONE_EVENT, encoding="utf-8")
    (projects["generated"] / "data" / "events.yaml").write_text(check_speed.generate(options.events), encoding="utf-8")
    pages = {
        "baseline": export(projects["baseline"], folder / "one-event.html"),
        "shipped": export(REPO, folder / "shipped.html"),
        "generated": export(projects["generated"], folder / "generated.html"),
    }
    names = {"baseline": "one-event store (baseline)", "shipped": "shipped store (25 events)", "generated": f"generated store ({options.events:,} events)"}
    print(f"pages in {folder}{'' if options.keep else ' (removed at the end)'}; chromium {chromium_version(folder)}")
    with sync_playwright() as playwright:
        browser = pictures.launch(playwright)
        try:
            figures = {name: measure(browser, path, options.repeat) for name, (path, _) in pages.items()}
        finally:
            browser.close()
    base = figures["baseline"]
    print(f"{'page':34} {'bytes':>11} {'x base':>7} {'export':>8} {'1st paint':>10} {'x base':>7} {'axis drawn':>11} {'x base':>7} {'items':>6} {'pan ms':>11} {'zoom ms':>11} {'scroll ms':>11}")
    for name, figure in figures.items():
        print(
            f"{names[name]:34} {figure['bytes']:>11,} {figure['bytes'] / base['bytes']:>7.2f} {pages[name][1]:>7.2f}s"
            f" {figure['paint']:>8.0f}ms {figure['paint'] / base['paint']:>7.2f} {figure['drawn']:>9.0f}ms {figure['drawn'] / base['drawn']:>7.2f}"
            f" {figure['items']:>6} {figure['pan'][0]:>5.0f}/{figure['pan'][1]:<5.0f} {figure['zoom'][0]:>5.0f}/{figure['zoom'][1]:<5.0f} {figure['list'][0]:>5.0f}/{figure['list'][1]:<5.0f}"
        )
    print("(pan, zoom, scroll: the median and the slowest of the series, each to the second frame after it: a frame is some 17 ms)")
    generated = figures["generated"]
    slowest = max(generated["pan"][1], generated["list"][1])
    misses = []
    if generated["drawn"] > DRAWN_TARGET_MS:
        misses.append(f"the axis of {options.events:,} events drawn in {generated['drawn']:.0f} ms, over {DRAWN_TARGET_MS} ms")
    if slowest > FRAME_TARGET_MS:
        misses.append(f"a pan or a scroll of {slowest:.0f} ms at {options.events:,} events, over {FRAME_TARGET_MS} ms")
    print(f"targets at {options.events:,} events: axis drawn <= {DRAWN_TARGET_MS} ms: {generated['drawn']:.0f} ms; slowest pan or scroll <= {FRAME_TARGET_MS} ms: {slowest:.0f} ms")
    for miss in misses:
        print(f"missed: {miss}")
    if options.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if misses else 0


def chromium_version(folder: Path) -> str:
    done = subprocess.run([pictures.CHROMIUM, "--version"], capture_output=True, text=True, check=False, cwd=folder)
    return done.stdout.strip().removeprefix("Chromium ") or "unknown"


if __name__ == "__main__":
    sys.exit(main())
