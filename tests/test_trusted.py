"""The stages build their models without validation (fangtan.models.trusted, new_span); these tests
check that nothing validation would have caught gets through.

* Every document parsed here (the seed, every case text, every text in ../shared/corpus when it is
  beside the clone) re-validates to an equal document, and its JSON is the same after the round
  trip: a wrong type (an int for a Decimal, a tuple for a list), a value outside its Literal or a
  negative offset would fail or change the JSON. Pydantic's serialization warnings are errors.
* The same texts parsed in a process with FANGTAN_VALIDATE=1 (every builder validates) give the
  same JSON.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from sample_texts import corpus_texts, seed_and_case_texts

import fangtan
from fangtan.models import Document, Span, new_span, trusted

CORPUS = Path(__file__).parents[1] / ".." / "shared" / "corpus"


def _round_trip(text: str) -> None:
    doc = fangtan.parse(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # PydanticSerializationUnexpectedValue and the like
        js = doc.model_dump_json()
        again = Document.model_validate_json(js)
        assert again == doc
        assert again.model_dump_json() == js
        assert Document.model_validate(doc.model_dump()) == doc


def test_every_case_text_and_the_seed_revalidate():
    texts = seed_and_case_texts()
    assert len(texts) > 200
    for text in texts:
        _round_trip(text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS.resolve()} (../shared is not beside this clone)")
def test_every_corpus_document_revalidates():
    texts = corpus_texts()
    assert texts
    for text in texts:
        _round_trip(text)


def test_validating_builders_give_the_same_json():
    texts = list(seed_and_case_texts() + corpus_texts())
    script = (
        "import json, sys, fangtan\n"
        "texts = json.load(sys.stdin)\n"
        "json.dump([fangtan.parse(t).model_dump(mode='json') for t in texts], sys.stdout)\n"
    )
    env = dict(os.environ, FANGTAN_VALIDATE="1")
    proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    validated = json.loads(proc.stdout)
    assert validated == [fangtan.parse(t).model_dump(mode="json") for t in texts]


def test_the_builders_fill_defaults_like_the_constructors():
    make = trusted(fangtan.Metric)
    a = make(name="产值", rule="name_value", span=new_span(0, 2), name_span=new_span(0, 2))
    b = fangtan.Metric(name="产值", rule="name_value", span=Span(start=0, end=2), name_span=Span(start=0, end=2))
    assert a == b and a.model_dump_json() == b.model_dump_json() and a.model_fields_set == b.model_fields_set
    c = make(name="产值", rule="name_value", span=new_span(0, 2), name_span=new_span(0, 2))
    assert a.missing == [] and a.missing is not c.missing  # a fresh list each time, as default_factory gives
    with pytest.raises(Exception):
        a.name = "x"  # still frozen
