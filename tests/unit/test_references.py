"""The reference parser's deterministic layer: names, fields, works, biblatex types, from hand-made spans."""

from __future__ import annotations

import re

import pytest

from evidence_library.evidence.biblatex import entry_of
from evidence_library.evidence.references.fields import citation_of, trim, volume_and_issue
from evidence_library.evidence.references.labels import (
    Span,
    mend_addresses,
    mend_evidence_references,
    mend_instructions,
    mend_law_reports,
    mend_sessions,
    spans_of,
    split_works,
)
from evidence_library.evidence.references.names import parse_names
from evidence_library.model import Citation, EntryType


def spans(*pairs: str) -> list[Span]:
    """'author:Maruna, S.' -> Span('author', 'Maruna, S.')."""
    return [Span(*pair.split(":", 1)) for pair in pairs]


@pytest.mark.parametrize(
    ("text", "names", "others"),
    [
        ("Maruna, S. and LeBel, T.", ("Maruna, S.", "LeBel, T."), False),
        ("Romero, C., Paunesku, D., & Dweck, C.", ("Romero, C.", "Paunesku, D.", "Dweck, C."), False),
        ("Younan PM, Polacino P, Kowalski JP", ("Younan, PM", "Polacino, P", "Kowalski, JP"), False),
        ("H. Fischer, G. Chen,", ("Fischer, H.", "Chen, G."), False),
        ("Kevin Wong, Linda Meadows & Paul Senior", ("Wong, Kevin", "Meadows, Linda", "Senior, Paul"), False),
        ("de la Macorra JC", ("de la Macorra, JC",), False),
        ("Owers, A. et al", ("Owers, A.",), True),
        ("HM Inspectorate of Probation", ("{HM Inspectorate of Probation}",), False),
        (
            "HM Inspectorate of Probation and HM Inspectorate of Prisons",
            ("{HM Inspectorate of Probation}", "{HM Inspectorate of Prisons}"),
            False,
        ),
        ("House, J. and Hall, S.", ("House, J.", "Hall, S."), False),
        ("Lord Carter of Coles,", ("{Lord Carter of Coles}",), False),
        ("in F. McNeill and K. Weaver (eds),", ("McNeill, F.", "Weaver, K."), False),
        ("ed. Alison Liebling and Shadd Maruna", ("Liebling, Alison", "Maruna, Shadd"), False),
        ("Ed Miliband", ("Miliband, Ed",), False),
        ("NACRO", ("{NACRO}",), False),
        ("Monnier (J.),", ("Monnier, J.",), False),
        ("CASS, Victoria,", ("CASS, Victoria",), False),
        ("CELS, J.", ("CELS, J.",), False),
        ("DI LEONARDO M.,", ("DI LEONARDO, M.",), False),
        ("Munzert S. et Bauer P.,", ("Munzert, S.", "Bauer, P."), False),
        ("Herndon D. N. et coll.,", ("Herndon, D. N.",), True),
        ("Transition to Adulthood (T2A)", ("{Transition to Adulthood (T2A)}",), False),
        ("BBC Radio 4", ("{BBC Radio 4}",), False),
        ("HM Prison and Probation Service", ("{HM Prison and Probation Service}",), False),
        ("Schneider, L. (forthcoming).", ("Schneider, L.",), False),
        (
            "Centers for Disease Control and Prevention.",
            ("{Centers for Disease Control and Prevention}",),
            False,
        ),
        ("World Health Organization.", ("{World Health Organization}",), False),
        ("Public Health England.", ("{Public Health England}",), False),
        ("Hill, A. and Health, B.", ("Hill, A.", "Health, B."), False),
    ],
    ids=[
        "family-initials",
        "commas-ampersand",
        "vancouver",
        "initials-first",
        "given-first",
        "particle",
        "et-al",
        "organisation",
        "two-organisations",
        "organisation-word-as-surname",
        "peer",
        "editors",
        "editors-after-ed",
        "given-name-ed",
        "acronym",
        "french-bracketed-initials",
        "family-in-capitals-given",
        "family-in-capitals-initials",
        "capitals-then-initials",
        "french-et",
        "et-coll",
        "body-with-acronym",
        "body-with-number",
        "one-body-with-and",
        "forthcoming",
        "body-joined-by-for",
        "body-word-organization",
        "body-word-health",
        "body-word-as-surname",
    ],
)
def test_names(text: str, names: tuple[str, ...], others: bool) -> None:
    parsed = parse_names(text)
    assert (parsed.names, parsed.others) == (names, others)


def test_the_same_authors_again() -> None:
    assert parse_names("——.").repeated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("‘Probation in crisis’,", "Probation in crisis"),
        ("*Making Good*.", "Making Good"),
        ("(HC 482)", "HC 482"),
    ],
)
def test_trim(text: str, expected: str) -> None:
    assert trim(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12(3):", ("12", "3")), ("vol. 12, no. 3,", ("12", "3")), ("vol 560,", ("560", "")), ("", ("", ""))],
)
def test_volume_and_issue(text: str, expected: tuple[str, str]) -> None:
    assert volume_and_issue(text) == expected


