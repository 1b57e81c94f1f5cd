"""Text boxes moved out of the paragraph that anchors them, before pandoc reads the file.

Word and OpenDocument keep a text box (a sidebar, a pull quote, key facts)
inside the paragraph it is anchored to. Pandoc's Word reader reads the box
but drops the rest of that paragraph, notes and all; its OpenDocument reader
drops the box. So each box is taken out of its paragraph and its paragraphs
are put after it: the box whole, as its own blocks, after the text beside
which it stands. A Word box written twice (the DrawingML choice and its VML
fallback) is read once.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
BOX = f"{{{W}}}txbxContent"
PARAGRAPH = f"{{{W}}}p"
RUN = f"{{{W}}}r"
CHOICE = f"{{{MC}}}Choice"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
ODF_BLOCKS = (f"{{{TEXT}}}p", f"{{{TEXT}}}h", f"{{{TEXT}}}list")
NAMESPACE = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)="([^"]+)"')
Taker = Callable[[ElementTree.Element], list[ElementTree.Element]]
DOCUMENT = "word/document.xml"
CONTENT = "content.xml"


def _box_paragraphs(run: ElementTree.Element) -> list[ElementTree.Element]:
    """The paragraphs of the text box a run holds, from its DrawingML choice when it has one."""
    choices = [box for choice in run.iter(CHOICE) for box in choice.iter(BOX)]
    boxes = choices[:1] or list(run.iter(BOX))[:1]
    return [copy.deepcopy(p) for box in boxes for p in box.findall(PARAGRAPH)]


def _word_boxes(paragraph: ElementTree.Element) -> list[ElementTree.Element]:
    """Take a Word paragraph's text-box runs out of it; return the boxes' paragraphs."""
    lifted: list[ElementTree.Element] = []
    for run in [r for r in paragraph.iter(RUN) if any(True for _ in r.iter(BOX))]:
        lifted += _box_paragraphs(run)
        _remove(paragraph, run)
    return lifted


def _odf_boxes(paragraph: ElementTree.Element) -> list[ElementTree.Element]:
    """Take an OpenDocument paragraph's drawings that hold text out of it; return their blocks."""
    lifted: list[ElementTree.Element] = []
    for shape in [e for e in paragraph.iter() if e.tag.startswith(f"{{{DRAW}}}") and _odf_text_of(e)]:
        if any(shape in list(other.iter()) for other in lifted):
            continue  # inside a shape already taken
        lifted += _odf_text_of(shape)
        _remove(paragraph, shape)
    return lifted


def _odf_text_of(shape: ElementTree.Element) -> list[ElementTree.Element]:
    """The outermost paragraphs, headings and lists inside a drawing."""
    found: list[ElementTree.Element] = []
    for child in shape:
        found += [child] if child.tag in ODF_BLOCKS else _odf_text_of(child)
    return found


def _remove(ancestor: ElementTree.Element, element: ElementTree.Element) -> None:
    """Remove `element`, keeping the text that follows it (its tail) where it stood."""
    for holder in ancestor.iter():
        children = list(holder)
        if element in children:
            index = children.index(element)
            tail = element.tail or ""
            if index > 0:
                children[index - 1].tail = (children[index - 1].tail or "") + tail
            else:
                holder.text = (holder.text or "") + tail
            holder.remove(element)
            return


def _lift(parent: ElementTree.Element, containers: tuple[str, ...], take: Taker) -> bool:
    """Move the boxes of `parent`'s paragraphs after them; True if any moved."""
    moved = False
    for index in range(len(parent) - 1, -1, -1):
        child = parent[index]
        if child.tag not in containers:
            moved = _lift(child, containers, take) or moved
            continue
        for offset, block in enumerate(take(child), start=1):
            parent.insert(index + offset, block)
            moved = True
    return moved


def lift_text_boxes(xml: bytes, kind: str = "docx") -> bytes | None:
    """document.xml or content.xml with text boxes after their paragraphs; None if it has none."""
    marker, containers, take = (
        (b"txbxContent", (PARAGRAPH,), _word_boxes)
        if kind == "docx"
        else (b"<draw:", ODF_BLOCKS[:2], _odf_boxes)
    )
    if marker not in xml or b"<!DOCTYPE" in xml:
        return None
    for prefix, uri in NAMESPACE.findall(xml):  # keep the prefixes pandoc looks for
        ElementTree.register_namespace(prefix.decode(), uri.decode())
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None  # pandoc will say what is wrong with it
    if not _lift(root, containers, take):
        return None
    return bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True))


def with_boxes_lifted(raw: bytes, archive: zipfile.ZipFile, kind: str) -> bytes:
    """The package with its text boxes lifted, or `raw` itself if there are none."""
    member = DOCUMENT if kind == "docx" else CONTENT
    lifted = lift_text_boxes(archive.read(member), kind)
    if lifted is None:
        return raw
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy_of:
        for info in archive.infolist():
            data = lifted if info.filename == member else archive.read(info)
            method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            copy_of.writestr(info.filename, data, compress_type=method)
    return buffer.getvalue()
