# ruff: noqa: E501  (notes are kept whole, one per line, as they are printed)
"""The plainest citation shape, "Org (Year) Title.", against the narrative citation it looks like.

In a reference the words after "(Year)" are the title, however much they read like a sentence ("Home
Office (2012) The Government's alcohol strategy."); in a narrative citation they are the writer's own
sentence ("Clinks (2019) found that ..."), which cites author and year only. The notes below were
written on 2026-12-07 apart from the training data (the shapes, not these notes, went into the brief
for `training/notes/uk-12-plain.xml`). The model may miss a few; these floors catch a model that has
lost the shape, as one trained on a round of hard notes alone once did.
"""

from __future__ import annotations

import re

import pytest

from evidence_devtools.citation_scores import normal
from evidence_library.evidence.references.parser import ReferenceParser
from evidence_library.evidence.references.tagger import shipped_tagger

PLAIN = [
    ("Revolving Doors Agency (2016) Comprehending the revolving door.", "Comprehending the revolving door"),
    ("Home Office (2012) The Government's alcohol strategy.", "The Government's alcohol strategy"),
    ("Women in Prison (2022) The state of the estate.", "The state of the estate"),
    ("St Giles Trust (2019) A review of peer advice in prisons.", "A review of peer advice in prisons"),
    ("Clinks (2019) The state of the sector.", "The state of the sector"),
    ("Nacro (2020) Lived experience.", "Lived experience"),
    ("Ministry of Justice (2018) Female offender strategy.", "Female offender strategy"),
    ("Prison Reform Trust (2017) Bromley briefings prison factfile.", "Bromley briefings prison factfile"),
    (
        "HM Inspectorate of Prisons (2021) What happens to prisoners in a pandemic?",
        "What happens to prisoners in a pandemic?",
    ),
    (
        "Sentencing Council (2020) Imposition of community and custodial sentences.",
        "Imposition of community and custodial sentences",
    ),
    (
        "Barrow Cadbury Trust (2015) Young adults in the criminal justice system.",
        "Young adults in the criminal justice system",
    ),
    (
        "Centre for Justice Innovation (2018) Better courts: a snapshot of domestic abuse courts.",
        "Better courts: a snapshot of domestic abuse courts",
    ),
    ("Youth Justice Board (2021) Strategic plan 2021–24.", "Strategic plan 2021–24"),
    (
        "National Audit Office (2019) Transforming rehabilitation: progress review.",
        "Transforming rehabilitation: progress review",
    ),
    (
        "Catch22 (2016) Gangs in prison: the nature and impact of gang involvement among prisoners.",
        "Gangs in prison: the nature and impact of gang involvement among prisoners",
    ),
    (
        "Howard League for Penal Reform (2016) Breaking point: understaffing and overcrowding in prisons.",
        "Breaking point: understaffing and overcrowding in prisons",
    ),
    (
        "The Children's Society (2019) Counting lives: responding to children who are criminally exploited.",
        "Counting lives: responding to children who are criminally exploited",
    ),
    (
        "User Voice (2017) Understanding prisoner views on rehabilitation.",
        "Understanding prisoner views on rehabilitation",
    ),
    (
        "Probation Institute (2018) Probation 2020: a new vision for probation services.",
        "Probation 2020: a new vision for probation services",
    ),
    (
        "Unlock (2018) A question of fairness: the impact of criminal records disclosure.",
        "A question of fairness: the impact of criminal records disclosure",
    ),
    ("Smith, J. (2014) Women and the criminal justice system.", "Women and the criminal justice system"),
    (
        "Corston, J. (2007) The Corston report: a review of women with particular vulnerabilities in the criminal justice system. London: Home Office.",
        "The Corston report: a review of women with particular vulnerabilities in the criminal justice system",
    ),
    (
        "Maruna, S. (2001) Making good: how ex-convicts reform and rebuild their lives. Washington, DC: American Psychological Association.",
        "Making good: how ex-convicts reform and rebuild their lives",
    ),
    (
        "HM Inspectorate of Probation (2017) The work of probation services in courts. Manchester: HMI Probation.",
        "The work of probation services in courts",
    ),
    (
        "Transform Justice (2016) Managing vulnerability: the criminal justice response. Available at: https://www.transformjustice.org.uk/managing-vulnerability [Accessed 4 May 2017].",
        "Managing vulnerability: the criminal justice response",
    ),
    ("Clinks (2014) Women's centres: a survival guide. London: Clinks.", "Women's centres: a survival guide"),
    (
        "Ministry of Justice (2013) Transforming rehabilitation: a strategy for reform.",
        "Transforming rehabilitation: a strategy for reform",
    ),
    ("Women's Breakout (2016) Annual review 2015–16.", "Annual review 2015–16"),
    ("Revolving Doors (2019) Rebalancing act.", "Rebalancing act"),
    (
        "Agenda (2019) Hidden hurt: violence, abuse and disadvantage in the lives of women.",
        "Hidden hurt: violence, abuse and disadvantage in the lives of women",
    ),
    (
        "Shelter (2018) Home and away: the rise in homeless families moved away from their local area.",
        "Home and away: the rise in homeless families moved away from their local area",
    ),
    (
        "Crest Advisory (2020) Forgotten children: children growing up with a parent in prison.",
        "Forgotten children: children growing up with a parent in prison",
    ),
    ("Institute for Government (2019) Performance tracker: prisons.", "Performance tracker: prisons"),
    (
        "Criminal Justice Joint Inspection (2017) An inspection of through the gate resettlement services for prisoners serving 12 months or more.",
        "An inspection of through the gate resettlement services for prisoners serving 12 months or more",
    ),
    (
        "Social Exclusion Unit (2002) Reducing re-offending by ex-prisoners.",
        "Reducing re-offending by ex-prisoners",
    ),
    (
        "Lammy, D. (2017) The Lammy review: an independent review into the treatment of, and outcomes for, Black, Asian and Minority Ethnic individuals in the criminal justice system.",
        "The Lammy review: an independent review into the treatment of, and outcomes for, Black, Asian and Minority Ethnic individuals in the criminal justice system",
    ),
    (
        "HM Prison and Probation Service (2019) The target operating model for probation services in England and Wales.",
        "The target operating model for probation services in England and Wales",
    ),
    (
        "Youth Justice Board (2017) Serious youth violence: a review of the evidence.",
        "Serious youth violence: a review of the evidence",
    ),
]
NARRATIVE = [
    "Clinks (2019) found that small charities were losing contracts.",
    "Maruna (2001) argues that desistance is a process, not an event.",
    "The Home Office (2012) estimated that alcohol-related crime cost £11 billion a year.",
    "As Nacro (2020) has shown, lived experience matters in recruitment.",
    "HM Inspectorate of Probation (2016) concluded that services for women had deteriorated.",
    "Corston (2007) recommended a network of women's centres.",
    "Women in Prison (2022) reported that most women's prisons were overcrowded.",
    "Prison Reform Trust (2019) notes that black women are over-represented.",
]


@pytest.fixture(scope="module")
def parser() -> ReferenceParser:
    return ReferenceParser(shipped_tagger().labels)


def test_plain_references_keep_their_titles(parser: ReferenceParser) -> None:
    missed = []
    for text, title in PLAIN:
        works = parser.works(text)
        year = re.search(r"\((\d{4})\)", text)
        if not (
            len(works) == 1
            and normal(works[0].title) == normal(title)
            and year
            and works[0].year == year.group(1)
        ):
            missed.append(text)
    assert len(missed) <= 2, missed  # at least 36 of 38


def test_narrative_citations_cite_author_and_year_only(parser: ReferenceParser) -> None:
    missed = [text for text in NARRATIVE if [bool(w.title) for w in parser.works(text)] != [False]]
    assert len(missed) <= 1, missed  # at least 7 of 8