def test_an_article_with_pages_and_a_pin() -> None:
    citation = citation_of(
        spans(
            "author:Dominey, J.",
            "date:(2012)",
            "title:‘A mixed market’,",
            "journal:*Probation Journal*,",
            "volume:59(4):",
            "pages:339–354,",
            "pages:p. 341.",
            "doi:doi:10.1177/0264550512458473",
        )
    )
    assert citation.entry_type is EntryType.ARTICLE
    assert (citation.container, citation.volume, citation.number) == ("Probation Journal", "59", "4")
    assert (citation.pages, citation.pin, citation.doi) == ("339--354", "p. 341", "10.1177/0264550512458473")


def test_a_report_with_a_paper_number_and_an_address_broken_over_a_line() -> None:
    citation = citation_of(
        spans(
            "author:Justice Committee,",
            "title:*Transforming Rehabilitation*",
            "number:(HC",
            "date:2017–19,",
            "number:482)",
            "pages:para 34.",
            "note:Available at:",
            "url:https://publications.parliament.uk/pa/cm201719/",
            "url:cmselect/482.pdf",
        )
    )
    assert citation.entry_type is EntryType.REPORT
    assert (citation.authors, citation.year, citation.number) == (("{Justice Committee}",), "2017", "HC 482")
    assert citation.url == "https://publications.parliament.uk/pa/cm201719/cmselect/482.pdf"
    assert citation.pin == "para 34"


def test_a_session_read_into_the_number_is_the_date_not_the_number() -> None:
    citation = citation_of(
        spans("author:Justice Committee,", "title:*Women in prison*", "number:(HC 2022–23, 266)")
    )
    assert (citation.number, citation.year) == ("HC 266", "2022")
    unchanged = citation_of(spans("title:*Release on Temporary Licence*", "number:PSI 2015/13,", "date:2015"))
    assert (unchanged.number, unchanged.year) == ("PSI 2015/13", "2015")


@pytest.mark.parametrize(
    ("pairs", "kind"),
    [
        (("title:Criminal Justice Act 2003,", "pages:s 142."), "Act of Parliament"),
        (("title:R v Smith", "date:[2010]", "number:EWCA Crim 123"), "Case"),
        (("title:HC Deb", "date:12 March 2013,", "volume:vol 560,", "pages:col 150."), "Hansard"),
        (
            (
                "title:The Offender Rehabilitation Act 2014 (Commencement No. 2) Order 2015",
                "number:SI 2015/40",
            ),
            "Statutory instrument",
        ),
    ],
    ids=["act", "case", "hansard", "statutory-instrument"],
)
def test_law_and_parliament_are_misc_with_a_type(pairs: tuple[str, ...], kind: str) -> None:
    citation = citation_of(spans(*pairs))
    assert (citation.entry_type, citation.kind) == (EntryType.MISC, kind)
    assert citation.year


def test_a_chapter_an_online_page_and_a_book() -> None:
    chapter = citation_of(
        spans(
            "author:Smith, D.",
            "date:(2007)",
            "title:'Youth crime',",
            "editor:in B. Goldson and J. Muncie (eds),",
            "container-title:Youth Crime and Justice.",
            "location:London:",
            "publisher:Sage.",
        )
    )
    assert (chapter.entry_type, chapter.container, chapter.editors) == (
        EntryType.INCOLLECTION,
        "Youth Crime and Justice",
        ("Goldson, B.", "Muncie, J."),
    )
    page = citation_of(
        spans(
            "author:Prison Reform Trust,",
            "title:'Bromley Briefings',",
            "container-title:Prison Reform Trust website,",
            "url:<http://www.prt.org.uk/bb>",
        )
    )
    assert (page.entry_type, page.container, page.url) == (
        EntryType.ONLINE,
        "Prison Reform Trust website",
        "http://www.prt.org.uk/bb",
    )
    book = citation_of(
        spans(
            "author:Maruna, S.", "date:(2001)", "title:Making Good.", "location:Washington:", "publisher:APA."
        )
    )
    assert (book.entry_type, book.publisher, book.location) == (EntryType.BOOK, "APA", "Washington")


def test_a_lone_name_in_a_full_citation_is_an_organisation() -> None:
    assert citation_of(spans("author:Clinks,", "date:2011.", "title:When the dust settles.")).authors == (
        "{Clinks}",
    )
    assert citation_of(spans("author:Corston", "date:(2007),", "pages:para 3.12.")).authors == ("Corston",)


