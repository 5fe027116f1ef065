"""The questions an agency's CISO asks, in the buyer's words, each answered and sourced (``CQ-<id>``).

Each answer comes first in at most 45 words, what a seller can say across the table; the
detail behind it follows, with the sources and the day they were checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from fieldguide.content.blocks import BlockType, choice, level
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, join, md
from fieldguide.content.schema import CardRef, CheckedDate, Slug, SourceRef, Strict, Text
from fieldguide.content.text import one_line
from fieldguide.economics.lookup import date_text

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

TOPICS: dict[str, str] = {
    "data": "Our data: training use, retention, location",
    "security": "Security: injection, permissions, logs",
    "compliance": "Compliance: FedRAMP, CUI, classification",
    "operations": "Operations: audit, versions, tuned models",
    "vendor-claims": "What vendors promise",
}
QuestionTopic = Literal[tuple(TOPICS)]  # type: ignore[valid-type]
ANSWER_WORDS = 45


class Question(Strict):
    """A question from the buyer's security or compliance side."""

    id: Slug
    question: Text = Field(description="In the buyer's words, as asked across the table.")
    answer: Text = Field(description=f"What to say: at most {ANSWER_WORDS} words.")
    detail: Text = Field(description="The specifics behind the answer, each cited.")
    topics: list[QuestionTopic] = Field(min_length=1)
    approaches: list[CardRef] = Field(default_factory=list, description="The approaches the question bears on.")
    sources: list[SourceRef] = Field(min_length=1)
    checked: CheckedDate

    @field_validator("answer")
    @classmethod
    def _short(cls, value: str) -> str:
        words = len(value.split())
        if words > ANSWER_WORDS:
            raise ValueError(f"the answer has {words} words; keep it to {ANSWER_WORDS} and move the rest to `detail`")
        return value


KINDS = (
    Kind(name="question", plural="questions", prefix="CQ-", pattern=r"CQ-[a-z0-9][a-z0-9-]*",
         example="CQ-training-use", home="ciso.md", label="CISO question", place="/// question | training-use",
         data="questions.yml", model=Question, order=76),
)


def question(cat: Catalog, q: Question, heading_level: int = 3) -> Rendered:
    qid = f"CQ-{q.id}"
    about = ", ".join(card_link(cat, a) for a in q.approaches)
    out = [
        '<div class="fg-question" markdown>',
        "",
        f"{'#' * heading_level} {md(one_line(q.question))} {{#{qid}}}",
        "",
        f'<p class="fg-answer" markdown="span">**Answer.** {md(q.answer)}</p>',
        "",
        md(q.detail),
        "",
        f'<p class="fg-meta fg-checked" markdown="span">{item_id(qid)} Checked {date_text(q.checked)}.'
        + (f" Bears on: {about}." if about else "") + f" Sources: {cites(q.sources)}</p>",
        "",
        "</div>",
    ]
    return "\n".join(out), [qid]


def questions(cat: Catalog, topic: str | None = None, heading_level: int = 3) -> Rendered:
    chosen = [q for q in cat.questions.values() if topic is None or topic in q.topics]
    if topic is not None:
        return join([question(cat, q, heading_level) for q in chosen])
    parts: list[Rendered] = []
    for key, title in TOPICS.items():
        group = [q for q in chosen if q.topics[0] == key]
        if group:
            text, ids = join([question(cat, q, heading_level) for q in group])
            parts.append((f"{'#' * (heading_level - 1)} {title} {{#questions-{key}}}\n\n{text}", ids))
    return join(parts)


BLOCKS = {
    "question": BlockType(lambda cat, b: question(cat, b.options["item"], b.options["level"]), arg="questions",
                          options={"level": level(3)}, help="one CISO question and its answer"),
    "questions": BlockType(lambda cat, b: questions(cat, b.options["topic"], b.options["level"]),
                           options={"topic": choice(lambda cat: TOPICS, "topic"), "level": level(3)},
                           help="the CISO's questions, grouped by their first topic, or those of one topic"),
}
