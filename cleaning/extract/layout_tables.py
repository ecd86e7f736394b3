"""Unwrap tables used for page layout, so the extractor sees article paragraphs, not one table row.

Older Chinese news templates (China Daily before 2017, many government portals) lay out the
whole page as a table; trafilatura then renders the article as a single table cell with the
title and byline glued to it. A data table holds short values; a layout table holds blocks.
"""

from __future__ import annotations

from lxml import html as lxml_html

TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")
BLOCKS_IN_A_CELL = ".//div | .//table | .//ul | .//ol | .//h1 | .//h2 | .//h3"
LONG_CELL_CHARS = 300


def _cells(table):
    return table.xpath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th")


def is_layout_table(table) -> bool:
    for cell in _cells(table):
        if cell.xpath(BLOCKS_IN_A_CELL) or len(cell.xpath(".//p")) > 1:
            return True
        if len(cell.text_content()) > LONG_CELL_CHARS:
            return True
    return False


def unwrap_layout_tables(tree) -> int:
    """Turn layout tables into plain divs in place; returns how many were unwrapped."""
    unwrapped = 0
    for table in list(tree.iter("table")):
        if table.tag != "table" or not is_layout_table(table):
            continue
        parts = [table] + [el for el in table.xpath("./tbody | ./thead | ./tfoot | ./tr | ./*/tr | ./tr/* | ./*/tr/*")
                           if el.tag in TABLE_PARTS]
        for element in parts:
            element.tag = "div"
            for attribute in ("width", "cellspacing", "cellpadding", "border", "align", "valign"):
                element.attrib.pop(attribute, None)
        unwrapped += 1
    return unwrapped


def parse_html(markup: str):
    return lxml_html.document_fromstring(markup)