def test_a_page_cited_by_its_address_alone_is_titled_by_it() -> None:
    citation = citation_of(spans("url:http://www.t2a.org.uk/"))
    assert (citation.entry_type, citation.title) == (EntryType.ONLINE, "t2a.org.uk")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Available at: http://www.unb.br/ib/zoo/catalog.html.", "http://www.unb.br/ib/zoo/catalog.html"),
        ("Retrieved from http://x.org/a.pdf", "http://x.org/a.pdf"),
        ("URL: www.cs.rice.edu/~m/mono.ps.", "http://www.cs.rice.edu/~m/mono.ps"),
        ("URL: http: www.bishopmuseum.org/geo.html.", "http://www.bishopmuseum.org/geo.html"),
        ("http: //www. humankinetics. com/p. cfm?isbn=07", "http://www.humankinetics.com/p.cfm?isbn=07"),
        ("(http://webbook.nist.gov,", "http://webbook.nist.gov"),
        ("< http:// www.resalliance.org/ index.php >.", "http://www.resalliance.org/index.php"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("classiques.uqac.ca/x.pdf", "http://classiques.uqac.ca/x.pdf"),
        ("GOV.UK", "http://GOV.UK"),
        ("25", ""),
        ("Pérez-Higueras", ""),
        ("Web.", ""),
        ("Assessment. http://x.org/a.pdf.", "http://x.org/a.pdf"),
    ],
    ids=[
        "available-at",
        "retrieved-from",
        "url-prefix",
        "scheme-apart",
        "spaces",
        "paren",
        "angle",
        "own-paren",
        "bare",
        "bare-host",
        "a-number-is-no-address",
        "a-name-is-no-address",
        "a-word-is-no-address",
        "a-word-before-a-scheme",
    ],
)
def test_an_address_without_the_words_and_brackets_around_it(text: str, url: str) -> None:
    assert citation_of(spans(f"url:{text}")).url == url


def test_a_doi_address_is_the_works_doi() -> None:
    citation = citation_of(
        spans("title:'The paradox of probation',", "url:https://doi.org/10.1111/ lapo.12002")
    )
    assert (citation.url, citation.doi) == ("", "10.1111/lapo.12002")
    assert (
        citation_of(spans("title:A page,", "url:https://www.doi.org/about")).url
        == "https://www.doi.org/about"
    )


def test_an_address_read_into_the_doi_is_the_works_url() -> None:
    citation = citation_of(
        spans(
            "title:“An Adaptable Metric.”",
            "journal:Current Biology,",
            "doi:www.cell.com, doi:10.1016/j.cub.2016.05.047.",
        )
    )
    assert (citation.url, citation.doi) == ("http://www.cell.com", "10.1016/j.cub.2016.05.047")
    assert citation_of(spans("title:A,", "doi:https://doi.org/10.1111/lapo.12002")).url == ""
    spaced = citation_of(spans("title:A,", "doi:https://doi. org/10.1111/hojo.12323"))  # a PDF's space
    assert (spaced.url, spaced.doi) == ("", "10.1111/hojo.12323")


@pytest.mark.parametrize("label", ["url", "doi"])
def test_a_publishers_page_named_by_its_doi_is_the_url_and_gives_the_doi(label: str) -> None:
    citation = citation_of(
        spans(
            "title:‘Gendered pathways’,",
            "journal:Housing Studies,",
            f"{label}:www.tandfonline.com/doi/full/10.1080/02673037.2017.1408781.",
        )
    )
    assert (citation.url, citation.doi) == (
        "http://www.tandfonline.com/doi/full/10.1080/02673037.2017.1408781",
        "10.1080/02673037.2017.1408781",
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("*Key Facts: a summary*, Women in Prison", "Key Facts: a summary"),
        ("‘Mail scanning: prisoners lose letters’. Inside", "Mail scanning: prisoners lose letters"),
        ("*Report of the Chief Inspector*; HM Inspectorate", "Report of the Chief Inspector"),
        ("The 'what works' debate", "The 'what works' debate"),
        ("*Making Good*", "Making Good"),
        ('"Lady Freedom among Us." The Electronic Text Center.', "Lady Freedom among Us"),
        ("‘Prisons’ and ‘probation’ together", "Prisons’ and ‘probation’ together"),
        ("``Reaching definitions analysis,'' Conf. Rec.", "Reaching definitions analysis"),
        ("« La « société civile » en Europe », Actes de la recherche", "La « société civile » en Europe"),
        ("« Politique d’abord »", "Politique d’abord"),
        ("``Unclosed quote, Conf.", "Unclosed quote, Conf"),
    ],
    ids=[
        "italic-then-more",
        "quoted-then-more",
        "italic-then-next-work",
        "quote-inside",
        "whole",
        "mla-stop-inside-quotes",
        "two-quoted-kept-whole",
        "latex-quotes-then-more",
        "guillemets-nested-then-more",
        "guillemets-whole",
        "unclosed-kept-whole",
    ],
)
def test_a_title_in_italics_or_quotes_ends_where_they_close(title: str, expected: str) -> None:
    assert citation_of(spans(f"title:{title}")).title == expected


