"""The positions and consulting-body listings count in plain words that never contradict."""

from __future__ import annotations

from dataclasses import replace

from evidence_library.model import Position
from evidence_library.publish.listing_pages import render_bodies, render_positions
from evidence_library.publish.markup import counted
from tests.unit.test_explore_pages import NEW, OLD, VOCABULARY, response


def test_counts_are_words_never_parenthesised_plurals() -> None:
    assert [counted(0, "response"), counted(1, "response"), counted(2, "response")] == [
        "0 responses",
        "1 response",
        "2 responses",
    ]
    assert counted(1_200, "consulting body") == "1,200 consulting bodies"


def test_the_positions_index_says_how_many_recommendations_from_how_many_responses() -> None:
    untagged = response("untagged", "2014-01", (), (Position("We ask for data.", "position-1", 1),))
    old_with_theme = replace(OLD, themes=("women",))
    files = render_positions((NEW, old_with_theme, untagged), VOCABULARY)
    index = files["index.md"]
    assert "- [Women](women.md): 2 recommendations from 2 responses; 1 response on this theme" in index
    assert "- [Prisons](prisons.md): 1 recommendation from 1 response\n" in index
    # recommendations on no theme: no response count that could read as a contradiction
    assert "- [Recommendations on no listed theme](other.md): 1 recommendation from 1 response" in index
    assert "(s)" not in "".join(files.values())
    assert "theme: Women" in files["women.md"]
    assert "Every recommendation on none of the themes, oldest first: 1 in all." in files["other.md"]


def test_a_theme_with_responses_but_no_recommendation_says_so() -> None:
    quiet = replace(OLD, themes=("prisons",), positions=())
    index = render_positions((quiet,), VOCABULARY)["index.md"]
    assert "- [Prisons](prisons.md): no recommendation yet; 1 response on this theme" in index


def test_bodies_count_their_responses_in_words() -> None:
    index = render_bodies((NEW, OLD))["index.md"]
    assert "- [Test Body](test-body.md): 2 responses" in index
    assert "(s)" not in index
