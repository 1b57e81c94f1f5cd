"""The MkDocs plugin under `serve`: what a rebuild regenerates and indexes for search."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from evidence_library import pipeline
from evidence_library.publish import plugin as plugin_module
from evidence_library.publish.plugin import EvidenceLibraryPlugin


class FakeIndexer:
    def close(self) -> None:
        pass


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Any, list[Path]]:
    generated: list[Path] = []
    monkeypatch.setattr(pipeline, "generate", lambda root, report: generated.append(root))
    monkeypatch.setattr(plugin_module, "SearchIndexer", FakeIndexer)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    return config, generated


@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
def test_a_first_build_under_serve_regenerates_and_indexes(
    served: tuple[Any, list[Path]], dirty: bool
) -> None:
    config, generated = served
    plugin = EvidenceLibraryPlugin()
    plugin.on_startup(command="serve", dirty=dirty)
    plugin.on_pre_build(config=config)
    assert generated == [Path(config.config_file_path).parent]
    assert isinstance(plugin.indexer, FakeIndexer)


@pytest.mark.parametrize(("dirty", "indexes"), [(False, True), (True, False)], ids=["clean", "dirty"])
def test_a_dirty_rebuild_keeps_the_first_builds_index(
    served: tuple[Any, list[Path]], dirty: bool, indexes: bool
) -> None:
    """A dirty rebuild converts only changed pages: an index of those alone would replace the whole."""
    config, generated = served
    (Path(config.site_dir) / "pagefind").mkdir(parents=True)
    plugin = EvidenceLibraryPlugin()
    plugin.on_startup(command="serve", dirty=dirty)
    plugin.on_pre_build(config=config)
    assert len(generated) == 1  # the pages are regenerated either way
    assert isinstance(plugin.indexer, FakeIndexer) is indexes


def test_a_bare_build_neither_regenerates_nor_indexes(served: tuple[Any, list[Path]]) -> None:
    config, generated = served
    plugin = EvidenceLibraryPlugin()
    plugin.on_startup(command="build", dirty=False)
    plugin.on_pre_build(config=config)
    assert generated == [] and plugin.indexer is None
