"""The decision framework: six gates, asked in order, from a buyer's situation to an approach.

Each gate can stop the walk with a recommendation. Only a situation that passes every
gate reaches fine-tuning, because fine-tuning is the most expensive option to build and
to keep current. The worked scenarios on the site are computed with :func:`decide`, so
the page cannot disagree with the framework.

Two gates decide on cost, and they ask the same cost model the tables use
(:mod:`fieldguide.economics`), at the buyer's own volume and prompt length:

* **G1** weighs volume before it sends a corpus into the prompt: a knowledge base under
  ``LONG_CONTEXT_MAX_TOKENS`` goes into a cached prompt only when a year of that costs no
  more than a year of retrieval, building it included (:func:`economics.knowledge_year`).
* **G5** prices the tuned model on the standard route, its program included, against the
  prompted flagship with caching (:func:`economics.compare`).

The other thresholds are rules of thumb, written down so that they can be argued with:

* ``LONG_CONTEXT_MAX_TOKENS``: below about 200,000 tokens a whole knowledge base fits in
  one prompt with room to spare (Anthropic, "Introducing Contextual Retrieval", 2024);
  recall falls as prompts grow, so the guide does not go further.
* ``MIN_EXAMPLES``: about 500 curated examples before a first tuning run is worth
  measuring (vendor minimums are far lower; quality gains need more).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from fieldguide.content.schema import Strict
from fieldguide import economics
from fieldguide.economics.figures import money_text
from fieldguide.economics.prices import PricesFile

LONG_CONTEXT_MAX_TOKENS = 200_000
MIN_EXAMPLES = 500


Approach = Literal[
    "training-from-scratch",
    "full-fine-tuning",
    "peft-lora",
    "prompting",
    "rag",
    "long-context",
]


class Answers(Strict):
    """What a buyer's situation says, in the terms the decision gates ask about."""

    needs_own_foundation_model: bool = Field(
        default=False, description="The organization must own a new base model (a national lab, a model vendor)."
    )
    needs_knowledge: bool = Field(description="The model must answer from facts it was not trained on.")
    knowledge_changes: bool = Field(default=False, description="Those facts change within months.")
    knowledge_tokens: int = Field(default=0, ge=0, description="Size of the knowledge base in tokens.")
    prompting_exhausted: bool = Field(
        description="Prompts have been iterated against an evaluation set and still fall short on the models that "
        "would be affordable at this volume."
    )
    fixed_format: bool = Field(default=False, description="Every answer must follow a fixed structure (fields, a template).")
    schema_enforced: bool = Field(
        default=False, description="Schema-enforced (structured) output was part of the measured prompting."
    )
    labeled_examples: int = Field(default=0, ge=0, description="Curated input-output pairs available.")
    has_eval_set: bool = Field(default=False, description="A held-out set measures prompted vs tuned.")
    narrow_task: bool = Field(description="One well-defined task with stable inputs.")
    needs_novel_reasoning: bool = Field(default=False, description="Hard cases need reasoning the examples do not cover.")
    calls_per_day: int = Field(ge=0)
    behavior_prompt_tokens: int = Field(default=0, ge=0, description="Tokens of behavioral instructions per call.")
    prompted_flagship_meets_bar: bool = Field(
        default=True,
        description="A prompted flagship model meets the quality bar; prompting falls short only on smaller models. "
        "False when no prompted model does the task well enough.",
    )


@dataclass(frozen=True)
class Gate:
    """One question of the framework and what happens when it stops the walk."""

    id: str
    title: str
    question: str
    stop_when: str
    stop_with: str
    short: str = ""
    """The question in a few words, for the diagram."""
    stop_short: str = ""
    """The stop in a few words, for the diagram."""


