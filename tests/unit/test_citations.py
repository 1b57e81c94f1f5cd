import pytest

from evidence_library.evidence.citations import (
    accessed_date,
    cite_notes,
    is_ibid,
    names,
    parse_note,
    resolve_back_references,
)
from evidence_library.model import EntryType, Note


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
    ("authors", "expected"),
    [
        pytest.param("Maruna, S. and LeBel, T.", ("Maruna, S.", "LeBel, T."), id="surname-initials"),
        pytest.param(
            "McNeill, F. Raynor, P., & Trotter, C.", ("McNeill, F.", "Raynor, P.", "Trotter, C."), id="no-and"
        ),
        pytest.param("Owers, A. et al", ("Owers, A.", "others"), id="et-al"),
        pytest.param(
            "Kevin Wong, Linda Meadows & Paul Senior",
            ("Kevin Wong", "Linda Meadows", "Paul Senior"),
            id="full",
        ),
        pytest.param("HM Inspectorate of Probation", ("{HM Inspectorate of Probation}",), id="corporate"),
        pytest.param("Prison Reform Trust", ("{Prison Reform Trust}",), id="corporate-three-words"),
    ],
)
def test_names(authors: str, expected: tuple[str, ...]) -> None:
    assert names(authors) == expected


def test_report_in_2012_style() -> None:
    (citation,) = parse_note(
        "Clinks, 2010. *Localising justice*. Online: <http://www.clinks.org/a/Localising%20justice.pdf> "
        "[last accessed 5.3.2012]"
    )
    assert (citation.entry_type, citation.authors, citation.year, citation.title) == (
        EntryType.REPORT,
        ("{Clinks}",),
        "2010",
        "Localising justice",
    )
    assert citation.institution == "Clinks"
    assert citation.url == "http://www.clinks.org/a/Localising%20justice.pdf"


def test_report_in_2017_style() -> None:
    (citation,) = parse_note(
        "HM Inspectorate of Prisons (2014). People in prison: Gypsies, Romany and Travellers. "
        "Online: http://www.justiceinspectorates.gov.uk/x.pdf [last accessed: 17/01/17]"
    )
    assert citation.authors == ("{HM Inspectorate of Prisons}",)
    assert citation.title == "People in prison: Gypsies, Romany and Travellers"
    assert citation.url == "http://www.justiceinspectorates.gov.uk/x.pdf"


def test_chapter_in_an_edited_book() -> None:
    (citation,) = parse_note(
        "Maruna, S. and LeBel, T., 2010. 'The desistance paradigm in correctional practice' in McNeill, F. "
        "Raynor, P., & Trotter, C. (Eds.) *Offender supervision: new directions* pp. 65-87."
    )
    assert citation.entry_type is EntryType.INCOLLECTION
    assert citation.container == "Offender supervision: new directions"
    assert citation.editors == ("McNeill, F.", "Raynor, P.", "Trotter, C.")
    assert citation.pages == "65-87"


def test_journal_article_and_book_and_doi() -> None:
    (article,) = parse_note(
        "Smith, J. (2015) 'Peer mentoring in prisons', *Probation Journal*, 62(3), pp. 210-225."
    )
    assert (article.entry_type, article.container, article.volume, article.pages) == (
        EntryType.ARTICLE,
        "Probation Journal",
        "62",
        "210-225",
    )
    (book,) = parse_note("Maruna, S. (2001) Making Good. Washington: American Psychological Association.")
    assert (book.entry_type, book.publisher) == (EntryType.BOOK, "American Psychological Association")
    (with_doi,) = parse_note("Smith, J. (2015) Desistance. doi 10.1177/0264550515600545.")
    assert with_doi.doi == "10.1177/0264550515600545"


def test_two_works_in_one_note() -> None:
    first, second = parse_note("Clinks (2016) Change and Challenge; NCVO (2015) Almanac of civil society.")
    assert (first.title, second.title) == ("Change and Challenge", "Almanac of civil society")


@pytest.mark.parametrize(
    "text",
    [
        "Forthcoming Clinks research into volunteering in the criminal justice system.",
        "We would however note as positive NOMS contractual review in 2016.",
        "ibic",
    ],
)
def test_prose_cites_nothing(text: str) -> None:
    assert parse_note(text) == ()


def test_prose_with_a_web_address_cites_the_page() -> None:
    (page,) = parse_note(
        "Clinks and NCVO are monitoring this. For further information see http://www.clinks.org/trackTR"
    )
    assert (page.entry_type, page.url, page.authors) == (
        EntryType.ONLINE,
        "http://www.clinks.org/trackTR",
        ("{clinks.org}",),
    )


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


def test_cite_notes_leaves_ibid_to_the_library() -> None:
    notes = [Note(1, "Clinks (2016) Change and Challenge.", 1), Note(2, "Ibid.", 2, refers_to=1)]
    cited, _ = cite_notes(notes, "sources/x.md", "2017-07")
    assert [len(n.citations) for n in cited] == [1, 0]
