"""A :class:`SentenceContext` for one sentence, for calling one rule on it."""

from __future__ import annotations

from extractors.facts.context import Doc, SentenceContext, State
from extractors.facts.mentions import find_components, find_entities, find_indices, find_years
from extractors.facts.units import split_sentences
from extractors.text.normalize import normalize_line


def sentence_context(text: str) -> SentenceContext:
    """The first sentence of ``text`` (normalised) with its mentions found."""
    text = normalize_line(text)
    indices = find_indices(text)
    doc = Doc(
        text=text,
        blocks=[(0, len(text))],
        entities=find_entities(text),
        indices=indices,
        components=find_components(text, indices),
        years=find_years(text),
        edition=None,
        dominant_index=None,
    )
    s = split_sentences(text, 0, len(text), 0)[0]
    return SentenceContext(
        doc=doc,
        state=State(),
        s=s,
        entities=doc.within(doc.entities, s.start, s.end),
        indices=doc.within(doc.indices, s.start, s.end),
        components=doc.within(doc.components, s.start, s.end),
        years=doc.within(doc.years, s.start, s.end),
    )
