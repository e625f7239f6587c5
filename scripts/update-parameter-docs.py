"""Rewrites the parameter tables of docs/insights.md from the C++ declarations (sd.insights.parameters_markdown());
tests/python/test_theme_model.py fails while they differ. Run after changing a component's parameters."""
import pathlib
import sys

import servicedesign.insights as insights

page = pathlib.Path(__file__).resolve().parents[1] / "docs" / "insights.md"
text = page.read_text(encoding="utf-8")
begin, end = "<!-- parameters:begin -->\n", "<!-- parameters:end -->"
head, rest = text.split(begin, 1)
tail = rest.split(end, 1)[1]
page.write_text(head + begin + insights.parameters_markdown() + end + tail, encoding="utf-8")
sys.exit(0)
