"""Column detection on layout-mode text: two columns are read one after the other, a single
column (even with right-aligned dates) is left alone."""

from __future__ import annotations

from careercoach.documents.columns import find_gutter, split_columns


def grid(rows: list[tuple[str, str]], gutter_at: int = 36) -> str:
    """Lay out (left, right) pairs as layout mode would: the right text starts at `gutter_at`."""
    return "\n".join(left.ljust(gutter_at) + right if right else left for left, right in rows)


TWO_COLUMNS = [
    ("ANA LIMA", ""),
    ("", ""),
    ("Skills", "Experience"),
    ("- SQL", "Data Analyst, Helios Energy, 2020 - now"),
    ("- Tableau", "- Built a forecasting pipeline that"),
    ("- Python", "cut stock-outs by thirty percent."),
    ("About", "- Automated the monthly board report"),
    ("Scrum Master who enjoys", "so that it takes ten minutes."),
    ("mentoring junior analysts.", ""),
    ("Education", "Junior Analyst, Cobalt Health"),
    ("BSc Statistics, 2018", "- Linked patient records."),
]


def test_two_columns_are_read_left_then_right() -> None:
    out = split_columns(grid(TWO_COLUMNS))
    lines = [line for line in out.split("\n") if line.strip()]
    left = [left for left, _ in TWO_COLUMNS if left]
    right = [right for _, right in TWO_COLUMNS if right]
    assert lines == left + right


def test_sentences_stay_whole_in_each_column() -> None:
    flat = " ".join(split_columns(grid(TWO_COLUMNS)).split())
    assert "Scrum Master who enjoys mentoring junior analysts." in flat
    assert "Built a forecasting pipeline that cut stock-outs by thirty percent." in flat
    assert "Automated the monthly board report so that it takes ten minutes." in flat


def test_a_line_across_the_gutter_cuts_the_page_into_bands() -> None:
    rows = [
        ("Left one", "Right one"),
        ("Left two", "Right two"),
        ("Left three", "Right three"),
    ]
    across = "A summary line that runs right across the whole width of the page here"
    page = grid(rows) + "\n" + across + "\n" + grid(rows)
    lines = [line for line in split_columns(page).split("\n") if line.strip()]
    band = ["Left one", "Left two", "Left three", "Right one", "Right two", "Right three"]
    assert lines == [*band, across, *band]


def test_a_column_keeps_its_own_paragraph_breaks_only() -> None:
    rows = [("a1", "b1"), ("a2", ""), ("a3", "b2"), ("a4", "b3"), ("", ""), ("a5", "b4"),
            ("a6", "b5")]
    out = split_columns(grid(rows, gutter_at=20)).split("\n")
    # "b1" and "b2" were on lines where only the left column had a gap: no break between them.
    assert out[out.index("b1") + 1] == "b2"
    assert out[out.index("a4") + 1] == ""  # a real gap across the page stays


def test_single_column_with_right_aligned_dates_is_unchanged() -> None:
    page = "\n".join([
        "Daniel Okafor",
        "Senior Backend Engineer — Northwind Analytics                        Mar 2021 – Present",
        "• Designed the ingestion service that processes 40 million events a day.",
        "• Cut p95 API latency from 480 ms to 120 ms by redesigning the caching layer.",
        "Software Engineer — Bluefin Logistics                                Jun 2017 – Feb 2021",
        "• Built route optimisation APIs in Python and PostgreSQL for 300 depots.",
        "• Moved twelve services to Docker and Kubernetes with zero downtime.",
        "Education",
        "BSc Computer Science, University of Leeds                                   2013 – 2017",
    ])
    assert find_gutter(page.split("\n")) is None
    assert split_columns(page) == page


def test_short_pages_are_not_split() -> None:
    page = grid([("Name", "Phone"), ("Title", "Email")])
    assert split_columns(page) == page


def test_words_separated_by_single_spaces_are_no_gutter() -> None:
    page = "\n".join(["word " * 12] * 10)
    assert find_gutter(page.split("\n")) is None


def test_absurdly_wide_lines_are_left_alone() -> None:
    page = "\n".join(["left" + " " * 5000 + "right"] * 10)
    assert split_columns(page) == page
