"""The accuracy scorer compares gold and predicted labels through the same deterministic layer."""

from __future__ import annotations

from evidence_devtools.citation_scores import score
from evidence_library.evidence.references.labels import Span
from evidence_library.evidence.references.training import LabelledNote


def note(source: str, *pairs: tuple[str, str]) -> LabelledNote:
    return LabelledNote(tuple(Span(label, text) for label, text in pairs), source, 0)


def test_a_fragment_that_is_no_work_expects_none() -> None:
    fragment = note("good.xml", ("author", "Chaudhry, R., Ofli, F., Kurillo, G."))
    scores = score([fragment], [["author"] * len(fragment.tokens)])
    assert scores.fields["all"] == {}
    assert (scores.works["date later"].right, scores.works["date later"].total) == (1, 1)


def test_words_before_an_address_do_not_count_against_it() -> None:
    gold = note(
        "core.xml",
        ("author", "Smith, J."),
        ("date", "(2010)."),
        ("title", "A page."),
        ("url", "Available at: http://x.org/a.pdf"),
    )
    predicted = ["author", "author", "date", "title", "title", "note", "note", "url"]
    scores = score([gold], [predicted])
    assert (scores.fields["all"]["url"].right, scores.fields["all"]["url"].total) == (1, 1)


def test_a_fragment_read_as_a_work_is_still_compared() -> None:
    gold = note("core.xml", ("author", "Smith, J."), ("date", "(2010)."), ("title", "A page."))
    scores = score([gold], [["author", "author", "date", "prose", "prose"]])
    assert scores.fields["all"]["title"].right == 0
    assert scores.fields["all"]["title"].total == 1


def test_references_written_apart_are_scored_one_each_by_file() -> None:
    """`--external`: each sequence is one reference (its largest work found), grouped by its file."""
    gold = note(
        "apa.xml",
        ("author", "Smith, J."),
        ("date", "(2010)."),
        ("title", "A page."),
        ("note", "Available at:"),
        ("url", "http://x.org/a"),
    )
    predicted = ["author", "author", "date", "title", "title", "prose", "prose", "url"]  # two works
    by_work = score([gold], [predicted])
    one_each = score([gold], [predicted], one_reference=True)
    assert by_work.invented == 1
    assert one_each.invented == 0
    assert (one_each.fields["apa"]["title"].right, one_each.fields["apa"]["title"].total) == (1, 1)
    assert (one_each.fields["apa"]["url"].right, one_each.fields["apa"]["url"].total) == (0, 1)
    assert (one_each.works["apa"].right, one_each.works["apa"].total) == (0, 1)