@pytest.mark.parametrize(
    ("pairs", "date", "volume", "number", "pages"),
    [
        (("journal:Lancet Psychiatry.", "volume:2016;3(9):871-81."), "2016", "3", "9", "871--81"),
        (("journal:BMJ. 2011 Mar;377:956-65.",), "2011", "377", "", "956--65"),
        (("journal:J Public Health (Oxf).", "date:2019;41(2):150-6."), "2019", "41", "2", "150--6"),
        (("journal:Addict Behav.", "pages:2022;128:107239."), "2022", "128", "", ""),
        (("journal:Lancet Public Health.", "date:2020;5(2):e111-8."), "2020", "5", "2", "e111--8"),
    ],
    ids=["as-volume", "in-the-journal-with-a-month", "as-date", "article-number", "e-pages"],
)
def test_nlm_source_details_are_the_date_volume_issue_and_pages(
    pairs: tuple[str, ...], date: str, volume: str, number: str, pages: str
) -> None:
    citation = citation_of(spans("author:Fazel S, Hayes AJ.", "title:Mental health of prisoners.", *pairs))
    assert (citation.year, citation.volume, citation.number, citation.pages) == (date, volume, number, pages)
    assert citation.container and citation.container in " ".join(pairs)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Harry Potter and the half-blood prince [Motion picture].",
            "Harry Potter and the half-blood prince",
        ),
        ("Blood-borne virus testing in prisons [Internet].", "Blood-borne virus testing in prisons"),
        (
            "Encarceramento feminino [Tese de doutorado, Universidade de São Paulo].",
            "Encarceramento feminino",
        ),
        (
            "Ostrak iz Humbuz-Tepe [Ostracon from Khumbuz-Tepe].",
            "Ostrak iz Humbuz-Tepe [Ostracon from Khumbuz-Tepe]",
        ),
        ("Offender Rehabilitation Bill [HL]", "Offender Rehabilitation Bill [HL]"),
        ("[Online]", "Online"),  # a description alone is all the title there is
    ],
    ids=["film", "medium", "thesis-in-portuguese", "translation-kept", "bill-kept", "description-alone-kept"],
)
def test_a_description_in_square_brackets_after_a_title_is_not_part_of_it(title: str, expected: str) -> None:
    assert citation_of(spans(f"title:{title}", "date:2019.")).title == expected


@pytest.mark.parametrize(
    ("title", "entry_type", "kind"),
    [
        ("Continuity of care for men leaving prison [dissertation on the Internet].", EntryType.THESIS,
         "dissertation on the Internet"),
        ("Court backlogs and the victims who wait [Video].", EntryType.ONLINE, "Video"),
        ("Blood-borne virus testing in prisons [Internet].", EntryType.BOOK, ""),
    ],
    ids=["thesis", "video", "medium-says-no-kind"],
)  # fmt: skip
def test_a_description_after_a_title_gives_the_kind_of_work(
    title: str, entry_type: EntryType, kind: str
) -> None:
    """A description the model left in the title ('[dissertation on the Internet]') is the kind of work,
    as it would be labelled apart: a thesis, or a video with an address, is typed so."""
    citation = citation_of(
        spans(
            "author:Fitzgerald EM.",
            f"title:{title}",
            "location:Nottingham:",
            "date:2021",
            "url:https://x.org/1",
        )
    )
    assert (citation.entry_type, citation.kind) == (entry_type, kind)


def test_a_second_title_span_after_other_fields_is_not_part_of_the_title() -> None:
    work = spans(
        "author:M. V. Solodov.",
        "title:Some reformulations of the problem,",
        "date:1997.",
        "title:Computational Optimization, to appear.",
    )
    assert citation_of(work).title == "Some reformulations of the problem"


@pytest.mark.parametrize(
    ("pairs", "title", "container"),
    [
        (
            ("editor:Feigenbaum, E. A. and J. Feldman (eds.).", "container-title:Computers and Thought.",
             "location:New York:", "publisher:McGraw-Hill,", "date:1963."),
            "Computers and Thought",
            "",
        ),
        (
            ("author:Pearson, M.", "date:2007.", "container-title:In Comes I.", "publisher:UEP."),
            "",
            "Comes I",
        ),
        (
            ("author:Clinks", "date:(2019).", "genre:Written evidence to the",
             "container-title:Justice Committee inquiry,", "publisher:Parliament."),
            "",
            "Justice Committee inquiry",
        ),
        (
            ("container-title:Clinks website:", "url:https://www.clinks.org/x"),
            "clinks.org/x",
            "Clinks website",
        ),
        (
            ("author:Spengler, O.", "journal:The Decline of the West.", "location:New York:",
             "publisher:Knopf,", "date:1926."),
            "The Decline of the West",
            "",
        ),
        (
            ("author:Fazel, S.", "journal:Lancet Psychiatry,", "volume:3,", "pages:871–81."),
            "",
            "Lancet Psychiatry",
        ),
    ],
    ids=["edited-book", "in-is-a-container", "kind-of-evidence", "website-alone", "book-as-journal",
         "journal-alone"],
)  # fmt: skip
def test_a_book_read_as_a_container_is_titled_by_it(
    pairs: tuple[str, ...], title: str, container: str
) -> None:
    citation = citation_of(spans(*pairs))
    assert (citation.title, citation.container) == (title, container)


