"""Lexicons: the words the grammar is built from, kept as data (the ``*.toml`` files beside this one).

Users extend them without editing the package::

    lex = Lexicon.default().extend(indicators={"tourism_revenue": ["旅游总收入"]},
                                   count_units=["艘"], furniture_lines=["本站声明"])
    doc = fangtan.Parser(lex).parse(text)

or from a TOML file of the same shape as the shipped ones (``Lexicon.default().merge_toml(path)``).

>>> lex = Lexicon.default()
>>> "亿" in lex.magnitudes and "个百分点" in lex.point_units
True
>>> lex.extend(indicators={"x": ["某指标"]}).indicator_names["某指标"]
'x'
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Lexicon"]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, eq=False)  # identity hash: compiled grammars are cached per lexicon
class Lexicon:
    """All word lists the parser uses. Immutable: ``extend`` returns a new lexicon."""

    magnitudes: dict[str, Decimal]
    money_units: tuple[str, ...]
    people_units: tuple[str, ...]
    count_units: tuple[str, ...]
    physical_units: tuple[str, ...]
    per_units: tuple[str, ...]
    percent_units: tuple[str, ...]
    point_units: tuple[str, ...]
    hedges_before: tuple[str, ...]
    hedges_after: tuple[str, ...]
    trad_from: str
    trad_to: str
    growth_up: tuple[str, ...]
    growth_down: tuple[str, ...]
    growth_flat: tuple[str, ...]
    level_words: tuple[str, ...]
    basis_words: tuple[str, ...]
    basis_heads: tuple[str, ...]
    doubling: dict[str, int]
    scope_prefixes: tuple[str, ...]
    period_words: tuple[str, ...]
    name_verbs: tuple[str, ...]
    target_words: tuple[str, ...]
    name_breaks: tuple[str, ...]
    end_markers: tuple[str, ...]
    furniture_lines: tuple[str, ...]
    furniture_equals: tuple[str, ...]
    furniture_contains: tuple[str, ...]
    source_heads: tuple[str, ...]
    topics: dict[str, tuple[str, ...]]
    topic_min_score: int
    indicators: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @staticmethod
    @cache
    def default() -> "Lexicon":
        """The lexicon shipped with fangtan (loaded once)."""
        u, g, s = _load("units.toml"), _load("growth.toml"), _load("scope.toml")
        b, t, i = _load("boilerplate.toml"), _load("topics.toml"), _load("indicators.toml")
        return Lexicon(
            magnitudes={k: Decimal(v) for k, v in u["magnitudes"].items()},
            money_units=tuple(u["base_units"]["money"]),
            people_units=tuple(u["base_units"]["people"]),
            count_units=tuple(u["base_units"]["count"]),
            physical_units=tuple(u["base_units"]["physical"]),
            per_units=tuple(u["base_units"]["per"]),
            percent_units=tuple(u["percent"]["percent"]),
            point_units=tuple(u["percent"]["point"]),
            hedges_before=tuple(u["hedges"]["before"]),
            hedges_after=tuple(u["hedges"]["after"]),
            trad_from=u["traditional"]["from"],
            trad_to=u["traditional"]["to"],
            growth_up=tuple(g["verbs"]["up"]),
            growth_down=tuple(g["verbs"]["down"]),
            growth_flat=tuple(g["verbs"]["flat"]),
            level_words=tuple(g["levels"]["words"]),
            basis_words=tuple(g["basis"]["words"]),
            basis_heads=tuple(g["basis"]["open_heads"]),
            doubling=dict(g["doubling"]),
            scope_prefixes=tuple(s["scope"]["prefixes"]),
            period_words=tuple(s["period"]["words"]),
            name_verbs=tuple(s["verbs"]["between"]),
            target_words=tuple(s["target"]["words"]),
            name_breaks=tuple(s["name_breaks"]["words"]),
            end_markers=tuple(b["end_markers"]["starts"]),
            furniture_lines=tuple(b["lines"]["starts"]),
            furniture_equals=tuple(b["lines"]["equals"]),
            furniture_contains=tuple(b["lines"]["contains"]),
            source_heads=tuple(b["source"]["heads"]),
            topics={k: tuple(v) for k, v in t["labels"].items()},
            topic_min_score=int(t["min_score"]),
            indicators={k: tuple(v) for k, v in i["keys"].items()},
        )

    @property
    def indicator_names(self) -> dict[str, str]:
        """Every indicator name mapped to its canonical key."""
        return {n: k for k, names in self.indicators.items() for n in names}

    def extend(self, **more: Any) -> "Lexicon":
        """A new lexicon with words added. Tuple fields take lists; ``indicators`` and ``topics`` take
        ``{key: [names]}`` (merged); ``magnitudes`` takes ``{word: number}``."""
        changes: dict[str, Any] = {}
        for name, value in more.items():
            if not hasattr(self, name):
                raise TypeError(f"Lexicon has no field {name!r}")
            cur = getattr(self, name)
            if isinstance(cur, tuple):
                changes[name] = cur + tuple(v for v in value if v not in cur)
            elif name in ("indicators", "topics"):
                merged = dict(cur)
                for k, v in value.items():
                    merged[k] = tuple(merged.get(k, ())) + tuple(v)
                changes[name] = merged
            elif name == "magnitudes":
                changes[name] = {**cur, **{k: Decimal(str(v)) for k, v in value.items()}}
            else:
                changes[name] = value
        return replace(self, **changes)

    def merge_toml(self, path: str | Path) -> "Lexicon":
        """Extend from a TOML file whose top-level keys are field names of this class."""
        with open(path, "rb") as fh:
            return self.extend(**tomllib.load(fh))
