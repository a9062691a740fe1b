"""`timeline fix`: only the misspelled words change, byte for byte, atomically."""

from __future__ import annotations

import os
import shutil
import stat

from conftest import FIXTURES

BEFORE = FIXTURES / "fix" / "before.yaml"
AFTER = FIXTURES / "fix" / "after.yaml"


def test_fix_changes_only_the_misspelled_words(cli, tmp_path):
    target = tmp_path / "x.yaml"
    shutil.copy(BEFORE, target)
    os.chmod(target, 0o640)
    run = cli("fix", "x.yaml", cwd=tmp_path)
    assert (run.exit_code, run.lines) == (0, ["fixed 3 in x.yaml", "3 fixes applied; `timeline check` shows what is left"])
    assert target.read_bytes() == AFTER.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["x.yaml"]


def test_the_quote_is_never_changed_and_the_finding_says_so(cli, tmp_path):
    target = tmp_path / "x.yaml"
    shutil.copy(BEFORE, target)
    cli("fix", "x.yaml", cwd=tmp_path)
    run = cli("check", "x.yaml", "--select", "name-spelling", cwd=tmp_path)
    assert run.lines == [
        'x.yaml:16:27: warning name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala); '
        "the quote stays as the source printed it",
        "0 errors, 1 warning, 0 info in 1 file, 1 event",
    ]
    again = cli("fix", "x.yaml", cwd=tmp_path)
    assert again.lines == ["0 fixes applied; `timeline check` shows what is left"]


def test_diff_shows_the_change_and_writes_nothing(cli, tmp_path):
    target = tmp_path / "x.yaml"
    shutil.copy(BEFORE, target)
    run = cli("fix", "x.yaml", "--diff", cwd=tmp_path)
    assert run.exit_code == 1
    assert run.lines == [
        "--- a/x.yaml",
        "+++ b/x.yaml",
        "@@ -9,11 +9,11 @@",
        "   - id: alban-sworn-in",
        "     date: '2013-11-20'",
        "     type: sworn-in",
        '-    title: "President Humaala swears in Walter Alban Peralta"   # two fixes here',
        '+    title: "President Humala swears in Walter Albán Peralta"   # two fixes here',
        "     actors: [ollanta-humala, walter-alban]",
        "     sources:",
        "       - source: alava",
        '         quote: "President Humaala administered the oath of office"',
        "     notes: >-",
        "       The article spells the name",
        "-      Humaala once.",
        "+      Humala once.",
    ]
    assert target.read_bytes() == BEFORE.read_bytes()


def test_fix_keeps_a_byte_order_mark_and_windows_line_ends(cli, tmp_path):
    target = tmp_path / "x.yaml"
    target.write_bytes(b"\xef\xbb\xbf" + BEFORE.read_bytes().replace(b"\n", b"\r\n"))
    cli("fix", "x.yaml", cwd=tmp_path)
    assert target.read_bytes() == b"\xef\xbb\xbf" + AFTER.read_bytes().replace(b"\n", b"\r\n")


def test_acknowledged_findings_are_not_fixed(cli, tmp_path):
    target = tmp_path / "x.yaml"
    text = BEFORE.read_text(encoding="utf-8").replace(
        "    notes: >-",
        "    acknowledged:\n      - rule: name-spelling\n        reason: the desk keeps the article's spelling here\n    notes: >-",
    )
    target.write_text(text, encoding="utf-8")
    run = cli("fix", "x.yaml", "--diff", cwd=tmp_path)
    assert (run.exit_code, run.stdout) == (0, "")


def test_entities_lists_the_registry_with_filters(cli):
    run = cli("entities", "--name", "alban", env={"COLUMNS": "100"})
    assert run.lines == [
        "Id             Name                   Kind     Ctry   Offices",
        "─" * 100,
        "walter-alban   Walter Albán Peralta   person   PE     Ombudsman of Peru (Defensor del Pueblo): 29",
        "               Walter Albán, Albán                    Nov 2000 – 29 Sep 2005",
        "                                                      Permanent Representative of Peru to the OAS:",
        "                                                      late 2011 – 18 Nov 2013",
        "                                                      Minister of the Interior: 19 Nov 2013 – …",
        "1 entity",
    ]
    places = cli("entities", "--kind", "place", "--country", "ec", env={"COLUMNS": "100"})
    assert [line.split() for line in places.lines[2:-1]] == [["huaquillas", "Huaquillas", "place", "EC"], ["guayaquil", "Guayaquil", "place", "EC"]]
    assert places.lines[-1] == "2 entities"


def test_fix_on_a_copy_of_the_shipped_store_changes_nothing(cli, tmp_path):
    # Its misspellings are all in verbatim quotes: nothing there is the team's to correct.
    from conftest import REPO

    shutil.copytree(REPO / "data", tmp_path / "data")
    if (REPO / "checks").is_dir():  # the repository's own overrides of the packaged packs, if it has any
        shutil.copytree(REPO / "checks", tmp_path / "checks")
    run = cli("fix", cwd=tmp_path)
    assert run.lines == ["0 fixes applied; `timeline check` shows what is left"]
    assert (tmp_path / "data" / "events.yaml").read_bytes() == (REPO / "data" / "events.yaml").read_bytes()
