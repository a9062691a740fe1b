"""Reading an article for ``timeline draft``: text, metadata, language and sentence spans."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.draft.article import Article, ArticleError, detect_language, read_article, sentences
from timeline.errors import UserError

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def _read(name: str) -> Article:
    return read_article((ARTICLES / name).read_bytes(), str(ARTICLES / name))


def _sentences(text: str, language: str | None) -> list[str]:
    return [text[start:end] for start, end in sentences(text, language)]


# --- the seed article --------------------------------------------------------------------------------


def test_the_seed_article_gives_its_headline_byline_and_date():
    article = _read("seed-article.txt")
    assert article.text == (ARTICLES / "seed-article.txt").read_text(encoding="utf-8")
    assert article.title == "Peru and Ecuador cooperate in the fight against human trafficking, oil theft"
    assert article.author == "Hólger Álava"
    assert article.published == dt.date(2013, 11, 25)
    assert article.language == "en"
    assert (article.outlet, article.url, article.dateline_place) == (None, None, None)
    assert article.notes == ["no outlet found"]


def test_the_seed_articles_sentences_keep_abbreviated_dates_whole():
    article = _read("seed-article.txt")
    spans = sentences(article.text, article.language)
    assert spans[:4] == [(0, 76), (78, 153), (154, 185), (187, 385)]
    assert (387, 574) in spans
    assert article.text[387:574] == (
        "Peruvian President Ollanta Humala and Ecuadorean President Rafael Correa announced the initiatives "
        "after they met on Nov. 14, 2013, in the city of Piura, Peru, near the Ecuadorean border."
    )
    assert (3172, 3272) in spans
    assert article.text[3172:3272] == (
        "On Nov. 20th, 2013, the Peruvian Supreme Court approved the National Plan against human trafficking."
    )
    assert article.text[154:185] == "Hólger Álava\xa0|\xa025 November 2013"
    assert article.text[763:782] == "Ongoing cooperation" and (763, 782) in spans
    assert len(spans) == 57


# --- Spanish wire copy -------------------------------------------------------------------------------


def test_an_agency_dateline_without_a_year_gives_place_and_outlet_and_says_the_date_is_unknown():
    article = _read("agencia-dateline-sin-anio.txt")
    assert article == Article(
        text=(ARTICLES / "agencia-dateline-sin-anio.txt").read_text(encoding="utf-8"),
        title="Humala toma juramento a Walter Albán como nuevo ministro del Interior",
        author=None,
        outlet="Agencia Ejemplo",
        published=None,
        url=None,
        language="es",
        dateline_place="Lima",
        notes=[
            "no byline found",
            "the dateline gives '19 nov' without its year: the publication date is unknown",
        ],
    )
    assert _sentences(article.text, article.language)[1:3] == [
        "Lima, 19 nov (Agencia Ejemplo).-",
        (
            "El presidente de Perú, Ollanta Humala, tomó juramento hoy a Walter Albán Peralta como nuevo ministro "
            "del Interior, seis días después de la renuncia de Wilfredo Pedraza."
        ),
    ]


def test_a_full_capitals_dateline_gives_place_date_and_outlet_and_a_por_line_the_author():
    article = _read("agencia-dateline-completo.txt")
    assert article == Article(
        text=(ARTICLES / "agencia-dateline-completo.txt").read_text(encoding="utf-8"),
        title="Buscan por aire, mar y tierra a los 19 reos fugados de La Roca",
        author="Marta Quispe",
        outlet="Noticias Andinas Ejemplo",
        published=dt.date(2013, 2, 12),
        url=None,
        language="es",
        dateline_place="Quito",
        notes=[],
    )
    assert _sentences(article.text, article.language)[:4] == [
        "Buscan por aire, mar y tierra a los 19 reos fugados de La Roca",
        "Por Marta Quispe",
        "QUITO, 12 de febrero de 2013 (Noticias Andinas Ejemplo).-",
        (
            "Diecinueve reos se fugaron la noche del lunes de La Roca, la cárcel de máxima seguridad de Guayaquil, "
            "tras someter a los 14 guías que los custodiaban."
        ),
    ]


BODY_ES = "El ministro del Interior presentó su renuncia al presidente, que la aceptó al día siguiente en Lima."
BODY_EN = "The interior minister offered his resignation to the president, who accepted it on the following day."


@pytest.mark.parametrize(
    ("opening", "place", "outlet", "published"),
    [
        ("Lima, 19 nov (Agencia Ejemplo).- " + BODY_ES, "Lima", "Agencia Ejemplo", None),
        (
            "LIMA, 19 de noviembre de 2013 (Agencia Ejemplo) " + BODY_ES,
            "Lima",
            "Agencia Ejemplo",
            dt.date(2013, 11, 19),
        ),
        ("Quito, 11 dic. de 2013 (Agencia Ejemplo).- " + BODY_ES, "Quito", "Agencia Ejemplo", dt.date(2013, 12, 11)),
        (
            "LIMA, 19 de setiembre de 2013 (Agencia Ejemplo).- " + BODY_ES,
            "Lima",
            "Agencia Ejemplo",
            dt.date(2013, 9, 19),
        ),
        (
            "SANTA CRUZ DE LA SIERRA, 5 dic 2013 (Agencia Ejemplo).- " + BODY_ES,
            "Santa Cruz de la Sierra",
            "Agencia Ejemplo",
            dt.date(2013, 12, 5),
        ),
        ("GUAYAQUIL.- " + BODY_ES, "Guayaquil", None, None),
        ("LIMA, Nov. 19, 2013 (Agencia Ejemplo) - " + BODY_EN, "Lima", "Agencia Ejemplo", dt.date(2013, 11, 19)),
    ],
)
def test_datelines(opening, place, outlet, published):
    article = read_article(f"Titular de prueba\n\n{opening}\n".encode(), "wire.txt")
    assert (article.dateline_place, article.outlet, article.published) == (place, outlet, published)
    dateline, body = _sentences(article.text, article.language)[1:]
    assert body in (BODY_ES, BODY_EN)
    assert opening == f"{dateline} {body}"


@pytest.mark.parametrize(
    ("byline", "author", "outlet", "published"),
    [
        ("By Ejemplo March 04, 2013", "Ejemplo", "Ejemplo", dt.date(2013, 3, 4)),
        ("By Rosa Huamán", "Rosa Huamán", None, None),
        ("Por Rosa Huamán | martes, 19 de noviembre de 2013 - 10:32 a.m.", "Rosa Huamán", None, dt.date(2013, 11, 19)),
        ("Rosa Huamán · 19/11/2013", "Rosa Huamán", None, dt.date(2013, 11, 19)),
        ("Publicado el 19 de noviembre de 2013", None, None, dt.date(2013, 11, 19)),
        ("Published: November 19, 2013", None, None, dt.date(2013, 11, 19)),
    ],
)
def test_bylines_and_date_lines(byline, author, outlet, published):
    body = BODY_EN if "Published" in byline or "By" in byline else BODY_ES
    article = read_article(f"Titular de prueba\n{byline}\n\n{body}\n".encode(), "byline.txt")
    assert (article.title, article.author, article.outlet, article.published) == (
        "Titular de prueba",
        author,
        outlet,
        published,
    )


def test_a_first_line_that_is_a_sentence_is_not_a_headline():
    article = read_article(f"{BODY_ES}\n".encode(), "cuerpo.txt")
    assert article.title is None
    assert article.notes == ["no headline found", "no byline found", "no outlet found", "no publication date found"]


def test_plain_text_loses_its_bom_and_carriage_returns_and_keeps_the_rest():
    article = read_article(b"\xef\xbb\xbfTitular\r\n\r\nUno.\rDos.  \n", "-")
    assert article.text == "Titular\n\nUno.\nDos.  \n"


# --- a saved HTML page -------------------------------------------------------------------------------

PAGE_PARAGRAPHS = (
    "Walter Albán asumirá el Ministerio del Interior tras la renuncia de Pedraza",
    "El exdefensor del Pueblo reemplaza a Wilfredo Pedraza, quien dejó el cargo el jueves.",
    (
        "El exdefensor del Pueblo Walter Albán Peralta asumirá este lunes el Ministerio del Interior de Perú, en "
        "reemplazo de Wilfredo Pedraza, quien renunció al cargo el pasado jueves en medio de cuestionamientos políticos."
    ),
    (
        "Una resolución suprema publicada hoy dio por concluidas las funciones de Albán como representante permanente "
        "de Perú ante la Organización de los Estados Americanos (OEA), con sede en Washington (EE.UU.), cargo que "
        "ocupaba desde fines de 2011."
    ),
    "Albán estuvo al frente de la Defensoría del Pueblo entre noviembre de 2000 y setiembre de 2005.",
    (
        "Pedraza había ofrecido su renuncia al presidente Ollanta Humala a mediados de la semana pasada. "
        "El mandatario la aceptó el viernes."
    ),
)
PAGE_TEXT = "\n\n".join(PAGE_PARAGRAPHS)
PAGE = Article(
    text=PAGE_TEXT,
    title="Walter Albán asumirá el Ministerio del Interior tras la renuncia de Pedraza",
    author="Rosa Huamán",
    outlet="Diario del Sur (ficticio)",
    published=dt.date(2013, 11, 18),
    url="https://diariodelsur.example/politica/2013/11/18/alban-asumira-ministerio-interior",
    language="es",
    dateline_place=None,
    notes=[],
)


def test_a_saved_page_gives_its_article_and_metadata_without_menu_sidebar_or_footer():
    article = _read("saved-page.html")
    assert article == PAGE
    for chrome in ("Inicio", "Suscríbase", "Lo más leído", "clásico", "derechos reservados", "Contáctenos"):
        assert chrome not in article.text


def test_a_page_is_known_by_its_content_on_standard_input():
    assert read_article((ARTICLES / "saved-page.html").read_bytes(), "-") == PAGE


@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1"])
def test_a_page_is_decoded_in_the_charset_it_declares(label):
    markup = (ARTICLES / "saved-page.html").read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={label}")
    assert read_article(markup.encode("cp1252"), "pagina.html") == PAGE


def test_a_page_without_metadata_falls_back_to_the_byline_it_prints():
    page = """<html lang="es"><head><title>Pedraza deja el Ministerio del Interior</title></head><body>
    <div id="menu"><a href="/">Inicio</a> <a href="/politica">Política</a></div>
    <div class="contenido"><h1>Pedraza deja el Ministerio del Interior</h1>
    <p>Por Rosa Huamán | 15 de noviembre de 2013</p>
    <p>El presidente Ollanta Humala aceptó este viernes la renuncia del ministro del Interior, Wilfredo Pedraza,
    quien la había ofrecido a mediados de semana.</p>
    <p>El Gobierno no anunció todavía el nombre de su reemplazo en el cargo.</p></div></body></html>"""
    article = read_article(page.encode(), "pedraza.htm")
    assert (article.title, article.author, article.published, article.language, article.outlet) == (
        "Pedraza deja el Ministerio del Interior",
        "Rosa Huamán",
        dt.date(2013, 11, 15),
        "es",
        None,
    )
    assert "Inicio" not in article.text
    assert article.notes == ["no outlet found"]


# --- sentences ---------------------------------------------------------------------------------------


def test_spanish_abbreviations_do_not_end_a_sentence():
    text = "El Sr. Pérez llegó a EE.UU. el lunes. Luego habló."
    assert sentences(text, "es") == [(0, 37), (38, 50)]
    assert _sentences(text, "es") == ["El Sr. Pérez llegó a EE.UU. el lunes.", "Luego habló."]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "La Dra. Ruiz llegó a las 10 a.m. del lunes. El Gral. Paz habló con el Sr. Ríos.",
            "es",
            ["La Dra. Ruiz llegó a las 10 a.m. del lunes.", "El Gral. Paz habló con el Sr. Ríos."],
        ),
        (
            "Dr. Ruiz met the envoy at 10 a.m. Monday. They spoke on Nov. 14 in Piura. Then they left.",
            "en",
            ["Dr. Ruiz met the envoy at 10 a.m. Monday.", "They spoke on Nov. 14 in Piura.", "Then they left."],
        ),
        ("He said no. He said no.", "en", ["He said no.", "He said no."]),
        (
            "Ongoing cooperation\nPeru and Ecuador cooperate.",
            "en",
            ["Ongoing cooperation", "Peru and Ecuador cooperate."],
        ),
        ("  Uno.   Dos.  \n\n\n  Tres.\t\n", None, ["Uno.", "Dos.", "Tres."]),
        ("", "es", []),
    ],
)
def test_sentence_spans(text, language, expected):
    assert _sentences(text, language) == expected


def test_a_long_paragraph_is_read_in_pieces_and_rejoined_where_a_piece_was_cut():
    pair = "El Sr. Pérez llegó a EE.UU. el lunes. Luego habló. "
    text = pair * 200
    assert _sentences(text, "es") == ["El Sr. Pérez llegó a EE.UU. el lunes.", "Luego habló."] * 200
    unpunctuated = "palabra " * 1000
    assert _sentences(unpunctuated, "es") == [unpunctuated.strip()]


@pytest.mark.parametrize("name", ["seed-article.txt", "agencia-dateline-sin-anio.txt", "agencia-dateline-completo.txt"])
def test_sentence_spans_cover_every_word_in_order_and_nothing_else(name):
    article = _read(name)
    spans = sentences(article.text, article.language)
    assert all(start < end for start, end in spans)
    assert all(first[1] <= second[0] for first, second in itertools.pairwise(spans))
    assert all(article.text[start:end] == article.text[start:end].strip() for start, end in spans)
    covered = "".join(article.text[start:end] for start, end in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", article.text)


# --- language ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (BODY_EN + " " + BODY_EN, "en"),
        (BODY_ES + " " + BODY_ES, "es"),
        ("Walter Albán Peralta", None),
        (BODY_EN + " " + BODY_ES, None),
        ("", None),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


# --- what can't be read ------------------------------------------------------------------------------

NO_ARTICLE = (
    b'<!DOCTYPE html><html><head><title>Portada</title></head><body><nav><a href="/">Inicio</a></nav></body></html>'
)


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"", "vacio.txt", "vacio.txt: the article is empty"),
        (b" \r\n\t\n", "-", "standard input: the article is empty"),
        (b"\xef\xbb\xbf\n", "bom.txt", "bom.txt: the article is empty"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "foto.txt",
            "foto.txt: a binary file, not an article (it has NUL bytes)",
        ),
        (
            "\ufeffHola\x00".encode("utf-16"),
            "u16.txt",
            "u16.txt: a binary file, not an article (it has NUL characters)",
        ),
        (
            "Perú y Ecuador".encode("latin-1"),
            "latin.txt",
            "latin.txt: not UTF-8 text (byte 0xfa at offset 3); save the article as UTF-8",
        ),
        (NO_ARTICLE, "portada.html", "portada.html: no article text found in the HTML page"),
        (NO_ARTICLE, "-", "standard input: no article text found in the HTML page"),
        (
            b'<html><head><meta charset="klingon"></head><body><p>x</p></body></html>',
            "k.html",
            "k.html: the page declares charset 'klingon', which is not an encoding Python knows",
        ),
        (
            b'<html><head><meta charset="us-ascii"></head><body><p>Alb\x81n</p></body></html>',
            "a.html",
            "a.html: not us-ascii text as the page declares (byte 0x81 at offset 56)",
        ),
        (
            b'<html><head><meta charset="utf-8"></head><body><p>Alb\xe1n</p></body></html>',
            "u.html",
            "u.html: not utf-8 text as the page declares (byte 0xe1 at offset 53)",
        ),
    ],
)
def test_what_cannot_be_read_is_one_line(raw, name, message):
    with pytest.raises(ArticleError) as raised:
        read_article(raw, name)
    assert str(raised.value) == message
    assert isinstance(raised.value, UserError)


def test_a_page_with_an_empty_body_has_no_article_text():
    with pytest.raises(ArticleError, match=r"^e\.html: no article text found in the HTML page$"):
        read_article(b"<html><body></body></html>", "e.html")


HTML_PIECES = st.sampled_from(
    ["<html>", "<head>", "<body>", "<p>", "</p>", "<article>", "<meta charset='utf-8'>", "<!--", "-->", "<![CDATA["]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=40), st.binary(max_size=20)), max_size=12))
def test_any_bytes_are_an_article_or_one_line_error(pieces):
    raw = b"".join(piece if isinstance(piece, bytes) else piece.encode() for piece in pieces)
    for name in ("article.txt", "page.html"):
        try:
            article = read_article(raw, name)
        except ArticleError as error:
            assert "\n" not in str(error)
        else:
            assert article.text.strip()
            spans = sentences(article.text, article.language)
            assert all(article.text[start:end].strip() == article.text[start:end] != "" for start, end in spans)
