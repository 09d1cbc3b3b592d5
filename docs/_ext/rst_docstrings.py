"""A griffe extension for the docs build: fangtan's docstrings are reST-flavoured plain text.

* runs of doctest lines (``>>> …`` and their output) become fenced ``pycon`` code blocks;
* ``:func:`x```, ``:class:`~a.b.X``` and friends become inline code (``x``, ``X``);
* ``literal`` double back-quotes become Markdown single back-quotes.
"""
from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc|obj):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def convert(text: str) -> str:
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].strip())
                i += 1
            out.extend([f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"])
            continue
        line = _ROLE.sub(lambda m: "`" + m.group(1).split(".")[-1] + "`", line)
        line = _LITERAL.sub(r"`\1`", line)
        if line.rstrip().endswith("::"):  # reST literal-block marker
            line = line.rstrip()[:-1]
        out.append(line)
        i += 1
    return "\n".join(out)


class RstDocstrings(griffe.Extension):
    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and obj.docstring.value:
            obj.docstring.value = convert(obj.docstring.value)
