"""The decision framework: six gates, asked in order, from a buyer's situation to an approach.

Each gate can stop the walk with a recommendation. Only a situation that passes every
gate reaches fine-tuning, because fine-tuning is the most expensive option to build and
to keep current. The worked scenarios on the site are computed with :func:`decide`, so
the page cannot disagree with the framework.

The thresholds are rules of thumb, written down so that they can be argued with:

* ``LONG_CONTEXT_MAX_TOKENS``: below about 200,000 tokens a whole knowledge base fits in
  one prompt, and prompt caching makes that cheaper than building retrieval
  (Anthropic, "Introducing Contextual Retrieval", 2024).
* ``BEHAVIOUR_PROMPT_TOKENS``: a behavioral specification beyond about 2,000 tokens is a
  sign that instructions are straining and a tuned model may be steadier.
* ``MIN_EXAMPLES``: about 500 curated examples before a first tuning run is worth
  measuring (vendor minimums are far lower; quality gains need more).
* ``HIGH_VOLUME_CALLS``: at about 100,000 calls a day the per-call savings of a smaller
  tuned model usually outrun its training and upkeep; check with the cost calculator.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldguide.schema import Answers, Approach

LONG_CONTEXT_MAX_TOKENS = 200_000
BEHAVIOUR_PROMPT_TOKENS = 2_000
MIN_EXAMPLES = 500
HIGH_VOLUME_CALLS = 100_000


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
        "Put the knowledge in the context: the whole corpus with prefix caching when it is under about "
        f"{LONG_CONTEXT_MAX_TOKENS:,} tokens, retrieval (RAG) above that.",
        "Is the gap what it knows?",
        "Yes: long context or RAG",
    ),
    Gate(
        "G2",
        "Prompting first",
        "Has careful prompting been tried and measured, and does it still fall short?",
        "No: prompts have not been iterated against an evaluation set, or the task is within the base model's reach "
        f"with a behavioral prompt under about {BEHAVIOUR_PROMPT_TOKENS:,} tokens.",
        "Prompting: system prompt design, few-shot examples, structured output.",
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
        "Is the volume high enough for per-call savings to pay for training and upkeep?",
        f"No: well under about {HIGH_VOLUME_CALLS:,} calls a day, and a behavioral prompt short enough to keep sending.",
        "Prompting. If the volume is there, fine-tune: parameter-efficient (LoRA) first.",
        "Volume or prompt size to pay?",
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


def decide(a: Answers) -> Recommendation:
    """Walk the gates in order and return the first stop, or fine-tuning if none stops.

    >>> from fieldguide.schema import Answers
    >>> decide(Answers(needs_knowledge=True, knowledge_tokens=5_000_000, prompting_exhausted=False,
    ...                narrow_task=False, calls_per_day=2_000)).approach
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
        if a.knowledge_tokens <= LONG_CONTEXT_MAX_TOKENS:
            return stop(
                "G1",
                "long-context",
                f"The model must answer from facts it does not have{fresh}; at {a.knowledge_tokens:,} tokens the "
                "whole corpus fits in the prompt, cached.",
            )
        return stop(
            "G1",
            "rag",
            f"The model must answer from facts it does not have{fresh}; at {a.knowledge_tokens:,} tokens the corpus "
            "is too large for one prompt, so retrieve the relevant passages per call.",
        )
    go("G1", "The gap is behavior (format, tone, vocabulary), not facts.")

    if not a.prompting_exhausted:
        return stop("G2", "prompting", "Prompting has not yet been iterated and measured; that is the cheap step.")
    if a.task_in_base_capability and a.behavior_prompt_tokens <= BEHAVIOUR_PROMPT_TOKENS:
        return stop(
            "G2",
            "prompting",
            f"The base model can do the task and the instructions fit in {a.behavior_prompt_tokens:,} tokens.",
        )
    go("G2", "Measured prompting still falls short, or the instructions have outgrown the prompt.")

    if a.labeled_examples < MIN_EXAMPLES or not a.has_eval_set:
        missing = "no held-out evaluation set" if a.labeled_examples >= MIN_EXAMPLES else (
            f"only {a.labeled_examples:,} curated examples"
        )
        return stop("G3", "prompting", f"There is {missing}; a tuning run could not be shown to help.")
    go("G3", f"{a.labeled_examples:,} curated examples and a held-out evaluation set.")

    if not a.narrow_task or a.needs_novel_reasoning:
        why = "The task is broad" if not a.narrow_task else "Hard cases need fresh reasoning"
        return stop("G4", "prompting", f"{why}; a prompted general model keeps its range.")
    go("G4", "One narrow, stable task whose hard cases the examples cover.")

    if a.calls_per_day < HIGH_VOLUME_CALLS and a.behavior_prompt_tokens <= BEHAVIOUR_PROMPT_TOKENS:
        return stop(
            "G5",
            "prompting",
            f"At {a.calls_per_day:,} calls a day the savings would not repay training and upkeep.",
        )
    go("G5", f"At {a.calls_per_day:,} calls a day, shorter prompts on a smaller tuned model pay for themselves.")
    return Recommendation("peft-lora", GATE_BY_ID["G5"], tuple(steps))
