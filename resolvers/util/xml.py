"""`$util.xml.*`: XML documents as maps (for HTTP data sources returning XML)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from resolvers.util.core import to_json

__all__ = ["XmlUtil", "xml_to_map"]


def _element_value(element: ElementTree.Element) -> Any:
    children = list(element)
    if not children and not element.attrib:
        return element.text or ""
    value: dict[str, Any] = {}
    for name, attribute in element.attrib.items():
        value[name] = attribute
    for child in children:
        child_value = _element_value(child)
        if child.tag in value:
            existing = value[child.tag]
            if not isinstance(existing, list):
                value[child.tag] = existing = [existing]
            existing.append(child_value)
        else:
            value[child.tag] = child_value
    text = (element.text or "").strip()
    if text:
        value["content"] = text
    return value


def xml_to_map(document: str) -> dict[str, Any]:
    """`<a><b>1</b><b>2</b></a>` -> `{"a": {"b": ["1", "2"]}}`; attributes become keys.

    :raises ValueError: `document` is not well-formed XML.
    """
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as err:
        raise ValueError(f"not well-formed XML: {err}") from err
    return {root.tag: _element_value(root)}


class XmlUtil:
    """`$util.xml`."""

    vtl_name = "$util.xml"

    def toMap(self, document: str) -> dict[str, Any]:
        return xml_to_map(document)

    def toJsonString(self, document: str) -> str:
        return to_json(xml_to_map(document))