@pytest.mark.parametrize(
    ("label", "container", "expected"),
    [
        ("container-title", "*LSE British Politics and Policy* blog,", "LSE British Politics and Policy"),
        ("journal", "*The Guardian* online,", "The Guardian"),
        ("container-title", "In: *The Oxford Handbook of Penology*,", "The Oxford Handbook of Penology"),
        ("container-title", "Prison Reform Trust website,", "Prison Reform Trust website"),
        ("journal", "*Probation Journal*,", "Probation Journal"),
        ("container-title", "the Clinks website", "Clinks website"),
        ("journal", "The Times,", "The Times"),
        ("container-title", "in the Proceedings of CHI 90", "Proceedings of CHI 90"),
    ],
    ids=[
        "blog-after-italics",
        "online-after-italics",
        "in-before-italics",
        "no-italics",
        "whole",
        "lower-case-the",
        "a-name-with-the",
        "in-the",
    ],
)
def test_a_container_in_italics_ends_where_they_close(label: str, container: str, expected: str) -> None:
    assert citation_of(spans("title:A title,", f"{label}:{container}")).container == expected


def test_a_year_in_brackets_outside_the_date_is_the_works_year() -> None:
    nacro = citation_of(
        spans("author:Nacro.", "title:Going straight: reflections (1998).", "location:London:")
    )
    assert (nacro.year, nacro.title) == ("1998", "Going straight: reflections")
    article = citation_of(
        spans("title:“Husitský výklad,”", "journal:Studie o rukopisech", "volume:37-38 (2007-2008):")
    )
    assert (article.year, article.volume) == ("2007", "37")
    assert citation_of(spans("title:Life in 1990s prisons", "volume:12:")).year == ""


def test_a_video_is_online() -> None:
    citation = citation_of(
        spans(
            "author:Clinks",
            "date:(2014)",
            "title:*TR explained*",
            "medium:[video].",
            "url:https://vimeo.com/1",
        )
    )
    assert (citation.entry_type, citation.kind) == (EntryType.ONLINE, "video")


@pytest.mark.parametrize(
    ("tokens", "labels", "url"),
    [
        (
            "https://x.gov.uk/detail/2023-10-16/ hcws1060",
            "url note",
            "https://x.gov.uk/detail/2023-10-16/hcws1060",
        ),
        (
            "< http:// www.r.org/ index.php/ r_assessment >.",
            "url url url url note note",
            "http://www.r.org/index.php/r_assessment",
        ),
        ("http://www.t2a.org.uk/ [accessed 5.3.12]", "url note note", "http://www.t2a.org.uk/"),
        ("https://clinks.org/a- Accessed 5 May", "url note note note", "https://clinks.org/a-"),
        ("http://x.org/a.pdf p. 5", "url pages pages", "http://x.org/a.pdf"),
        ("http://x.org/ 12 March 2013", "url note note note", "http://x.org/"),
        (
            "http: //www. humankinetics. com/products/showproduct. cfm?isbn=0736034625",
            "url url note note note",
            "http://www.humankinetics.com/products/showproduct.cfm?isbn=0736034625",
        ),
        ("www. clinks. org. Accessed 5 May", "url note note note note note", "http://www.clinks.org"),
        ("http://x.org/report. Accessed 5 May", "url note note note", "http://x.org/report"),
        ("http://localhost. Accessed 5 May", "url note note note", "http://localhost"),
        ("Available at: http: (2019)", "note note url date", ""),
        (
            "http: //www. humankinetics. com/products/showproduct. cfm?isbn=0736034625",
            "title title title note note",
            "http://www.humankinetics.com/products/showproduct.cfm?isbn=0736034625",
        ),
        ("Retrieved from www.scopus.com", "note note note", "http://www.scopus.com"),
        ("http://ccl.org/netlogo/. Center for Learning", "url url title title", "http://ccl.org/netlogo/"),
        (
            "<http://h.org/barred- from-work/> Howard League",
            "url url url author",
            "http://h.org/barred-from-work/",
        ),
        (
            "Version 3 at arxiv.org/abs/2402.07719v3.",
            "note note note pages",
            "http://arxiv.org/abs/2402.07719v3",
        ),
    ],
    ids=[
        "after-slash",
        "bracketed",
        "accessed-bracket",
        "accessed-word",
        "closed-address",
        "accessed-date",
        "spaced-by-a-pdf",
        "spaced-host-then-a-word",
        "named-host-then-a-word",
        "no-dot-in-the-host",
        "bracket-after-a-scheme",
        "spaced-address-read-as-a-title",
        "address-read-as-a-note",
        "a-name-after-an-address",
        "an-author-after-a-bracketed-address",
        "an-address-without-its-scheme",
    ],
)
def test_the_rest_of_an_address_is_mended_into_it(tokens: str, labels: str, url: str) -> None:
    words = tokens.split()
    mended = mend_addresses(words, labels.split())
    assert citation_of(spans_of(words, mended)).url == url
    assert mended[-1] == "url" or words[-1] not in url.replace("/", " ")


