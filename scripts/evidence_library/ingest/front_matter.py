"""Front matter through python-frontmatter, with a YAML handler that keeps our protections.

A source's front matter is contributor text, so the handler reads it with a
safe loader that also refuses anchors and aliases (``&`` and ``*``, the stuff
of "billion laughs" bombs), refuses tags (the safe loader knows none beyond
YAML's own), stops at `MAX_YAML_NODES` values, and leaves dates as text so that
'2020-02-30' is our error to explain. It writes with a safe dumper that never
emits aliases, keeps the keys in the order given, and never folds a line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from evidence_library.diagnostics import Diagnostic, Location, Severity, UserError

MAX_YAML_NODES = 500

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: faster, same result
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class TextDatesLoader(SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader that leaves dates as text, so that '2020-02-30' is our error to explain."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class NoAliasDumper(SafeDumper):  # type: ignore[misc,valid-type]
    """A safe dumper that writes a value twice rather than an anchor and an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def front_matter_error(path: str, line: int, message: str, hint: str) -> UserError:
    return UserError(Diagnostic("front-matter.syntax", Severity.ERROR, Location(path, line), message, hint))


def _count_nodes(node: yaml.Node, seen: set[int]) -> None:
    if id(node) in seen:
        raise ValueError("YAML anchors and aliases (& and *) are not allowed here")
    seen.add(id(node))
    if len(seen) > MAX_YAML_NODES:
        raise ValueError(f"the front matter has more than {MAX_YAML_NODES} values")
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        _count_nodes(child, seen)


def load_front_matter(yaml_text: str, path: str) -> tuple[dict[str, object], dict[str, int]]:
    """Parse YAML safely: no tags, no aliases; return the mapping and each key's line in the file.

    `yaml_text` is what stands between the fences; its first line is line 2 of the file."""
    loader = TextDatesLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        _count_nodes(node, set())
        if not isinstance(node, yaml.MappingNode):
            raise ValueError("the front matter must be 'key: value' lines")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark  # where the broken construct began
        line = mark.line + 2 if mark else 1
        raise front_matter_error(
            path,
            line,
            f"the front matter is not valid YAML: {error.problem or error.context}",
            "quote values that contain ':' or '#', e.g. title: \"A: B\"",
        ) from None
    except (yaml.YAMLError, ValueError) as error:
        raise front_matter_error(path, 2, str(error), "write plain 'key: value' lines") from None
    finally:
        loader.dispose()
    key_lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
    return {str(k): v for k, v in data.items()}, key_lines


class SafeYAMLHandler(YAMLHandler):  # type: ignore[misc]
    """python-frontmatter's YAML handler, split on a '---' line, loading and dumping safely."""

    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "---"

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.path = path  # named in the errors

    def split(self, text: str) -> tuple[str, str]:
        """(the YAML between the fences, the text after the closing fence's line end).

        Unlike python-frontmatter's own split, nothing is stripped, so that lines keep their numbers."""
        parts = self.FM_BOUNDARY.split(text, 2)
        if len(parts) < 3 or parts[0]:
            raise ValueError("the front matter is not between two '---' lines")
        _, between, after = parts
        return between.removeprefix("\n"), after.removeprefix("\n")

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        return load_front_matter(fm, self.path)[0]

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        dumped: str = yaml.dump(
            metadata, Dumper=NoAliasDumper, sort_keys=False, allow_unicode=True, width=10_000
        )
        return dumped.rstrip("\n")


def dump_front_matter(fields: dict[str, object]) -> str:
    """Fields -> '---\\n<YAML>\\n---\\n', keys in the order given."""
    handler = SafeYAMLHandler()
    return f"{handler.START_DELIMITER}\n{handler.export(fields)}\n{handler.END_DELIMITER}\n"
