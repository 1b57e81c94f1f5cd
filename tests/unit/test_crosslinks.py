from dataclasses import replace

from evidence_library.evidence.crosslinks import related_responses, response_keys
from evidence_library.model import Bibliography, CitedBy, Work
from tests.unit.test_library import page


def test_related_by_shared_works_before_shared_themes() -> None:
    a = replace(page("a", "2012-03", "Text."), themes=("women",))
    b = replace(page("b", "2013-03", "Text."), themes=("women",))
    c = replace(page("c", "2014-03", "Text."), themes=())
    cited = (CitedBy("a", "A", "2012-03", 1, ""), CitedBy("c", "C", "2014-03", 2, ""))
    bibliography = Bibliography((Work("k", "report", (), cited),), {})
    related = related_responses([a, b, c], bibliography)
    assert [(r.slug, r.shared_works, r.shared_themes) for r in related["a"]] == [("c", 1, 0), ("b", 0, 1)]
    assert [r.slug for r in related["b"]] == ["a"]


def test_response_keys_are_unique() -> None:
    first, second = page("a", "2012-03", "Text."), page("b", "2012-03", "Text.")
    assert response_keys([first, second]) == {"a": "example2012test", "b": "example2012testa"}