@pytest.mark.parametrize(
    ("pairs", "works"),
    [
        (("prose:We surveyed 120 members.",), 0),
        (("author:Clinks", "date:(2016);", "author:NCVO", "date:(2016)."), 2),
        (
            (
                "prose:See",
                "author:Maruna, S.",
                "date:(2001)",
                "title:Making Good.",
                "prose:See also",
                "title:Criminal Justice Act 2003,",
                "pages:s 142.",
            ),
            2,
        ),
        (
            (
                "author:Smith, J.",
                "date:(2010)",
                "title:Chapter.",
                "editor:In Jones, K. (ed.)",
                "title:The Book.",
                "publisher:Policy Press.",
            ),
            1,
        ),
        (("title:A report", "url:http://a.org/x", "note:and", "url:http://b.org/y"), 2),
        (("author:Clinks",), 0),
        (
            (
                "citation-number:14.",
                "author:Reinermann, H.:",
                "title:Der Sektor.",
                "journal:In: Verwaltung und Management.",
                "citation-number:10.",
                "volume:Jg. (2004),",
                "url:http://www.dhv-speyer.de/cisco.pdf",
            ),
            1,
        ),
        (
            (
                "author:RAMADIER Thierry,",
                "title:« L’interdisciplinarité au service de la complexité »,",
                "journal:Articulo - Journal of Urban Research,",
                "date:2011,",
                "title:en ligne :",
                "url:http://articulo.revues.org/1731",
            ),
            1,
        ),
    ],
    ids=[
        "prose",
        "second-author",
        "prose-between",
        "chapter-title-after-editor",
        "second-address",
        "author-alone",
        "citation-number-inside-a-work",
        "lead-in-before-an-address",
    ],
)
def test_works_are_split_by_their_labels(pairs: tuple[str, ...], works: int) -> None:
    assert len(split_works(spans(*pairs))) == works


@pytest.mark.parametrize(
    ("citation", "kind", "present", "absent"),
    [
        (
            Citation(
                EntryType.INCOLLECTION,
                ("Smith, D.",),
                "2007",
                "Youth crime",
                container="Youth Crime and Justice",
            ),
            "inbook",
            {"booktitle"},
            {"editor"},
        ),
        (
            Citation(EntryType.ARTICLE, (), "2013", "Leader", container="The Guardian"),
            "misc",
            {"howpublished"},
            {"journaltitle"},
        ),
        (
            Citation(EntryType.REPORT, ("{Home Office}",), "1990", "Crime, Justice", number="Cm 965"),
            "report",
            {"institution", "type", "number"},
            set(),
        ),
        (
            Citation(
                EntryType.MISC,
                (),
                "2003",
                "Criminal Justice Act 2003",
                number="c. 44",
                kind="Act of Parliament",
            ),
            "misc",
            {"type", "howpublished"},
            {"number"},
        ),
    ],
    ids=["chapter-without-editors", "leader-without-author", "report-takes-its-author", "act"],
)
def test_entries_fit_the_datamodel(
    citation: Citation, kind: str, present: set[str], absent: set[str]
) -> None:
    entry_type, fields = entry_of(citation)
    assert entry_type == kind
    assert present <= set(fields)
    assert not absent & set(fields)


def first_work(note: str, labels: str) -> Citation:
    """The first work of a note split at white space, one label per token, through the label mends."""
    tokens, found = note.split(), labels.split()
    assert len(tokens) == len(found)
    return citation_of(split_works(spans_of(tokens, found))[0])


LAW_REPORT_CASES = {
    "after-a-neutral-citation": (
        "R (Osborn) v Parole Board [2013] UKSC 61, [2014] AC 1115",
        "title title title title title date number number date number number",
        "AC",
        "UKSC 61",
    ),
    "alone": (
        "M Reddington, 'Is the Parole Board a court?' [2016] PL 412.",
        "author author title title title title title title date number number",
        "PL",
        "",
    ),
    "neutral": ("R v Jogee [2016] UKSC 8", "title title title date number number", "", "UKSC 8"),
    "neutral-of-three-words": (
        "R v Smith [2017] EWCA Crim 123",
        "title title title date number number number",
        "",
        "EWCA Crim 123",
    ),
    "sheriff-court": (
        "PF Edinburgh v MacDonald [2020] SC EDIN 12.",
        "title title title title date number number number",
        "",
        "SC EDIN 12",
    ),
    "year-without-brackets": (
        "Home Office, Protecting the Public 2002, Cm 5668",
        "author author title title title date number number",
        "",
        "Cm 5668",
    ),
}


