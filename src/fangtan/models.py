"""The typed output of :func:`fangtan.parse`.

Every model is a frozen pydantic v2 model with ``extra="forbid"``. Every extracted thing carries a
:class:`Span`: half-open code-point offsets ``[start, end)`` into the ORIGINAL text that was passed to
``parse`` (never into a cleaned copy), so ``text[span.start:span.end]`` is its evidence.

>>> s = Span(start=2, end=4)
>>> s.slice("0123456")
'23'
"""
from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """Half-open ``[start, end)`` code-point offsets into the original text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, text: str) -> str:
        """The evidence: ``text[start:end]``."""
        return text[self.start : self.end]


class Direction(str, Enum):
    up = "up"
    down = "down"
    flat = "flat"


GrowthUnit = Literal["%", "个百分点", "倍", "成"]
MetricStatus = Literal["actual", "target"]
GapKind = Literal["number", "year"]
EnumStyle = Literal["shi", "di", "cn_dun", "cn_paren", "arabic", "arabic_paren", "circled", "sequence"]
# which rule read a metric (Metric.rule): where its name was found relative to its number
MetricRule = Literal[
    "name_value",              # 地区生产总值256.3亿元: the name, then the value
    "value_then_noun",         # 发行660亿元绿色债券: the value, then what it is an amount of
    "count_then_noun",         # 建成12个文化站: a count, then what is counted
    "value_then_name",         # 以2万元为上限: the value, then the word that names it
    "value_distributive",      # A、B分别为x、y: each name with its value
    "value_list_shared_name",  # (名称)分别为x、y: values whose items are not named here, the shared name
    "same_name_value",         # 1.2万户、4.5万人: a second value of the same name
    "lost_value",              # 产值万元: the unit is there, the number was lost
    "index_value",             # 制造业PMI为50.2: an index or a score, a value with no unit
    "name_growth",             # 进出口总额下降3.4%: a name and its growth, no value
    "growth_distributive",     # A、B分别增长x%、y%: each name with its growth
    "same_indicator_growth",   # …，两年平均增长5%: the same indicator on another basis
    "rate_change",             # 增速回落1个百分点: a change of a growth rate, named 增速 or 降幅
    "rate_noun_growth",        # 平均增速只有5.1%: a growth named by its rate noun alone
]


class Growth(_Model):
    """A change: direction, rate in its unit, and the comparison basis as written."""

    direction: Direction
    rate: Decimal | None = None
    unit: GrowthUnit | None = None
    basis: str | None = None
    approx: str | None = None
    span: Span


class Metric(_Model):
    """One indicator with a value and/or a growth.

    ``value`` is the number as written in ``unit`` (exact); ``base_value`` is the same quantity in
    ``base_unit`` (元, 人, %, …), computed with exact decimal arithmetic.
    """

    name: str
    key: str | None = None
    scope: str | None = None
    place: str | None = None
    period: str | None = None
    verb: str | None = None
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str | None = None
    base_value: Decimal | None = None
    base_unit: str | None = None
    approx: str | None = None
    growth: Growth | None = None
    status: MetricStatus = "actual"
    speaker: str | None = None
    missing: list[Literal["value", "growth_rate"]] = Field(default_factory=list)
    rule: MetricRule
    span: Span
    name_span: Span
    value_span: Span | None = None


class EnumItem(_Model):
    ordinal: int
    marker: str
    heading: str
    text: str
    span: Span


class Enumeration(_Model):
    style: EnumStyle
    items: list[EnumItem]
    span: Span


class ListItem(_Model):
    text: str
    span: Span


class CountedList(_Model):
    """A count word with its noun (六项重点工作) and the items the text lists for it."""

    count: int
    label: str
    phrase: str
    items: list[ListItem] = Field(default_factory=list)
    is_tasks: bool = False
    span: Span


class Gap(_Model):
    """A place where the scraped text lost a number. ``value`` is only set when inferred."""

    kind: GapKind
    context: str
    inferred_value: int | None = None
    inferred_from: Span | None = None
    span: Span


class Topic(_Model):
    label: str
    triggers: list[str]


class Answer(_Model):
    speaker: str | None = None
    text: str
    span: Span


class Turn(_Model):
    question: str
    asker: str | None = None
    question_span: Span
    speakers: list[str] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    measures: list[EnumItem] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    span: Span

    @property
    def speaker(self) -> str | None:
        return self.speakers[0] if self.speakers else None


class Speaker(_Model):
    name: str
    title: str | None = None
    span: Span


class PartyBuilding(_Model):
    approach: list[str] = Field(default_factory=list)
    approach_span: Span | None = None
    measures: list[EnumItem] = Field(default_factory=list)
    systems: list[ListItem] = Field(default_factory=list)
    span: Span | None = None


class ParseWarning(_Model):
    code: str
    message: str
    span: Span | None = None


class Boilerplate(_Model):
    kind: Literal["furniture", "markup", "front_matter", "source_line", "annotation"]
    span: Span


class Document(_Model):
    """The parsed document. Lists are empty, never ``None``, when nothing was found."""

    schema_version: str = SCHEMA_VERSION
    fangtan_version: str = ""
    title: str | None = None
    title_span: Span | None = None
    subtitle: str | None = None
    source: str | None = None
    source_span: Span | None = None
    url: str | None = None
    date: str | None = None
    place: str | None = None
    kind: Literal["interview", "report", "news"] = "news"
    speakers: list[str] = Field(default_factory=list)
    speaker_details: list[Speaker] = Field(default_factory=list)
    turns: list[Turn] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    enumerations: list[Enumeration] = Field(default_factory=list)
    counted_lists: list[CountedList] = Field(default_factory=list)
    key_tasks: CountedList | None = None
    party_building: PartyBuilding = Field(default_factory=PartyBuilding)
    gaps: list[Gap] = Field(default_factory=list)
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    length: int = 0

    def to_html(self, text: str | None = None) -> str:
        """A self-contained HTML report; pass the parsed ``text`` to see it highlighted (see fangtan.report)."""
        from .report import to_html

        return to_html(self, text)

    def _repr_html_(self) -> str:
        from .report import summary_html

        return summary_html(self)


# --- trusted construction ---------------------------------------------------------------------------
# The stages build every model from values they computed themselves (offsets from the text, Decimals
# from fangtan.numbers, literals from the grammar). Validating those again costs more than finding
# them, so the stages construct through these builders, which skip validation. The tests check what
# validation would (tests/test_trusted.py: every output re-validates to an equal document, and the
# same parse with validation on gives the same JSON); FANGTAN_VALIDATE=1 makes the builders validate.
# Input from outside (model_validate, model_validate_json, a user's constructor call) is validated.
_M = TypeVar("_M", bound=BaseModel)
VALIDATE = os.environ.get("FANGTAN_VALIDATE", "").strip() not in ("", "0")
_new = object.__new__
_set = object.__setattr__
try:  # the slots every pydantic v2 model has; should a release change them, build the validated way
    _set_fields = BaseModel.__dict__["__pydantic_fields_set__"].__set__
    _set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
    _set_private = BaseModel.__dict__["__pydantic_private__"].__set__
except (KeyError, AttributeError):  # pragma: no cover
    VALIDATE = True


def _make(cls: type[_M], fields: dict[str, Any], fields_set: set[str]) -> _M:
    """An instance of ``cls`` with ``fields`` (every field, in order) as its values, unvalidated."""
    o = _new(cls)
    _set(o, "__dict__", fields)
    _set_fields(o, fields_set)
    _set_extra(o, None)
    _set_private(o, None)
    return o


def trusted(cls: type[_M]) -> Callable[..., _M]:
    """A keyword constructor of ``cls`` for values the library built itself (no validation).

    Missing fields take their defaults (a fresh list for a list field), as ``cls(**kw)`` would.

    >>> make = trusted(Span)
    >>> make(start=1, end=3) == Span(start=1, end=3)
    True
    """
    if VALIDATE:
        return cls
    template: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, f in cls.model_fields.items():
        if f.default_factory is not None:
            template[name] = None
            factories.append((name, f.default_factory))  # type: ignore[arg-type]
        else:
            template[name] = None if f.is_required() else f.default

    def build(**kw: Any) -> _M:
        d = template.copy()
        d.update(kw)
        for name, factory in factories:
            if name not in kw:
                d[name] = factory()
        return _make(cls, d, set(kw))

    build.__name__ = build.__qualname__ = f"trusted_{cls.__name__}"
    return build


def new_span(start: int, end: int) -> Span:
    """``Span(start=start, end=end)`` for offsets the library computed (no validation).

    >>> new_span(2, 5)
    Span(start=2, end=5)
    """
    if VALIDATE:
        return Span(start=start, end=end)
    return _make(Span, {"start": start, "end": end}, {"start", "end"})


def trusted_replace(obj: _M, **changes: Any) -> _M:
    """``obj.model_copy(update=changes)`` for a model the library built (no validation, as there).

    >>> trusted_replace(new_span(1, 2), end=5)
    Span(start=1, end=5)
    """
    if VALIDATE:
        return obj.model_copy(update=changes)
    d = dict(obj.__dict__)
    d.update(changes)
    return _make(type(obj), d, obj.__pydantic_fields_set__ | changes.keys())
