"""An author or editor span -> names: people as 'Family, Given', organisations whole.

Handles the shapes the training data shows: 'Maruna, S. and LeBel, T.',
'Romero, C., Paunesku, D., & Dweck, C.', 'Younan PM, Polacino P' (Vancouver),
'H. Fischer, G. Chen', 'Lee, L. L., W. E. Howard, and R. E. Marsh', 'de la
Macorra JC', '—' (the same authors again), 'et al.', and organisations
('Ministry of Justice', 'HM Inspectorate of Probation and HM Inspectorate of
Prisons'), which are kept whole and marked with braces as BibTeX does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence_library.evidence.bodies import normal_name
from evidence_library.evidence.references.features import lexicon

ET_AL = re.compile(r",?\s*\bet\.?\s*(?:al|coll)\b\.?|,?\s*\b(?:and|&)\s+others\b", re.IGNORECASE)
ROLE = re.compile(
    r"^\s*(?:in:?\s+|edited\s+by\s+|eds?\.\s+|by\s+|trans(?:lated)?\.?\s+(?:by\s+)?)|"
    r"\s*[(\[]?\b(?:eds?|editors?|hrsg|dir|trans|comp|coord)\b\.?[)\]]?[.,:;]*\s*$",
    re.IGNORECASE,
)
INITIAL = re.compile(r"^(?:[A-Z]\.?-?){1,4}\.?$|^(?:[A-Z][a-z]?\.){1,3}$")
PARTICLES = {"de", "la", "le", "van", "von", "der", "den", "du", "di", "da", "del", "dos", "ten", "ter", "st"}
TITLES = {
    "lord",
    "lady",
    "baroness",
    "baron",
    "dame",
    "sir",
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "rt",
    "hon",
}
SEPARATORS = re.compile(r"\s*;\s*|\s*,?\s+(?:and|et|und)\s+|\s*,?\s*&\s*")  # French, German "and"
PEER = re.compile(r"^(?:the\s+)?(?:lord|lady|baroness|baron|viscount|earl)\s+\S+\s+of\s+\S+", re.IGNORECASE)
REPEATED = re.compile(r"^[-—–_]{2,}\.?,?$")


@dataclass(frozen=True)
class Names:
    names: tuple[str, ...]  # 'Family, Given' or '{Organisation}'
    others: bool = False  # et al.
    repeated: bool = False  # '—': the same authors as the previous work


NOT_A_NAME = re.compile(r"\s*[(\[](?:forthcoming|in press|n\.\s?d\.?|no date)[)\]]", re.IGNORECASE)
ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s,.])[A-Z]\.$")
COMMA_PERSON = re.compile(r"^[^,]+,\s*(?:[A-Z]\.?\s*-?){1,3}(?:,|;|$|\s+and\b|\s*&)")


def clean(text: str) -> str:
    """Without roles ("In", "(eds)"), quotes and the punctuation around a span; an initial keeps its stop."""
    text = ROLE.sub("", ROLE.sub("", text))  # "In J. Smith (ed.)": both ends
    text = NOT_A_NAME.sub("", text)  # "Schneider (forthcoming)": the date's, not the name's
    text = text.strip(" \t,;:*“”\"'‘’")
    for opening, closing in (("(", ")"), ("[", "]")):
        if text.endswith(closing) and text.count(opening) < text.count(closing):
            text = text[:-1]
        if text.startswith(opening) and text.count(opening) > text.count(closing):
            text = text[1:]
    text = text.strip(" \t,;:")
    while text.endswith(".") and not ENDS_WITH_INITIAL.search(text):
        text = text[:-1].rstrip()
    return text


BRACKETED_ACRONYM = re.compile(r"\s\([A-Z][A-Z0-9&]+\)[.,;:]*$")  # 'Transition to Adulthood (T2A)'
BRACKETED_INITIALS = re.compile(r"^(.*?\S)\s*\(((?:[A-Z][a-z]?\.?\s*-?\s*){1,4})\)$")  # 'Monnier (J.)'


# Words that join the words of a body's name ('Office for National Statistics', 'United Nations Office on
# Drugs and Crime'), never a person's (a peer's 'of' is read apart), and words of bodies' names the
# lexicon's organisation class leaves out ('World Health Organization').
BODY_CONNECTIVE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:for|of|on|against)\s+[A-Z]")
BODY_WORDS = frozenset({"organization", "organisation", "nations", "union", "health", "statistics"})


def is_organisation(text: str, known: frozenset[str] = frozenset()) -> bool:
    words = re.findall(r"[A-Za-z']+", text)
    if not words:
        return False
    if normal_name(text) in known:
        return True
    if len(text.split()) > 1 and (BRACKETED_ACRONYM.search(text) or re.search(r"\b\d+\b", text)):
        return True  # a body with its acronym, 'BBC Radio 4': people's names have neither
    classes = lexicon()
    if any(classes.get(w.lower()) == "organisation" for w in words):
        return not COMMA_PERSON.match(text)  # "House, J." is a person
    if BODY_CONNECTIVE.search(text) and "," not in text and not any(INITIAL.match(w) for w in text.split()):
        return True  # 'Centers for Disease Control and Prevention': people's names join no words with 'for'
    if any(w.lower() in BODY_WORDS for w in words):
        return not COMMA_PERSON.match(text)
    return len(words) == 1 and words[0].isupper() and len(words[0]) > 1  # an acronym: NACRO, NOMS


def _whole_body(text: str) -> bool:
    """'Home Office', 'NOMS': a body's whole name. 'HM Prison' (of 'HM Prison and Probation Service') is not:
    one word besides 'HM' or 'the' names a kind of body, not a body."""
    words = [
        w
        for w in re.findall(r"[\w']+", text)
        if w.lower() not in ("hm", "her", "majesty's", "majestys", "the")
    ]
    return len(words) > 1 or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)


def _person(part: str) -> str:
    """One person as 'Family, Given'."""
    part = clean(part)
    if not part:
        return ""
    if found := BRACKETED_INITIALS.match(part):  # French style: 'Monnier (J.)'
        return f"{found.group(1)}, {found.group(2).strip()}"
    if "," in part:
        family, given = (p.strip() for p in part.split(",", 1))
        return f"{family}, {given}" if given else family
    words = [w for w in part.split() if w.lower().strip(".") not in TITLES] or part.split()
    if len(words) == 1:
        return words[0]
    cut = len(words)
    while cut > 0 and INITIAL.match(words[cut - 1]) and ("." in words[cut - 1] or len(words[cut - 1]) < 4):
        cut -= 1
    # "Younan PM", "de la Macorra JC", "DI LEONARDO M." (a family name in capitals, then initials)
    if 0 < cut < len(words) and all("." not in w and len(w) > 1 for w in words[:cut]):
        return f"{' '.join(words[:cut])}, {' '.join(words[cut:])}"
    if INITIAL.match(words[-1]) and not INITIAL.match(words[0]):
        family = " ".join(w for w in words if not INITIAL.match(w))
        return f"{family}, {' '.join(w for w in words if INITIAL.match(w))}"
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return f"{' '.join(words[start:])}, {' '.join(words[:start])}"


def _pair_commas(parts: list[str]) -> list[str]:
    """'Maruna', 'S.', 'LeBel', 'T.' -> 'Maruna, S.', 'LeBel, T.'; full names stay as they are."""
    people: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        nxt = parts[index + 1] if index + 1 < len(parts) else ""
        given_next = bool(nxt) and (all(INITIAL.match(w) for w in nxt.split()) or _is_given(nxt, index == 0))
        one_family = len([w for w in part.split() if w.lower() not in PARTICLES]) == 1
        initials_next = bool(nxt) and all(INITIAL.match(w) for w in nxt.split())
        # 'CASS, Victoria': a family name in capitals looks like initials, but a given name follows it
        capitals_family = (
            one_family and "." not in part and len(part) > 1 and (_is_full_given(nxt) or nxt.endswith("."))
        )
        if (not _has_initial(part) or capitals_family) and given_next and (one_family or initials_next):
            people.append(f"{part}, {nxt}")
            index += 2
        else:
            people.append(part)
            index += 1
    return people


def _is_full_given(part: str) -> bool:
    """'Victoria', 'Jean-Philippe', 'John R.': given names that start with a whole word."""
    words = part.split()
    return bool(words) and not INITIAL.match(words[0]) and words[0][:1].isupper() and words[0][1:2].islower()


def _has_initial(part: str) -> bool:
    return any(INITIAL.match(w) for w in part.split())


def _is_given(part: str, first: bool) -> bool:
    """'Nicholson B.', 'Elon' (and, after the first family name only, 'Johann Gottfried'): given names
    after a family name and a comma. Later in a list, two capitalised words are a whole name."""
    words = part.split()
    if not 0 < len(words) <= 3:
        return False
    if INITIAL.match(words[-1]) is not None:
        return True
    capitalised = all(
        w.lower() in PARTICLES or (w[:1].isupper() and (w[1:].islower() or INITIAL.match(w))) for w in words
    )
    return capitalised and (first or len(words) == 1)


def parse_names(text: str, known: frozenset[str] = frozenset()) -> Names:
    """An author or editor span -> names (see the module's docstring)."""
    others = bool(ET_AL.search(text))
    text = clean(ET_AL.sub("", text))
    if not text:
        return Names((), others)
    if REPEATED.match(text):
        return Names((), others, repeated=True)
    if PEER.match(text) or is_organisation(text, known):
        bodies = [b for b in SEPARATORS.split(text) if b.strip()]
        if len(bodies) > 1 and all(is_organisation(b, known) and _whole_body(b) for b in bodies):
            return Names(tuple("{" + clean(b) + "}" for b in bodies), others)
        return Names(("{" + text + "}",), others)
    people: list[str] = []
    for group in (g for g in SEPARATORS.split(text) if g.strip()):
        people += _pair_commas([p.strip() for p in group.split(",") if p.strip()])
    return Names(tuple(name for name in map(_person, people) if name), others)


def family_name(name: str) -> str:
    """'Maruna, S.' -> 'Maruna'; '{Ministry of Justice}' -> 'Ministry of Justice'."""
    return name.strip("{}").split(",")[0].strip()
