"""Rich rendering of the journal: entry tables, an entry, search hits, analyses and trends.

Entry text is the person's own, but it is still text: it is sanitised and escaped, so an
entry that says "[bold]" shows those characters instead of turning bold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careercoach.ui.charts import bar, sparkline
from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.journal import Entry as JournalEntry
    from careercoach.services.journal import SearchHit
    from careercoach.services.journal_analyze import AnalysisResult
    from careercoach.services.journal_trends import Trends, Week


def _safe(text: str) -> str:
    return escape(sanitize(text))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _first_line(text: str, width: int = 60) -> str:
    return _clip(next((part for part in text.splitlines() if part.strip()), "").strip(), width)


def _figure(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def entries_table(console: Console, entries: list[JournalEntry]) -> None:
    """Newest first: id, date, mood, stress, tags and the first line."""
    if not entries:
        console.print(
            'No journal entries yet. Write one: careercoach journal add "..."', markup=False
        )
        return
    tag_texts = [_clip(", ".join(e.tags or []), 24) for e in entries]
    tag_width = max([4, *(len(t) for t in tag_texts)])
    # id, date, mood, stress, tags and the separators take the rest of the line.
    line_width = max(20, console.width - (5 + 10 + 4 + 6 + tag_width + 5 * 3))
    table = Table(show_edge=False, header_style="bold")
    for name, justify in (
        ("id", "right"),
        ("date", "left"),
        ("mood", "right"),
        ("stress", "right"),
        ("tags", "left"),
        ("first line", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)
    for e, tags in zip(entries, tag_texts, strict=True):
        table.add_row(
            str(e.id),
            e.entry_date,
            f"{e.mood}/5" if e.mood else "–",
            _figure(e.stress),
            _safe(tags),
            _safe(_first_line(e.text, line_width)),
        )
    console.print(table, soft_wrap=False)


def entry_panel(console: Console, entry: JournalEntry) -> None:
    """One entry in full, with its tags, mood and stored analysis."""
    facts = [f"date {entry.entry_date}"]
    if entry.mood:
        facts.append(f"mood {entry.mood}/5")
    if entry.tags:
        facts.append("tags " + ", ".join(entry.tags))
    body: list[Any] = [Text(sanitize(entry.text))]
    if entry.analysis_mode:
        label = "estimate (offline lexicon)" if entry.analysis_mode == "offline" else "model"
        body.append(
            Text(
                f"\nstress {_figure(entry.stress)}/10 · "
                f"motivation {_figure(entry.motivation)}/10 · "
                f"sentiment {_figure(entry.sentiment, 2)} ({label})",
                style="dim",
            )
        )
        if entry.themes:
            body.append(Text("themes: " + ", ".join(entry.themes), style="dim"))
    console.print(
        Panel(
            Group(*body),
            title=f"Entry {entry.id}",
            subtitle=_safe(" · ".join(facts)),
            title_align="left",
        ),
        soft_wrap=False,
    )


def search_hits(console: Console, hits: list[SearchHit], query: str) -> None:
    """Hits best first, the matched words highlighted (the snippet's [ ] marks)."""
    if not hits:
        console.print(f"No entries match {sanitize(query)!r}.", markup=False)
        return
    for hit in hits:
        line = Text(f"#{hit.id}  {hit.entry_date}  ", style="dim")
        line.append_text(_highlighted(hit))
        console.print(line)
    console.print(Text(f"{len(hits)} match(es), best first (bm25 ranking).", style="dim"))


def _highlighted(hit: SearchHit) -> Text:
    """The snippet with the matched words in bold yellow; the entry's own text stays plain."""
    text = Text()
    for piece, matched in hit.parts():
        text.append(sanitize(piece).replace("\n", " "), style="bold yellow" if matched else "")
    return text


def analysis_panel(console: Console, result: AnalysisResult) -> None:
    """The reading as a panel: figures, themes, suggestions, next action, and help if needed."""
    from careercoach.services.journal_analyze import CRISIS_MESSAGE

    label = "estimate (offline lexicon)" if result.mode == "offline" else result.method
    avg = result.averages
    body: list[Any] = []
    if result.crisis:
        body.append(Panel(Text(CRISIS_MESSAGE), title="You matter", border_style="magenta"))
    body.append(Text(f"Stress      {bar(avg['stress'] or 0, high=10)} {_figure(avg['stress'])}/10"))
    body.append(
        Text(f"Motivation  {bar(avg['motivation'] or 0, high=10)} {_figure(avg['motivation'])}/10")
    )
    body.append(Text(f"Sentiment   {_figure(avg['sentiment'], 2)} (-1 to 1)"))
    if len(result.readings) > 1:
        body.append(Text(f"(averages over {len(result.readings)} entries)", style="dim"))
    emotions = result.readings[0].emotions if len(result.readings) == 1 else []
    if emotions:
        body.append(
            Text(
                "Emotions    "
                + ", ".join(f"{sanitize(str(e['name']))} {e['intensity']:.1f}" for e in emotions)
            )
        )
    if result.top_themes:
        body.append(Text("Themes      " + ", ".join(sanitize(t) for t in result.top_themes)))
    for summary in result.summaries[:3]:
        span = (
            summary["from"]
            if summary["from"] == summary["to"]
            else f"{summary['from']} to {summary['to']}"
        )
        body.append(Text(f"\n{span}: ", style="bold").append(sanitize(summary["text"]), style=""))
    body.append(Text("\nSuggestions", style="bold"))
    body.extend(Text(f" • {sanitize(s)}") for s in result.suggestions)
    body.append(Text("\nNext step  ", style="bold").append(sanitize(result.next_action), style=""))
    for note in result.notes:
        body.append(Text(sanitize(note), style="dim"))
    console.print(
        Panel(Group(*body), title=f"Journal analysis · {_safe(label)}", title_align="left"),
        soft_wrap=False,
    )
    if len(result.readings) > 1:
        _readings_table(console, result)


def _readings_table(console: Console, result: AnalysisResult) -> None:
    table = Table(show_edge=False, header_style="bold")
    for name in ("id", "date", "stress", "motivation", "sentiment", "themes"):
        table.add_column(name, justify="left" if name in ("date", "themes") else "right")
    for r in result.readings[:60]:
        table.add_row(
            str(r.id),
            r.entry_date,
            _figure(r.stress),
            _figure(r.motivation),
            _figure(r.sentiment, 2),
            _safe(", ".join(r.themes[:4])),
        )
    console.print(table, soft_wrap=False)
    if len(result.readings) > 60:
        console.print(f"... and {len(result.readings) - 60} more (see --json).", markup=False)


_SCALES = {
    "mood": (1.0, 5.0),
    "sentiment": (-1.0, 1.0),
    "stress": (0.0, 10.0),
    "motivation": (0.0, 10.0),
}
_LABELS = {
    "mood": "Mood (your 1-5)",
    "sentiment": "Sentiment",
    "stress": "Stress",
    "motivation": "Motivation",
}


def trends_view(console: Console, trends: Trends) -> None:
    """Sparklines of the weekly averages, streaks, frequent themes and tags, standout weeks."""
    if not trends.entries:
        console.print("No journal entries in that period.", markup=False)
        return
    width = max(10, min(80, console.width - 44))  # the other columns and separators
    table = Table(
        show_edge=False,
        header_style="bold",
        title=(
            f"Weekly averages, {trends.first_day} to {trends.last_day} "
            f"({len(trends.weeks)} weeks, {trends.entries} entries)"
        ),
    )
    for name in ("series", "chart", "range", "last"):
        table.add_column(name, no_wrap=True)
    for name, (low, high) in _SCALES.items():
        values = [getattr(w, name) for w in trends.weeks]
        known = [v for v in values if v is not None]
        table.add_row(
            _LABELS[name],
            sparkline(values, low=low, high=high, width=width),
            f"{low:g}..{high:g}",
            _figure(known[-1], 2) if known else "–",
        )
    console.print(table, soft_wrap=False)
    if trends.analysed < trends.entries:
        console.print(
            Text(
                f"Sentiment, stress and motivation come from {trends.analysed} of {trends.entries} "
                "analysed entries; run careercoach journal analyze --since ... for the rest.",
                style="dim",
            )
        )
    console.print(
        Text(
            f"Writing streak: {trends.current_streak} day(s) now, longest {trends.longest_streak} "
            f"(ended {trends.longest_streak_end})."
        )
    )
    if trends.top_themes:
        console.print(
            Text("Themes: " + ", ".join(f"{sanitize(t)} ({c})" for t, c in trends.top_themes))
        )
    if trends.top_tags:
        console.print(
            Text("Tags: " + ", ".join(f"{sanitize(t)} ({c})" for t, c in trends.top_tags))
        )
    _standout(console, trends.standout)


def _standout(console: Console, standout: dict[str, Week | None]) -> None:
    rows = [
        (label, standout.get(key), field)
        for label, key, field in (
            ("Highest stress", "highest_stress", "stress"),
            ("Lowest mood", "lowest_mood", "mood"),
            ("Lowest sentiment", "lowest_sentiment", "sentiment"),
            ("Highest motivation", "highest_motivation", "motivation"),
        )
    ]
    rows = [r for r in rows if r[1] is not None]
    if not rows:
        return
    table = Table(show_edge=False, header_style="bold", title="Weeks that stood out")
    for name in ("", "week of", "average", "entries"):
        table.add_column(name)
    for label, week, field in rows:
        assert week is not None
        table.add_row(label, week.week, _figure(getattr(week, field), 2), str(week.entries))
    console.print(table, soft_wrap=False)