GATES: tuple[Gate, ...] = (
    Gate(
        "G0",
        "Ownership",
        "Must the organization own a brand-new foundation model?",
        "Yes: a national lab or a model vendor with its own compute and corpus.",
        "Training from scratch. For an agency or an enterprise buyer the answer is almost always no: go on.",
        "Must you own a new base model?",
        "Yes: train from scratch",
    ),
    Gate(
        "G1",
        "Knowledge or behavior",
        "Is the gap what the model knows (facts, documents, current state) rather than how it acts?",
        "Yes: the model must answer from facts it was not trained on.",
        "Put the knowledge in the context: the whole corpus in a cached prompt when it is under about "
        f"{LONG_CONTEXT_MAX_TOKENS:,} tokens and a year of that costs less than a year of retrieval, building it "
        "included; retrieval (RAG) otherwise.",
        "Is the gap what it knows?",
        "Yes: long context or RAG",
    ),
    Gate(
        "G2",
        "Prompting first",
        "Has careful prompting been tried and measured, and does it still fall short?",
        "No: prompts have not been iterated against an evaluation set, or the answer has a fixed form and "
        "schema-enforced output was not part of the measurement.",
        "Prompting: system prompt design, few-shot examples, schema-enforced structured output.",
        "Has measured prompting failed?",
        "No: prompting",
    ),
    Gate(
        "G3",
        "Data",
        "Are there enough curated examples, and a held-out set to prove a tuned model is better?",
        f"No: fewer than about {MIN_EXAMPLES} good input-output pairs, or no evaluation set.",
        "Prompting, while logging real outputs and curating the best into a training set.",
        f"{MIN_EXAMPLES}+ examples and an eval set?",
        "No: prompt, build the data",
    ),
    Gate(
        "G4",
        "Scope",
        "Is the task narrow and stable, with hard cases the examples cover?",
        "No: many kinds of request, or hard cases that need fresh reasoning.",
        "A prompted general model: tuning sharpens one task and dulls its neighbors.",
        "One narrow, covered task?",
        "No: prompted general model",
    ),
    Gate(
        "G5",
        "Volume",
        "At this volume and prompt length, does a tuned model cost less, its program included, than the prompted "
        "flagship that meets the bar?",
        "No: the cost model prices the prompted flagship, with caching, below the tuned model on a route that "
        "exists, at the buyer's own volume and prompt length.",
        "Keep prompting the model that meets the bar. If the tuned model is cheaper, or no prompted model meets "
        "the bar, fine-tune: parameter-efficient (LoRA) first.",
        "Does tuning cost less here?",
        "No: keep prompting",
    ),
)

GATE_BY_ID = {gate.id: gate for gate in GATES}


@dataclass(frozen=True)
class Step:
    """One gate asked during a walk, and whether the walk went on past it."""

    gate: Gate
    passed: bool
    why: str


@dataclass(frozen=True)
class Recommendation:
    """Where the walk ended: the approach, the gate that decided it, and every step."""

    approach: Approach
    gate: Gate
    steps: tuple[Step, ...]

    @property
    def reason(self) -> str:
        return self.steps[-1].why


