"""The decision framework, gate by gate."""

from __future__ import annotations

from fieldguide.decision import GATES, decide
from fieldguide.schema import Answers

BASE = dict(
    needs_knowledge=False,
    prompting_exhausted=True,
    task_in_base_capability=False,
    labeled_examples=5_000,
    has_eval_set=True,
    narrow_task=True,
    calls_per_day=250_000,
    behavior_prompt_tokens=3_000,
)


def walk(**changes):
    return decide(Answers(**{**BASE, **changes}))


def test_gates_are_in_order_with_unique_ids():
    assert [g.id for g in GATES] == ["G0", "G1", "G2", "G3", "G4", "G5"]


def test_passing_every_gate_recommends_lora_and_records_every_step():
    rec = walk()
    assert rec.approach == "peft-lora"
    assert [s.gate.id for s in rec.steps] == ["G0", "G1", "G2", "G3", "G4", "G5"]
    assert all(s.passed for s in rec.steps)


def test_g0_only_for_owning_a_foundation_model():
    assert walk(needs_own_foundation_model=True).approach == "training-from-scratch"


def test_g1_knowledge_goes_to_context_by_size():
    assert (walk(needs_knowledge=True, knowledge_tokens=150_000).approach, walk(needs_knowledge=True, knowledge_tokens=150_000).gate.id) == ("long-context", "G1")
    assert walk(needs_knowledge=True, knowledge_tokens=200_000).approach == "long-context"
    assert walk(needs_knowledge=True, knowledge_tokens=200_001).approach == "rag"


def test_g2_prompting_first_unless_measured_and_outgrown():
    assert walk(prompting_exhausted=False).gate.id == "G2"
    assert walk(task_in_base_capability=True, behavior_prompt_tokens=1_500).gate.id == "G2"
    assert walk(task_in_base_capability=True, behavior_prompt_tokens=2_500).approach == "peft-lora"


def test_g3_needs_data_and_an_eval_set():
    assert walk(labeled_examples=499).gate.id == "G3"
    assert walk(has_eval_set=False).gate.id == "G3"
    assert "evaluation set" in walk(has_eval_set=False).reason


def test_g4_narrow_tasks_only():
    assert walk(narrow_task=False).gate.id == "G4"
    assert walk(needs_novel_reasoning=True).gate.id == "G4"


def test_g5_volume_or_a_long_prompt_pays():
    assert walk(calls_per_day=20_000, behavior_prompt_tokens=1_000, task_in_base_capability=False).gate.id == "G5"
    assert walk(calls_per_day=20_000, behavior_prompt_tokens=3_000).approach == "peft-lora"
    assert walk(calls_per_day=100_000, behavior_prompt_tokens=500).approach == "peft-lora"
