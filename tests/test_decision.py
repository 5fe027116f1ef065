"""The decision framework, gate by gate, and its agreement with the cost model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldguide import economics
from fieldguide.content.data import catalog
from fieldguide.economics.decision import GATES, LONG_CONTEXT_MAX_TOKENS, decide, tuning_inputs, tuning_pays
from fieldguide.economics.decision import Answers

CAT = catalog()
PRICES = CAT.prices

BASE = dict(
    needs_knowledge=False,
    prompting_exhausted=True,
    labeled_examples=5_000,
    has_eval_set=True,
    narrow_task=True,
    calls_per_day=250_000,
    behavior_prompt_tokens=3_000,
)


def walk(**changes):
    return decide(Answers(**{**BASE, **changes}), PRICES)


def test_gates_are_in_order_with_unique_ids():
    assert [g.id for g in GATES] == ["G0", "G1", "G2", "G3", "G4", "G5"]


def test_passing_every_gate_recommends_lora_and_records_every_step():
    rec = walk()
    assert rec.approach == "peft-lora"
    assert [s.gate.id for s in rec.steps] == ["G0", "G1", "G2", "G3", "G4", "G5"]
    assert all(s.passed for s in rec.steps)


def test_g0_only_for_owning_a_foundation_model():
    assert walk(needs_own_foundation_model=True).approach == "training-from-scratch"


def test_g1_sends_a_large_corpus_to_retrieval():
    rec = walk(needs_knowledge=True, knowledge_tokens=LONG_CONTEXT_MAX_TOKENS + 1, calls_per_day=10)
    assert (rec.approach, rec.gate.id) == ("rag", "G1")


def test_g1_weighs_volume_before_putting_a_small_corpus_in_the_prompt():
    crossover = economics.knowledge_crossover(PRICES, 150_000)
    assert crossover is not None and 100 < crossover < 10_000
    low = walk(needs_knowledge=True, knowledge_tokens=150_000, calls_per_day=crossover - 1)
    high = walk(needs_knowledge=True, knowledge_tokens=150_000, calls_per_day=crossover)
    assert (low.approach, low.gate.id) == ("long-context", "G1")
    assert (high.approach, high.gate.id) == ("rag", "G1")
    assert "a year of retrieval" in high.reason
    # The site's own table: at 1,000 calls a day, a cached 150K corpus on the flagship costs more than retrieval.
    assert walk(needs_knowledge=True, knowledge_tokens=150_000, calls_per_day=1_000).approach == "rag"


def test_g2_prompting_measured_to_fail_never_answers_keep_prompting():
    # The old rule kept prompting a short prompt within the model's reach even after it had failed.
    rec = walk(prompting_exhausted=True, behavior_prompt_tokens=500, calls_per_day=150_000)
    assert rec.gate.id != "G2"
    assert walk(prompting_exhausted=False).gate.id == "G2"


def test_g2_asks_for_schema_enforced_output_before_tuning_a_fixed_format():
    rec = walk(fixed_format=True, schema_enforced=False)
    assert (rec.approach, rec.gate.id) == ("prompting", "G2")
    assert "schema-enforced" in rec.reason
    assert walk(fixed_format=True, schema_enforced=True).gate.id != "G2"


def test_g3_needs_data_and_an_eval_set():
    assert walk(labeled_examples=499).gate.id == "G3"
    assert walk(labeled_examples=499).reason.startswith("There are only 499 curated examples")
    assert walk(has_eval_set=False).gate.id == "G3"
    assert "evaluation set" in walk(has_eval_set=False).reason


def test_g4_narrow_tasks_only():
    assert walk(narrow_task=False).gate.id == "G4"
    assert walk(needs_novel_reasoning=True).gate.id == "G4"


def test_g5_decides_with_the_cost_model_at_the_buyers_volume():
    # The old gate recommended LoRA at 50 calls a day for a 2,400-token prompt.
    low = walk(calls_per_day=50, behavior_prompt_tokens=2_400)
    assert (low.approach, low.gate.id) == ("prompting", "G5")
    assert "$" in low.reason and "50 calls a day" in low.reason
    even = economics.compare(PRICES, tuning_inputs(Answers(**{**BASE, "behavior_prompt_tokens": 2_400}), PRICES)).break_even
    assert walk(calls_per_day=even, behavior_prompt_tokens=2_400).approach == "peft-lora"
    assert walk(calls_per_day=even - 1, behavior_prompt_tokens=2_400).approach == "prompting"


def test_g5_passes_when_no_prompted_model_meets_the_bar():
    rec = walk(calls_per_day=50, prompted_flagship_meets_bar=False)
    assert rec.approach == "peft-lora"
    assert "No prompted model meets the bar" in rec.reason


answers = st.builds(
    Answers,
    needs_own_foundation_model=st.just(False),
    needs_knowledge=st.booleans(),
    knowledge_changes=st.booleans(),
    knowledge_tokens=st.integers(min_value=0, max_value=400_000),
    prompting_exhausted=st.booleans(),
    fixed_format=st.booleans(),
    schema_enforced=st.booleans(),
    labeled_examples=st.integers(min_value=0, max_value=20_000),
    has_eval_set=st.booleans(),
    narrow_task=st.booleans(),
    needs_novel_reasoning=st.booleans(),
    calls_per_day=st.integers(min_value=0, max_value=2_000_000),
    behavior_prompt_tokens=st.integers(min_value=0, max_value=20_000),
    prompted_flagship_meets_bar=st.booleans(),
)


def cost_verdicts(a: Answers) -> dict[str, str]:
    """What the cost model alone says at G1 and G5, computed without the gates."""
    out = {}
    if a.needs_knowledge and a.knowledge_tokens <= LONG_CONTEXT_MAX_TOKENS:
        whole, retrieval = economics.knowledge_year(PRICES, a.knowledge_tokens, a.calls_per_day)
        out["G1"] = "long-context" if whole <= retrieval else "rag"
    r = economics.compare(PRICES, tuning_inputs(a, PRICES))
    out["G5"] = "peft-lora" if r.tuned.month < r.prompted.month else "prompting"
    return out


def check_agreement(a: Answers) -> None:
    rec = decide(a, PRICES)
    verdict = cost_verdicts(a)
    if rec.gate.id == "G1" and "G1" in verdict:
        assert rec.approach == verdict["G1"], a
    if rec.gate.id == "G5" and a.prompted_flagship_meets_bar:
        assert rec.approach == verdict["G5"], a
        assert tuning_pays(economics.compare(PRICES, tuning_inputs(a, PRICES))) == (rec.approach == "peft-lora")


@settings(max_examples=300, deadline=None)
@given(answers)
def test_the_gates_cost_verdict_equals_the_cost_model_for_any_buyer(a):
    check_agreement(a)


def test_the_gates_cost_verdict_equals_the_cost_model_for_every_scenario():
    decided_on_cost = 0
    for scenario in CAT.scenarios.values():
        check_agreement(scenario.answers)
        decided_on_cost += decide(scenario.answers, PRICES).gate.id in ("G1", "G5")
    assert decided_on_cost >= 2, "the scenarios exercise the gates that decide on cost"
