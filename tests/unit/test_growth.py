"""The growth harness: its drawn inputs, its fitted slopes, its table."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from evidence_devtools.growth import SHAPES, Row, Shape, draw, measure_shape, refusals, slope, table

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("power", "expected"),
    [
        pytest.param(1, 1.0, id="linear"),
        pytest.param(2, 2.0, id="quadratic"),
        pytest.param(0, 0.0, id="flat"),
    ],
)
def test_slope_of_a_power_law(power: int, expected: float) -> None:
    points = [(size, 1e-3 * size**power) for size in (100, 1_000, 10_000)]
    assert slope(points) == pytest.approx(expected)


def test_slope_needs_two_points() -> None:
    assert math.isnan(slope([(10, 1.0)]))


def test_verdicts() -> None:
    assert Row("s", "t", (1.0,), 1.1, 10).verdict == "n log n or better"
    assert Row("s", "t", (1.0,), 1.9, 10).verdict == "superlinear"


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_shapes_are_drawn_the_same_each_time_and_grow_with_the_factor(shape: Shape) -> None:
    units = draw(shape.units)
    assert units == draw(shape.units)
    small, large = shape.assemble(units, shape.base), shape.assemble(units, shape.base * 10)
    assert len(large) > 5 * len(small)


def test_a_shape_measured_at_two_small_sizes() -> None:
    rows = measure_shape(SHAPES[0], ROOT, (1, 2), repeats=1, budget=60)
    stages = ["read", "clean", "notes", "citations", "positions", "render", "markdown"]
    assert [r.stage for r in rows] == stages
    assert all(len(r.times) == 2 and all(t is not None for t in r.times) for r in rows)
    text = table(rows, (1, 2))
    assert text.splitlines()[0].startswith("| shape | stage | t(1×), ms | t(2×), ms | 2×, KB | slope |")
    assert text.splitlines()[0].endswith("| verdict | refused by our limits |")
    assert len(text.splitlines()) == 2 + len(rows)


def test_refusals_name_the_limit_a_size_passes() -> None:
    table_shape = next(s for s in SHAPES if s.name == "huge table")
    units = draw(table_shape.units)
    assert refusals(table_shape.assemble(units, table_shape.base)) == ()
    assert refusals(table_shape.assemble(units, table_shape.base * 100)) == ("limits.markup-work",)
