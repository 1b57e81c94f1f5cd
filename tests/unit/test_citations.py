import pytest

from evidence_library.citations import is_ibid, resolve_back_references
from evidence_library.model import Note


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
