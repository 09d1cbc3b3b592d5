"""fangtan (访谈): typed, source-grounded data from Chinese government interviews, press conferences,
work reports and news.

>>> import fangtan
>>> doc = fangtan.parse("全镇规模以上工业总产值完成4.8亿元，同比增长40%。")
>>> m = doc.metrics[0]
>>> m.name, str(m.value), m.unit, str(m.base_value), m.growth.direction.value, str(m.growth.rate)
('规模以上工业总产值', '4.8', '亿元', '480000000', 'up', '40')
"""
from __future__ import annotations

from .api import Parser, parse, parse_bytes, parse_file, to_json
from .lexicon import Lexicon
from .tables import Parsed, parse_folder, parse_many, to_records
from .models import (
    Answer, Boilerplate, CountedList, Direction, Document, Enumeration, EnumItem, Gap, Growth, ListItem, Metric,
    ParseWarning, PartyBuilding, Span, Speaker, Topic, Turn,
)

__version__ = "0.1.0"

__all__ = [
    "parse", "parse_bytes", "parse_file", "to_json", "Parser", "Lexicon", "Document", "Metric", "Growth", "Direction", "Span",
    "Turn", "Answer", "Speaker", "Topic", "Enumeration", "EnumItem", "CountedList", "ListItem", "PartyBuilding",
    "Gap", "Boilerplate", "ParseWarning", "__version__",
    "to_records", "parse_many", "parse_folder", "Parsed",
]
