import pytest

from evidence_library.evidence.citations import (
    accessed_date,
    cite_notes,
    is_ibid,
    is_short,
    resolve_back_references,
    resolve_short,
)
from evidence_library.evidence.references.parser import ReferenceParser
from evidence_library.evidence.references.tagger import shipped_tagger
from evidence_library.model import Citation, EntryType, Note


@pytest.mark.parametrize("text", ["Ibid.", "ibid", "Ibid., p. 12", "ibic", "Ibidem", "IBID"])
def test_ibid_and_its_typos(text: str) -> None:
    assert is_ibid(text)


@pytest.mark.parametrize("text", ["Ibsen, H. (1879)", "ib", "Ibis Trust report", "bid for funding"])
def test_not_ibid(text: str) -> None:
    assert not is_ibid(text)


def test_ibid_points_at_the_original_through_a_chain() -> None:
    notes = [Note(5, "Clinks (2016) Change and Challenge", 1), Note(6, "ibic", 2), Note(7, "Ibid., p. 4", 3)]
    resolved, problems = resolve_back_references(notes, "sources/x.md")
    assert [n.refers_to for n in resolved] == [None, 5, 5]
    assert problems == ()


def test_op_cit_finds_the_author() -> None:
    notes = [
        Note(1, "Maruna, S. (2001) Making Good", 1),
        Note(2, "Other source", 2),
        Note(3, "Maruna, op. cit., p. 9", 3),
    ]
    resolved, _ = resolve_back_references(notes, "sources/x.md")
    assert resolved[2].refers_to == 1


def test_ibid_with_nothing_before_is_reported() -> None:
    _, problems = resolve_back_references([Note(1, "Ibid.", 4)], "sources/x.md")
    assert [(p.code, p.location.line) for p in problems] == [("citations.unresolved-back-reference", 4)]


# --- What a note cites --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[last accessed 5.3.2012]", "2012-03-05"),
        ("[last accessed 12.04.17]", "2017-04-12"),
        ("[last accessed: 17/01/17]", "2017-01-17"),
        ("(accessed 14 February 2013)", "2013-02-14"),
    ],
)
def test_accessed_dates_are_day_first(text: str, expected: str) -> None:
    date, problems = accessed_date(Note(1, f"A source. {text}", 9), "sources/x.md", "2017-07")
    assert (date, problems) == (expected, [])


def test_impossible_or_late_dates_are_warnings_naming_the_note() -> None:
    _, problems = accessed_date(Note(4, "A. [last accessed 31.02.2012]", 9), "sources/x.md", "2012-03")
    assert [(p.code, p.location.line) for p in problems] == [("citations.bad-date", 9)]
    assert "note 4" in problems[0].message
    _, problems = accessed_date(Note(5, "A. [last accessed 14.11.2012]", 9), "sources/x.md", "2012-03")
    assert "after the response's date" in problems[0].message


def test_day_and_month_swapped_when_only_that_fits() -> None:
    date, problems = accessed_date(Note(7, "A. [last accessed 3.5.2012]", 9), "sources/x.md", "2012-03")
    assert date == "2012-03-05"
    assert [p.code for p in problems] == ["citations.date-swapped"]


def parser() -> ReferenceParser:
    return ReferenceParser(shipped_tagger().labels)


def test_cite_notes_leaves_ibid_to_the_library() -> None:
    notes = [Note(1, "Clinks (2016) Change and Challenge.", 1), Note(2, "Ibid.", 2, refers_to=1)]
    cited, _ = cite_notes(notes, "sources/x.md", "2017-07", parser())
    assert [len(n.citations) for n in cited] == [1, 0]


def test_a_short_citation_is_completed_from_an_earlier_note() -> None:
    notes = [
        Note(1, "Maruna, S. (2001) Making Good: How Ex-Convicts Reform. Washington DC: APA.", 1),
        Note(2, "Maruna (2001), p. 45.", 2),
    ]
    cited, _ = cite_notes(notes, "sources/x.md", "2017-07", parser())
    full, short = cited[0].citations[0], cited[1].citations[0]
    assert short.title == full.title == "Making Good: How Ex-Convicts Reform"
    assert short.pin == "p. 45"


def test_short_citations_resolve_by_author_and_year_or_title() -> None:
    full = Citation(EntryType.BOOK, ("Maruna, S.",), "2001", "Making Good", publisher="APA")
    other = Citation(EntryType.BOOK, ("Farrall, S.",), "2002", "Rethinking What Works", publisher="Willan")
    by_year = Citation(EntryType.MISC, ("Maruna",), "2001", "", pin="p. 9")
    by_title = Citation(EntryType.MISC, ("Maruna, S.",), "", "Making good", pin="p. 3")
    assert is_short(by_year) and is_short(by_title) and not is_short(full)
    assert resolve_short(by_year, [full, other]) == Citation(**{**full.__dict__, "pin": "p. 9"})
    assert resolve_short(by_title, [full, other]).title == "Making Good"
    assert resolve_short(by_year, [other]) is by_year
