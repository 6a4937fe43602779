"""HTML pages: main text only, metadata from the page."""

from __future__ import annotations

import datetime as dt

from emptychair.model import Document
from emptychair.sources import ReadError

PAGE = """<!DOCTYPE html>
<html><head>
<title>Minister skips Brussels meeting | Daily Herald</title>
<meta property="article:published_time" content="2025-06-20T10:00:00Z">
<link rel="canonical" href="https://herald.example.org/world/minister-skips">
<style>.banner { color: red; } /* STYLE-TEXT */</style>
<script>var tracker = "HEAD-SCRIPT-TEXT";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAV-LINK-TEXT</a></li></ul></nav>
<article>
<h1>Minister skips Brussels meeting</h1>
<p>The defence minister will not attend next week's meeting in Brussels, two officials said.</p>
<script>document.write("BODY-SCRIPT-TEXT");</script>
<!-- HTML-COMMENT-TEXT -->
<p>A deputy will travel in her place, according to a statement from the ministry.</p>
<p>The talks are expected to focus on air defence and ammunition for the winter.</p>
</article>
<section id="comments" class="comments">
<h3>Comments</h3><p>READER-COMMENT-TEXT what a scandal this is</p>
</section>
<footer><p>Copyright FOOTER-TEXT 2019</p></footer>
</body></html>
"""

PARAGRAPHS = [
    "The defence minister will not attend next week's meeting in Brussels, two officials said.",
    "A deputy will travel in her place, according to a statement from the ministry.",
    "The talks are expected to focus on air defence and ammunition for the winter.",
]


def test_main_text_kept_and_clutter_dropped(read_one) -> None:
    [doc] = read_one("story.html", PAGE)
    assert isinstance(doc, Document)
    for clutter in ("SCRIPT-TEXT", "STYLE-TEXT", "NAV-LINK-TEXT", "HTML-COMMENT", "READER-COMMENT"):
        assert clutter not in doc.text
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text


def test_paragraphs_are_separated_by_blank_lines(read_one) -> None:
    [doc] = read_one("story.html", PAGE)
    assert isinstance(doc, Document)
    assert "\n\n".join(PARAGRAPHS) in doc.text


def test_metadata_comes_from_the_page(read_one) -> None:
    [doc] = read_one("story.htm", PAGE)
    assert isinstance(doc, Document)
    assert doc.id == "story.htm"
    assert doc.title == "Minister skips Brussels meeting"
    assert doc.published == dt.date(2025, 6, 20)
    assert doc.url == "https://herald.example.org/world/minister-skips"


def test_published_argument_overrides_the_page_date(read_one) -> None:
    [doc] = read_one("story.html", PAGE, published=dt.date(2025, 7, 1))
    assert isinstance(doc, Document)
    assert doc.published == dt.date(2025, 7, 1)


def test_dates_in_the_body_are_not_the_publication_date(read_one) -> None:
    page = (
        "<html><head><title>Talks</title></head><body><article>"
        "<p>The foreign ministers last met on 3 March 2021 in Vienna, officials recalled.</p>"
        "<p>They will meet again after the summer, a spokesman said on Monday.</p>"
        "</article></body></html>"
    )
    [doc] = read_one("talks.html", page)
    assert isinstance(doc, Document)
    assert doc.published is None


def test_line_break_stays_inside_its_paragraph(read_one) -> None:
    page = (
        "<html><body><article>"
        "<p>The envoy arrived in Geneva on Sunday evening,<br>ahead of the talks.</p>"
        "<p>The delegation from Kyiv is due to arrive on Tuesday morning.</p>"
        "</article></body></html>"
    )
    [doc] = read_one("envoy.html", page)
    assert isinstance(doc, Document)
    assert doc.text.split("\n\n") == [
        "The envoy arrived in Geneva on Sunday evening,\nahead of the talks.",
        "The delegation from Kyiv is due to arrive on Tuesday morning.",
    ]


def test_declared_legacy_charset_is_honoured(read_one) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Café diplomacy</title></head>'
        "<body><article><p>The ministers met at a café near the summit venue on Thursday."
        "</p></article></body></html>"
    ).encode("cp1252")
    [doc] = read_one("cafe.html", page)
    assert isinstance(doc, Document)
    assert "café near the summit venue" in doc.text


def test_page_of_scripts_only_has_no_main_text(read_one) -> None:
    page = (
        "<html><head><script>var a = 1;</script></head><body><script>run();</script></body></html>"
    )
    [error] = read_one("empty.html", page)
    assert isinstance(error, ReadError)
    assert error.message == "no main text found"


def test_empty_html_file_is_an_error(read_one) -> None:
    [error] = read_one("empty.html", "   \n")
    assert error == ReadError(error.path, None, "empty file")
    assert error.path.endswith("empty.html")


def test_page_full_of_scripts_keeps_its_text(read_one) -> None:
    noise = "".join(
        f'<script>window.ad{i} = "SCRIPT-NOISE-{i}";</script><script src="/t{i}.js"></script>'
        for i in range(300)
    )
    body = "".join(f"<p>{paragraph}</p>{noise}" for paragraph in PARAGRAPHS)
    page = f"<html><head>{noise}</head><body>{noise}<article>{body}</article></body></html>"
    [doc] = read_one("ads.html", page)
    assert isinstance(doc, Document)
    assert "SCRIPT-NOISE" not in doc.text
    assert doc.text == "\n\n".join(PARAGRAPHS)
