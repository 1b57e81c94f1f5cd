"""Text boxes in a Word document, moved out of the paragraph that anchors them, for pandoc.

Word keeps a text box (a sidebar, a pull quote, key facts) inside a run of
the paragraph it is anchored to. Pandoc's Word reader reads the box's
paragraphs but drops the rest of that paragraph, notes and all. So before
pandoc sees the file, each such run is taken out of its paragraph and the
box's paragraphs are put after it: the box whole, as its own blocks, after
the text beside which it stands. A box written twice (the DrawingML choice
and its VML fallback) is read once.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from xml.etree import ElementTree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
BOX = f"{{{W}}}txbxContent"
PARAGRAPH = f"{{{W}}}p"
RUN = f"{{{W}}}r"
CHOICE = f"{{{MC}}}Choice"
NAMESPACE = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)="([^"]+)"')
DOCUMENT = "word/document.xml"


def _box_paragraphs(run: ElementTree.Element) -> list[ElementTree.Element]:
    """The paragraphs of the text box a run holds, from its DrawingML choice when it has one."""
    choices = [box for choice in run.iter(CHOICE) for box in choice.iter(BOX)]
    boxes = choices[:1] or list(run.iter(BOX))[:1]
    return [copy.deepcopy(p) for box in boxes for p in box.findall(PARAGRAPH)]


def _lift(parent: ElementTree.Element) -> bool:
    """Move the boxes of `parent`'s paragraphs after them; True if any moved."""
    moved = False
    for index in range(len(parent) - 1, -1, -1):
        child = parent[index]
        if child.tag != PARAGRAPH:
            moved = _lift(child) or moved
            continue
        lifted: list[ElementTree.Element] = []
        for run in [r for r in child.iter(RUN) if any(True for _ in r.iter(BOX))]:
            lifted += _box_paragraphs(run)
            for holder in child.iter():
                if run in list(holder):
                    holder.remove(run)
                    break
        for offset, paragraph in enumerate(lifted, start=1):
            parent.insert(index + offset, paragraph)
        moved = moved or bool(lifted)
    return moved


def lift_text_boxes(document_xml: bytes) -> bytes | None:
    """document.xml with its text boxes after their paragraphs; None if it has none."""
    if b"txbxContent" not in document_xml or b"<!DOCTYPE" in document_xml:
        return None
    for prefix, uri in NAMESPACE.findall(document_xml):  # keep the prefixes pandoc looks for
        ElementTree.register_namespace(prefix.decode(), uri.decode())
    try:
        root = ElementTree.fromstring(document_xml)
    except ElementTree.ParseError:
        return None  # pandoc will say what is wrong with it
    if not _lift(root):
        return None
    return bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True))


def with_boxes_lifted(raw: bytes, archive: zipfile.ZipFile) -> bytes:
    """The package with document.xml's text boxes lifted, or `raw` itself if there are none."""
    lifted = lift_text_boxes(archive.read(DOCUMENT))
    if lifted is None:
        return raw
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy_of:
        for info in archive.infolist():
            copy_of.writestr(info.filename, lifted if info.filename == DOCUMENT else archive.read(info))
    return buffer.getvalue()