@pytest.mark.parametrize(
    ("note", "labels", "container", "number"), LAW_REPORT_CASES.values(), ids=LAW_REPORT_CASES.keys()
)
def test_a_law_report_read_as_a_number_is_its_series_and_page(
    note: str, labels: str, container: str, number: str
) -> None:
    """After a year in square brackets, '[2014] AC 1115' is a law report: 'AC' its series, 1115 its page;
    a neutral citation's court ('UKSC', 'EWCA', 'SC EDIN') stays the number, and so does any number
    after a year printed without brackets."""
    mended = mend_law_reports(note.split(), labels.split())
    citation = first_work(note, labels)
    assert (citation.container, citation.number) == (container, number)
    assert ("pages" in mended) == bool(container)


INSTRUCTION_CASES = {
    "order": (
        "Prison Service Order 4800: *Women Prisoners* (2008)",
        "Prison Service Order 4800",
        "Women Prisoners",
    ),
    "probation-instruction": (
        "Probation Instruction 05/2014: Risk of Serious Harm",
        "Probation Instruction 05/2014",
        "Risk of Serious Harm",
    ),
    "acronym-in-brackets": (
        "Prison Service Instruction (PSI) 08/2012 Care of Young People",
        "Prison Service Instruction (PSI) 08/2012",
        "Care of Young People",
    ),
    "psi": ("PSI 49/2011 Prisoner Communication Services", "PSI 49/2011", "Prisoner Communication Services"),
    "name-alone-stays": ("Prison Service Order 4800", "", "Prison Service Order 4800"),
    "not-a-name": (
        "Prison Service Orders and the 2008 review",
        "",
        "Prison Service Orders and the 2008 review",
    ),
}


@pytest.mark.parametrize(
    ("note", "number", "title"), INSTRUCTION_CASES.values(), ids=INSTRUCTION_CASES.keys()
)
def test_an_instructions_name_that_opens_a_title_is_its_number(note: str, number: str, title: str) -> None:
    """As the notes are labelled (training/README.md): an instruction written out is its number, and
    the title is what follows; a title that is the name alone is left as the model read it."""
    tokens = note.split()
    labels = ["title"] * len(tokens)
    if note.endswith("(2008)"):
        labels[-1] = "date"
    citation = citation_of(split_works(spans_of(tokens, labels))[0])
    assert (citation.number, citation.title) == (number, title)
    assert mend_instructions(tokens, ["prose"] * len(tokens)) == ["prose"] * len(tokens)


INSTRUCTION_LABEL_CASES = {
    "read-into-body-and-title": (
        "HMPPS, PI 09/2015, *Pre-Release and Resettlement Planning*, para 4.2.",
        "author author title title title title title pages pages",
        ("{HMPPS}",),
        "PI 09/2015",
        "Pre-Release and Resettlement Planning",
    ),
    "body-read-into-number": (
        "NOMS PSI 37/2010 *Release on Temporary Licence*",
        "number number number title title title title",
        ("{NOMS}",),
        "PSI 37/2010",
        "Release on Temporary Licence",
    ),
    "split-by-the-body": (
        "Youth Justice Board Placement Circular 1/2013: *Placing Young People*",
        "author author author author number number title title title",
        ("{Youth Justice Board}",),
        "Placement Circular 1/2013",
        "Placing Young People",
    ),
    "issuing-body-stays-author": (
        "Home Office Circular 30/2005, *Conditional Cautioning*",
        "author author number number title title",
        ("{Home Office}",),
        "Circular 30/2005",
        "Conditional Cautioning",
    ),
    "two-instructions": (
        "PSI 18/2016, PI 17/2016 *The Care and Management of Transgender Offenders*",
        "number number number number title title title title title title title",
        (),
        "PSI 18/2016, PI 17/2016",
        "The Care and Management of Transgender Offenders",
    ),
    "inside-a-title": (
        "HMIP, A review of PSI 64/2011 on safer custody, 2015",
        "author title title title title title title title title date",
        ("{HMIP}",),
        "",
        "A review of PSI 64/2011 on safer custody",
    ),
}


@pytest.mark.parametrize(
    ("note", "labels", "authors", "number", "title"),
    INSTRUCTION_LABEL_CASES.values(),
    ids=INSTRUCTION_LABEL_CASES.keys(),
)
def test_an_instructions_name_the_model_split_is_the_number(
    note: str, labels: str, authors: tuple[str, ...], number: str, title: str
) -> None:
    """Wherever the model split an instruction's name between the body, the number and the title, the
    name is the number, a body read into the number is the author, and the body that issued a circular
    ('Home Office') stays the author; a name inside a title is the title's."""
    citation = first_work(note, labels)
    assert (citation.authors, citation.number, citation.title) == (authors, number, title)


SESSION_CASES = {
    "commons-paper": (
        "Justice Committee, *Prison Governance* (HC 2017–19, 1869) para 45.",
        "author author title title number date date pages pages",
        "HC 1869",
        "2017",
    ),
    "lords-paper": (
        "Justice and Home Affairs Committee, *Cutting Crime* (HL Paper 2023–24, 10)",
        "author author author author author title title number number date date",
        "HL Paper 10",
        "2023",
    ),
    "house-printed-on": (
        "Justice Committee, *Women offenders*, Sixth Report of Session 2010-12, HC519-I, 2011",
        "author author title title genre genre genre genre date date date",
        "HC519-I",
        "2010",
    ),
    "no-house-before": (
        "Ministry of Justice, Annual Report 2017–18, 2019",
        "author author author title title date date",
        "",
        "2017",
    ),
}


