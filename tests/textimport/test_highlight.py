"""Highlights: escaped text, nested and crossing spans stay well-formed, bad spans skipped."""

from noichinh.textimport.highlight import highlight


def test_text_is_escaped_and_spans_are_marked():
    html = highlight("a <b> & c", [(2, 5, "m1", "indicator", "Số liệu 1")])
    assert (
        html == 'a <mark id="m1" class="hl hl-indicator" title="Số liệu 1">&lt;b&gt;</mark> &amp; c'
    )


def test_a_figure_inside_an_award_sentence_nests():
    text = "Tặng 7 tập thể Bằng khen."
    html = highlight(text, [(0, 24, "award", "award", "A"), (5, 14, "fig", "indicator", "F")])
    assert html.index('id="award"') < html.index('id="fig"')
    assert html.count("<mark") == html.count("</mark>") == 2
    assert html.endswith("Bằng khen</mark>.")


def test_crossing_spans_are_cut_so_the_html_stays_well_formed():
    html = highlight("abcdefgh", [(0, 4, "a", "x", "A"), (2, 7, "b", "x", "B")])
    assert html == (
        '<mark id="a" class="hl hl-x" title="A">ab<mark id="b" class="hl hl-x" title="B">cd</mark>'
        "</mark>efgh"
    )


def test_out_of_range_empty_and_repeated_spans_are_skipped():
    html = highlight(
        "abc",
        [
            (2, 9, "a", "x", "A"),
            (1, 1, "b", "x", "B"),
            (0, 1, "c", "x", "C"),
            (1, 2, "c", "x", "C"),
        ],
    )
    assert html.count("<mark") == 1
    assert 'id="c"' in html
