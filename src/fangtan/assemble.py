"""Stage 4: assemble the :class:`~fangtan.models.Document` from what the stages found.

Turns get their answers' enumerated measures and topic labels; metrics get the speaker of the answer
they stand in; the counted list of tasks becomes ``key_tasks``; the place is read from the title.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import regex

from .clean import Cleaned
from .grammar import any_word
from .lexicon import Lexicon
from .models import (
    Answer, Boilerplate, CountedList, Document, Enumeration, Gap, Metric, ParseWarning, PartyBuilding, Speaker, Topic,
    Turn, new_span, trusted, trusted_replace,
)
from .segment import Segments

__all__ = ["assemble"]

_new_Speaker = trusted(Speaker)
_new_Boilerplate = trusted(Boilerplate)
_new_Document = trusted(Document)
_new_Answer = trusted(Answer)
_new_Turn = trusted(Turn)
_new_Topic = trusted(Topic)

_PLACE = regex.compile(r"(?P<place>[\p{Han}]{1,8}?(?:自治区|自治州|自治县|省|市|区|县|镇|乡|街道|旗|村))(?=[:：\s]|$)")


def assemble(
    c: Cleaned,
    seg: Segments,
    metrics: list[Metric],
    enums: list[Enumeration],
    counted: list[CountedList],
    party: PartyBuilding,
    gaps: list[Gap],
    warnings: list[ParseWarning],
    lex: Lexicon,
    version: str,
) -> Document:
    turns = _turns(c, seg, enums, lex)
    speakers: list[str] = []
    details: list[Speaker] = []
    for t in turns:
        for a in t.answers:
            if a.speaker and a.speaker not in speakers:
                speakers.append(a.speaker)
                details.append(_new_Speaker(name=a.speaker, span=a.span))
    metrics = _with_speakers(metrics, turns)
    key = next((cl for cl in counted if cl.is_tasks and cl.items), None)
    for cl in counted:
        if cl.items and len(cl.items) != cl.count:
            warnings.append(ParseWarning(code="count_mismatch", span=cl.span,
                                         message=f"{cl.phrase}: the text states {cl.count} but lists {len(cl.items)}"))
    title_span = None
    if seg.title_span:
        ts, te = c.span(*seg.title_span)
        title_span = new_span(ts, te)
    source = source_span = None
    if c.source:
        source = c.source[0]
        a, b = c.span(c.source[1], c.source[2])
        source_span = new_span(a, b)
    place = None
    if seg.title:
        pm = _PLACE.match(seg.title)
        if pm:
            place = pm.group("place")
    boiler = [_new_Boilerplate(kind=k if k in ("furniture", "source_line") else "furniture", span=new_span(a, b))
              for k, s0, e0 in c.boilerplate for a, b in [c.span(s0, e0)]]
    kind = "interview" if turns else ("report" if _is_report(seg.title, c.norm[:400], enums) else "news")
    return _new_Document(
        fangtan_version=version,
        title=seg.title,
        title_span=title_span,
        subtitle=seg.subtitle,
        source=source,
        source_span=source_span,
        url=c.url,
        date=c.meta.get("date"),
        place=place,
        kind=kind,
        speakers=speakers,
        speaker_details=details,
        turns=turns,
        metrics=metrics,
        enumerations=enums,
        counted_lists=counted,
        key_tasks=key,
        party_building=party,
        gaps=gaps,
        boilerplate=boiler,
        warnings=warnings,
        length=len(c.orig),
    )


_REPORT_TITLE = regex.compile(r"工作报告|政府工作|施政报告|预算报告|报告$")
_REPORT_OPENING = regex.compile(r"各位代表[：:]|各位委员[：:]")


def _is_report(title: str | None, head: str, enums: list[Enumeration]) -> bool:
    """A work report: says so in its title or opens by addressing the deputies."""
    return bool((title and _REPORT_TITLE.search(title)) or _REPORT_OPENING.search(head) or len(enums) >= 6)


def _turns(c: Cleaned, seg: Segments, enums: list[Enumeration], lex: Lexicon) -> list[Turn]:
    out = []
    starts = [en.span.start for en in enums]
    in_order = all(a <= b for a, b in zip(starts, starts[1:]))  # extract returns them in text order
    for rt in seg.turns:
        qs, qe = rt.question
        q = c.text[qs:qe].strip()
        answers = []
        for name, a, b in rt.answers:
            s, e = c.span(a, b)
            answers.append(_new_Answer(speaker=name, text=c.text[a:b].strip(), span=new_span(s, e)))
        q_s, q_e = c.span(qs, qe)
        span = new_span(q_s, answers[-1].span.end if answers else q_e)
        measures = []
        if in_order:
            # the first enumeration starting inside an answer: a bisection per answer, not a scan of all
            firsts = [j for a in answers for j in (bisect_left(starts, a.span.start),)
                      if j < len(starts) and starts[j] < a.span.end]
            if firsts:
                measures.extend(enums[min(firsts)].items)
        else:
            for en in enums:
                if any(a.span.start <= en.span.start < a.span.end for a in answers):
                    measures.extend(en.items)
                    break
        answer_text = "".join(a.text for a in answers)
        out.append(_new_Turn(question=q, asker=rt.asker, question_span=new_span(q_s, q_e), speakers=rt.speakers,
                        answers=answers, measures=measures, topics=_topics(q, answer_text, lex), span=span))
    return out


def _topics(question: str, answer: str, lex: Lexicon) -> list[Topic]:
    scored = []
    for label, words, finder in _topic_patterns(lex):
        if finder.search(question) is None:
            continue  # a label needs a word in the question
        hits_q = [w for w in words if w in question]
        hits_a = [w for w in words if w in answer]
        score = 2 * len(hits_q) + len(hits_a)
        if score >= lex.topic_min_score:
            scored.append((score, label, list(dict.fromkeys(hits_q + hits_a))))
    scored.sort(key=lambda x: -x[0])
    return [_new_Topic(label=label, triggers=trig) for _, label, trig in scored]


@lru_cache(maxsize=8)
def _topic_patterns(lex: Lexicon) -> tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]:
    """Each topic label with its words and a pattern that finds any of them (one call, not one per word)."""
    return tuple((label, tuple(words), any_word(words)) for label, words in lex.topics.items())


def _with_speakers(metrics: list[Metric], turns: list[Turn]) -> list[Metric]:
    if not turns:
        return metrics
    spans = sorted((a.span.start, a.span.end, a.speaker) for t in turns for a in t.answers)
    starts = [s for s, _, _ in spans]
    out = []
    for m in metrics:
        i = bisect_right(starts, m.span.start) - 1
        if i >= 0 and spans[i][0] <= m.span.start < spans[i][1] and spans[i][2]:
            m = trusted_replace(m, speaker=spans[i][2])
        out.append(m)
    return out