@pytest.mark.parametrize(
    ("note", "labels", "number", "year"), SESSION_CASES.values(), ids=SESSION_CASES.keys()
)
def test_a_papers_number_read_into_its_session_is_its_number(
    note: str, labels: str, number: str, year: str
) -> None:
    """'(HC 2017–19, 1869)': a four-digit paper number after the session looks like a year; after a
    house, or with the house printed on it, it is the paper's number, and the session stays the date.
    A year after a session with no house before it ('Annual Report 2017–18, 2019') stays a date."""
    mended = mend_sessions(note.split(), labels.split())
    citation = first_work(note, labels)
    assert (citation.number, citation.year) == (number, year)
    assert mended.count("number") == labels.split().count("number") + bool(number)


def test_a_written_evidence_reference_is_a_number_whatever_the_model_said() -> None:
    tokens = ["Clinks", "(FPS0044),", "DRU", "0154", "[2004]", "1", "WLR", "2093"]
    found = ["author", "prose", "title", "title", "date", "volume", "journal", "pages"]
    assert mend_evidence_references(tokens, found) == ["author", "number", *found[2:]]


@pytest.mark.parametrize("number", ["(ref. DAB0033),", "evidence ref. TRG0211", "Reference: WCJ0009"])
def test_the_words_before_a_written_evidence_code_are_not_its_number(number: str) -> None:
    citation = citation_of(spans("author:Victim Support,", "genre:written evidence", f"number:{number}"))
    assert citation.number == re.search(r"[A-Z]{3}\d{4}", number).group(0)  # type: ignore[union-attr]


def test_a_name_after_an_address_takes_the_label_of_what_follows() -> None:
    tokens = ["<http://h.org/x/>", "Howard", "League", "(2013)"]
    assert mend_addresses(tokens, ["url", "url", "author", "date"]) == ["url", "author", "author", "date"]
    assert mend_addresses(tokens[:2], ["url", "url"]) == ["url", "note"]


@pytest.mark.parametrize(
    ("pairs", "editors", "edition", "container"),
    [
        (
            ("container-title:in *The Oxford Handbook of Criminology*,", "editor:6th ed., ed. A. Liebling"),
            ("Liebling, A.",),
            "6",
            "The Oxford Handbook of Criminology",
        ),
        (
            (
                "container-title:in Prison Healthcare: A Practitioner's",
                "editor:Guide, 3rd ed., A. Dunmore, Ed.",
            ),
            ("Dunmore, A.",),
            "3",
            "Prison Healthcare: A Practitioner's Guide",
        ),
        (("editor:ed. R. Bellamy, trans. R. Davies.",), ("Bellamy, R.",), "", ""),
        (("editor:2nd edn, B Williams and H Goodman eds,",), ("Williams, B", "Goodman, H"), "2", ""),
    ],
    ids=["edition-before-ed", "container-edition-editor", "translator-after-editor", "edition-then-eds"],
)
def test_an_edition_or_translator_among_the_editors_is_not_an_editor(
    pairs: tuple[str, ...], editors: tuple[str, ...], edition: str, container: str
) -> None:
    citation = citation_of(spans("author:Harte, I.", "title:“Women and punishment,”", *pairs))
    assert (citation.editors, citation.edition, citation.container) == (editors, edition, container)


@pytest.mark.parametrize(
    ("tokens", "labels", "doi", "url"),
    [
        (
            "https://doi.org/10.1787/4c8e2f19-en https://www.oecd.org/en/x.html",
            "url url",
            "10.1787/4c8e2f19-en",
            "https://www.oecd.org/en/x.html",
        ),
        ("https://doi.org/10.1177/ 0261018310385438", "url url", "10.1177/0261018310385438", ""),
        ("http://dx.doi.org/0.1002/cmdc.200700121", "url", "", "http://dx.doi.org/0.1002/cmdc.200700121"),
    ],
    ids=["doi-then-its-page", "doi-broken-over-a-line", "not-a-doi"],
)
def test_a_doi_address_read_as_an_address_is_the_doi_up_to_the_next_address(
    tokens: str, labels: str, doi: str, url: str
) -> None:
    found = citation_of([Span("title", "A report."), *spans_of(tokens.split(), labels.split())])
    assert (found.doi, found.url) == (doi, url)


def test_an_address_after_a_doi_stays_in_the_work() -> None:
    labels = ["author", "title", "url", "note", "url"]
    tokens = [
        "Clarke,",
        "Data.",
        "https://doi.org/10.5255/UKDA-SN-856213.",
        "Files:",
        "https://reshare.ac.uk/85/",
    ]
    (work,) = split_works(spans_of(tokens, labels))
    assert citation_of(work).url == "https://reshare.ac.uk/85/"