def decide(a: Answers, prices: PricesFile) -> Recommendation:
    """Walk the gates in order and return the first stop, or fine-tuning if none stops.

    >>> from fieldguide.content.data import catalog
    >>> from fieldguide.economics.decision import Answers
    >>> decide(Answers(needs_knowledge=True, knowledge_tokens=5_000_000, prompting_exhausted=False,
    ...                narrow_task=False, calls_per_day=2_000), catalog().prices).approach
    'rag'
    """
    steps: list[Step] = []

    def stop(gate_id: str, approach: Approach, why: str) -> Recommendation:
        steps.append(Step(GATE_BY_ID[gate_id], False, why))
        return Recommendation(approach, GATE_BY_ID[gate_id], tuple(steps))

    def go(gate_id: str, why: str) -> None:
        steps.append(Step(GATE_BY_ID[gate_id], True, why))

    if a.needs_own_foundation_model:
        return stop("G0", "training-from-scratch", "The organization must own a new base model.")
    go("G0", "An existing foundation model will do; nobody needs to own a new one.")

    if a.needs_knowledge:
        fresh = " and they change, so they must be updatable without retraining" if a.knowledge_changes else ""
        facts = f"The model must answer from facts it does not have{fresh}"
        if a.knowledge_tokens > LONG_CONTEXT_MAX_TOKENS:
            return stop("G1", "rag", f"{facts}; at {a.knowledge_tokens:,} tokens the corpus is too large for one prompt, "
                        "so retrieve the relevant passages per call.")
        whole, retrieval = economics.knowledge_year(prices, a.knowledge_tokens, a.calls_per_day)
        costs = (f"at {a.calls_per_day:,} calls a day a year of the {a.knowledge_tokens:,}-token corpus in a cached "
                 f"prompt costs about {money_text(whole)}, a year of retrieval about {money_text(retrieval)} with "
                 "building it")
        if whole <= retrieval:
            return stop("G1", "long-context", f"{facts}; the whole corpus fits in the prompt, and {costs}.")
        return stop("G1", "rag", f"{facts}; the corpus would fit in the prompt, but {costs}.")
    go("G1", "The gap is behavior (format, tone, vocabulary), not facts.")

    if not a.prompting_exhausted:
        return stop("G2", "prompting", "Prompting has not yet been iterated and measured; that is the cheap step.")
    if a.fixed_format and not a.schema_enforced:
        return stop(
            "G2",
            "prompting",
            "The answer has a fixed form, and schema-enforced output was not part of the measured prompting: it "
            "stops dropped and misordered fields without tuning, so measure again with it.",
        )
    go("G2", "Measured prompting" + (", with schema-enforced output," if a.fixed_format else "") + " still falls short.")

    if a.labeled_examples < MIN_EXAMPLES or not a.has_eval_set:
        missing = "There is no held-out evaluation set" if a.labeled_examples >= MIN_EXAMPLES else (
            f"There {'is only one curated example' if a.labeled_examples == 1 else f'are only {a.labeled_examples:,} curated examples'}"
        )
        return stop("G3", "prompting", f"{missing}; a tuning run could not be shown to help.")
    go("G3", f"{a.labeled_examples:,} curated examples and a held-out evaluation set.")

    if not a.narrow_task or a.needs_novel_reasoning:
        why = "The task is broad" if not a.narrow_task else "Hard cases need fresh reasoning"
        return stop("G4", "prompting", f"{why}; a prompted general model keeps its range.")
    go("G4", "One narrow, stable task whose hard cases the examples cover.")

    r = economics.compare(prices, tuning_inputs(a, prices))
    tuned = f"a tuned {economics.model(prices, r.route.base).name} costs about {money_text(r.tuned.month)} a month with its program"
    prompted = f"prompting {economics.model(prices, r.inputs.prompted).name} with caching about {money_text(r.prompted.month)}"
    if not a.prompted_flagship_meets_bar:
        go("G5", f"No prompted model meets the bar, so tuning is the way to do the task at all; {tuned}.")
    elif tuning_pays(r):
        go("G5", f"At {a.calls_per_day:,} calls a day {tuned}, against {prompted}.")
    else:
        when = f"it would pay from {r.break_even:,} calls a day" if r.break_even is not None else "it would not pay at any volume"
        return stop("G5", "prompting", f"At {a.calls_per_day:,} calls a day {tuned}, against {prompted}; {when}.")
    return Recommendation("peft-lora", GATE_BY_ID["G5"], tuple(steps))


def tuning_inputs(a: Answers, prices: PricesFile) -> economics.Inputs:
    """The comparison G5 prices: the buyer's volume and prompt, the standard route, the flagship cached."""
    s = prices.standard
    return economics.Inputs(
        prompted=s.flagship,
        route=s.route,
        calls_per_day=a.calls_per_day,
        prompt_tokens=a.behavior_prompt_tokens,
        tuned_prompt_tokens=min(s.tuned_prompt_tokens, a.behavior_prompt_tokens),
        user_tokens=s.user_tokens,
        output_tokens=s.output_tokens,
        cached_percent=s.cached_percent,
    )


def tuning_pays(r: economics.Result) -> bool:
    """The cost verdict G5 gives: the tuned month, program included, below the prompted month."""
    return r.tuned.month < r.prompted.month
