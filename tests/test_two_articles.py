"""Two articles about one escape, one English and one Spanish, in a store of three files.

The store (``tests/fixtures/two-articles``) is what a desk has after
transcribing Diálogo's report of 4 March 2013 and EFE's wire of 12 February
2013 about the escape from La Roca beside its registry: citations paraphrase
(``says:``), since no text is kept. Each problem the desk left in it is found
once, where it is, and nothing else is.
"""

from __future__ import annotations

import shutil

from conftest import FIXTURES

STORE = FIXTURES / "two-articles"

FINDINGS = [
    # The desk's own note misspells the fugitive: fix corrects it.
    'data/dialogo.yaml:8:12: warning name-spelling "Vernasa" looks like a misspelling of "Vernaza" (el-empresario)',
    # 13 still at large and 5 recaptured are given as all of the 19 who escaped.
    "data/dialogo.yaml:37:19: error count-subset escaped (19 inmates) is given as all of at-large and recaptured, "
    "but they add up to 18 inmates",
    # Diálogo says both "earlier this month" (of its March issue) and "on Feb. 11".
    "data/dialogo.yaml:51:15: error source-conflict dialogo-2013-03-04 contradicts itself: it has la-roca-escape "
    "on 1–4 Mar 2013 (line 48) and on 11 Feb 2013",
    # Each article's escape was recorded as an event of its own.
    "data/efe.yaml:11:5: warning likely-duplicate fuga-la-roca looks like a second record of la-roca-escape "
    "(data/dialogo.yaml:23): both escape of el-empresario in la-roca, on dates that can be the same day "
    "(Feb 2013, Feb 2013): merge them, or tell them apart",
    # "Two weeks" after an escape that EFE dates the day before it wrote: the guards were held the next day.
    "data/efe.yaml:41:9: error relative-offset guardias-detenidos can't be both on or after 22 Feb 2013 and on or "
    "before 12 Feb 2013: guardias-detenidos is two weeks after fuga-la-roca (line 41); efe-2013-02-12 dates "
    "fuga-la-roca 11 Feb 2013 (ayer) (line 25); guardias-detenidos is dated 12 Feb 2013 (line 32)",
    # The desk's title gives Serrano, Minister of the Interior, the Justice portfolio (Pesántez's).
    'data/efe.yaml:50:15: warning role-title the title calls jose-serrano "ministro de Justicia", but the '
    'registry\'s title for the office they held on 12 Feb 2013 is "Minister of the Interior" (data/registry.yaml:43)',
]


def test_every_problem_is_found_once_and_nothing_else(cli, tmp_path):
    # Near misses that stay silent: La Roca lies in Guayaquil (EFE's place and Diálogo's agree); the
    # sentence puts El Empresario in custody before the escape; "ayer" of 12 Feb is 11 Feb, within
    # February; Pesántez is called by her own title.
    shutil.copytree(STORE, tmp_path / "data")
    run = cli("check", cwd=tmp_path)
    assert run.lines == [*FINDINGS, "3 errors, 3 warnings, 0 info in 3 files, 5 events"]
    assert run.exit_code == 1


def test_fix_corrects_the_misspelling_in_the_desk_s_note(cli, tmp_path):
    shutil.copytree(STORE, tmp_path / "data")
    run = cli("fix", "--diff", cwd=tmp_path)
    assert run.lines == [
        "--- a/data/dialogo.yaml",
        "+++ b/data/dialogo.yaml",
        "@@ -5,7 +5,7 @@",
        "     outlet: Diálogo",
        "     published: 2013-03-04",
        "     language: en",
        "-    notes: Vernasa heads its list of the fugitives still at large.",
        "+    notes: Vernaza heads its list of the fugitives still at large.",
        " ",
        " events:",
        "   - id: empresario-sentenced",
    ]
    assert run.exit_code == 1


def test_an_event_without_countries_takes_its_place_s_country_through_within(cli, tmp_path):
    # La Roca gives no country of its own here: it lies within Guayaquil, within Guayas, within Ecuador.
    shutil.copytree(STORE, tmp_path / "data")
    registry = tmp_path / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("    country: EC\n    within: guayaquil\n", "    within: guayaquil\n"), encoding="utf-8")
    run = cli("show", "--country", "EC", cwd=tmp_path, env={"COLUMNS": "100"})
    assert run.lines[0].split() == ["When", "Ecuador", "(EC)"]
    assert [line.strip() for line in run.lines if line.strip() in ("la-roca-escape", "fuga-la-roca", "guardias-detenidos")] == [
        "la-roca-escape",
        "fuga-la-roca",
        "guardias-detenidos",
    ]
