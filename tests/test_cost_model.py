"""The cost model, against examples worked by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from fieldguide.economics import cost, tuning
from fieldguide import economics
from fieldguide.economics.cost import RequestShape, monthly, per_call, usd
from fieldguide.content.data import catalog
from fieldguide.economics.prices import ModelPrice

CAT = catalog()


def model(**prices) -> ModelPrice:
    base = dict(id="m", name="M", vendor="V", status="current", input=Decimal("2.00"), cached_input=Decimal("0.50"),
                cache_min_tokens=1024, output=Decimal("8.00"), source="s", checked="2026-01-01")
    return ModelPrice(**{**base, **prices})


def test_per_call_by_hand():
    # 6,000 + 200 input tokens at $2/M = $0.0124; 400 output tokens at $8/M = $0.0032.
    assert per_call(model(), RequestShape(6_000, 0, 200, 400)) == Decimal("0.0156")


def test_cached_share_bills_the_prefix_at_the_cached_price():
    # 95% of 6,000 = 5,700 cached at $0.50/M = $0.00285; 300 + 200 fresh at $2/M = $0.001; output $0.0032.
    assert per_call(model(), RequestShape(6_000, 0, 200, 400, Decimal("0.95"))) == Decimal("0.00705")


def test_a_prompt_under_the_caching_minimum_is_never_cached():
    # OpenAI caches prompts of 1,024 tokens or more: a 300-token prompt pays full input price however often it repeats.
    short = RequestShape(300, 0, 200, 400, Decimal(1))
    assert per_call(model(), short) == per_call(model(), RequestShape(300, 0, 200, 400))
    assert not cost.caches(model(), short)
    assert cost.caches(model(), RequestShape(1_024, 0, 0, 0, Decimal(1)))


def test_retrieved_tokens_are_never_cached():
    # Passages change every call: 2,000 retrieved tokens stay at $2/M whatever the share.
    shape = RequestShape(0, 2_000, 0, 0, Decimal(1))
    assert per_call(model(), shape) == Decimal("0.004")


def test_cache_writes_cost_extra_where_the_vendor_charges_for_them():
    # Input $2, read $0.10, write $2.50 (GPT-6.2 Sol). 150,000-token prefix, 90% hits:
    # 135,000 x 0.10 = 0.0135; 15,000 x 2.50 = 0.0375 (writes); total $0.051.
    m = model(input=Decimal("2"), cached_input=Decimal("0.10"), cache_write=Decimal("2.50"), output=Decimal("10"))
    assert per_call(m, RequestShape(150_000, 0, 0, 0, Decimal("0.9"))) == Decimal("0.051")
    # Without caching there is no write: 150,000 x $2 = $0.30.
    assert per_call(m, RequestShape(150_000, 0, 0, 0)) == Decimal("0.3")


def test_a_long_prompt_is_billed_whole_at_the_long_context_rates():
    # Claude Haiku 5.5: above 100K input tokens every token costs $0.50 in and $2.50 out instead of $0.10 and $0.50.
    m = economics.model(CAT.prices, "claude-haiku-5-5")
    assert per_call(m, RequestShape(100_000, 0, 0, 1_000)) == Decimal("0.0105")  # 100,000 x 0.10 + 1,000 x 0.50
    assert per_call(m, RequestShape(100_000, 0, 1, 1_000)) == Decimal("0.0525005")  # 100,001 x 0.50 + 1,000 x 2.50


def test_batch_takes_the_vendor_discount_off_every_price():
    m = model(batch_discount=Decimal("0.5"))
    shape = RequestShape(6_000, 0, 200, 400, Decimal("0.95"))
    assert per_call(m, shape, batch=True) == per_call(m, shape) / 2
    assert per_call(model(), shape, batch=True) == per_call(model(), shape), "no discount where the vendor offers none"


def test_break_even_share_for_cache_writes_by_hand():
    # Caching pays when s x (3 - 0.3) >= (1 - s) x (3.75 - 3): s >= 0.75 / 3.45 = 5/23.
    m = model(input=Decimal("3"), cached_input=Decimal("0.30"), cache_write=Decimal("3.75"))
    share = cost.min_cache_hit_share(m)
    assert share == Fraction(5, 23)
    at = RequestShape(1_000_000, 0, 0, 0, Decimal(5) / Decimal(23))
    assert usd(per_call(m, at)) == usd(per_call(m, RequestShape(1_000_000, 0, 0, 0)))
    assert cost.min_cache_hit_share(model()) == 0


def test_a_model_without_a_cached_price_bills_cached_tokens_as_input():
    m = model(cached_input=None, cache_min_tokens=None)
    assert per_call(m, RequestShape(1_000, 0, 0, 0, Decimal(1))) == per_call(m, RequestShape(1_000, 0, 0, 0))


def test_monthly_is_thirty_days_and_exact():
    assert monthly(model(), RequestShape(6_000, 0, 200, 400), 100_000) == Decimal("46800.0000")


def test_tuning_program_by_hand():
    # 1,000 examples x 15 minutes = 250 hours at $100 = $25,000 of curation.
    # A run: 8 GPU-hours x $3.99 = $31.92 of compute and 16 hours x $100 = $1,600 of evaluation.
    plan = tuning.TuningPlan(examples=1_000, tokens_per_example=1_000, epochs=3, minutes_per_example=15,
                           hourly_rate=Decimal("100"), eval_hours_per_run=16, reruns_per_year=2,
                           expert_hours_per_week=20, weeks_per_run=2)
    program = tuning.tuning_cost(tuning.gpu_training_run(Decimal("3.99"), Decimal(8)), plan)
    assert program.curation == 25_000
    assert program.run == Fraction("1631.92")
    assert program.one_off == Fraction("26631.92")
    assert program.recurring_per_year == Fraction("3263.84")
    assert program.first_year == Fraction("29895.76")
    assert usd(program.per_month) == "$2,491.31"
    assert plan.weeks == 13 + 2  # 250 hours at 20 a week is 12.5, so 13 weeks of data work
    assert plan.training_tokens == 3_000_000
    # Hosted: 3M training tokens at $5/M is $15 of compute.
    assert tuning.hosted_training_run(model(training=Decimal("5.00")), plan) == Decimal(15)


def test_curation_is_exact_in_minutes():
    plan = tuning.TuningPlan(7, 1, 1, 7, Decimal("100"), 0, 0)
    assert plan.curation == Fraction(4900, 60)  # $81.666..., never rounded before printing
    assert usd(plan.curation) == "$81.67"


def test_a_model_that_cannot_be_tuned_is_refused_with_its_name():
    plan = tuning.TuningPlan(1, 1, 1, 0, Decimal(0), 0, 0)
    with pytest.raises(ValueError, match="m has no training price"):
        tuning.hosted_training_run(model(), plan)


def test_gpus_come_whole():
    assert cost.gpus_needed(0, 150_000, 1) == 1
    assert cost.gpus_needed(150_000, 150_000, 1) == 1
    assert cost.gpus_needed(150_001, 150_000, 1) == 2
    assert cost.gpus_needed(10, 150_000, 2) == 2


def test_break_even_by_hand():
    # Per token: saving 0.0156 - 0.00168 = 0.01392 a call; $256.25 a month / (30 x 0.01392) = 613.6 -> 614 calls.
    assert cost.break_even_calls_per_day(Decimal("0.0156"), Decimal("0.00168"), Fraction(3075, 12)) == 614
    assert cost.break_even_calls_per_day(Decimal("0.001"), Decimal("0.002"), 100) is None
    assert cost.break_even_calls_per_day(Decimal("0.001"), Decimal("0.001"), 100) is None


def test_break_even_on_dedicated_gpus_by_hand():
    # One GPU at $2,872.80 a month plus a $2,491.31 program, against $0.00644 a call:
    # (2,872.80 + 2,491.31...) / (30 x 0.00644) = 27,764.7 -> 27,765 calls a day, inside the first GPU's 150,000.
    program = Fraction("29895.76") / 12
    even = cost.break_even_calls_per_day(Decimal("0.00644"), 0, program, gpu_month=Decimal("2872.80"),
                                         calls_per_gpu_day=150_000, min_gpus=1)
    assert even == 27_765
    # Against $0.000365 a call, each added GPU costs more than the 150,000 calls it serves: never.
    assert cost.break_even_calls_per_day(Decimal("0.000365"), 0, program, gpu_month=Decimal("2872.80"),
                                         calls_per_gpu_day=150_000, min_gpus=1) is None


def brute_force(p, t, fixed, gpu_month, per_gpu, minimum, horizon):
    def tuned(v):
        return cost.gpus_needed(v, per_gpu, minimum) * gpu_month + fixed + 30 * t * v

    ok = [tuned(v) <= 30 * p * v for v in range(horizon)]
    v0 = horizon
    while v0 > 0 and ok[v0 - 1]:
        v0 -= 1
    return v0


@pytest.mark.parametrize("p,fixed,gpu_month,per_gpu,minimum", [
    (Fraction(1), 100, 500, 40, 1),
    (Fraction(3), 0, 80, 30, 0),
    (Fraction(7, 2), 250, 90, 35, 2),
    (Fraction(2), 1_000, 50, 30, 1),
])
def test_break_even_on_gpus_equals_a_brute_force_walk(p, fixed, gpu_month, per_gpu, minimum):
    got = cost.break_even_calls_per_day(p, 0, fixed, gpu_month=gpu_month, calls_per_gpu_day=per_gpu, min_gpus=minimum)
    assert got == brute_force(p, 0, fixed, gpu_month, per_gpu, minimum, 2_000)


def test_the_standard_comparison_from_the_real_price_list():
    # GPT-6.2 Sol ($2 in, $0.10 cached, $2.50 write, $10 out), 6,000-token prompt, 90% cached:
    # 5,400 x 0.10 + 600 x 2.50 + 200 x 2 + 400 x 10 = 6,440 millionths: $0.00644 a call, $19,320 a month.
    r = economics.compare(CAT.prices, economics.standard(CAT.prices))
    assert r.prompted.per_call == Decimal("0.00644")
    assert usd(r.prompted.month) == "$19,320.00"
    # gpt-oss-20b per token ($0.07 in, $0.035 cached, $0.30 out): 5,400 x 0.035 + 800 x 0.07 + 400 x 0.30 = 365.
    assert r.small.per_call == Decimal("0.000365")
    # Tuned: one GPU at $3.99 x 720 hours = $2,872.80, plus a twelfth of the $29,895.76 program.
    assert r.tuned.gpus == 1
    assert usd(r.tuned.month) == "$5,364.11"
    assert r.break_even == 27_765
    assert r.break_even_small is None


def test_the_tuned_saving_splits_into_four_parts_that_add_up():
    for route in ("open-weight-dedicated", "openai-hosted"):
        r = economics.compare(CAT.prices, replace(economics.standard(CAT.prices), route=route))
        assert r.prompted.month - r.tuned.month == r.saving.total, route
    r = economics.compare(CAT.prices, economics.standard(CAT.prices))
    assert usd(r.saving.downsizing) == "$18,225.00"  # $19,320 - $1,095
    assert usd(r.saving.shortening) == "$658.35"  # $1,095 - 300-token prompt: 270 x 0.035 + 230 x 0.07 + 120 = 145.55 a call
    assert usd(r.saving.premium) == "$2,436.15"  # $2,872.80 of GPU - $436.65 of short-prompt tokens


def test_a_priced_in_the_console_route_cannot_be_compared():
    with pytest.raises(ValueError, match="priced in its console"):
        economics.compare(CAT.prices, replace(economics.standard(CAT.prices), route="bedrock"))


def test_a_retired_model_is_never_offered():
    with pytest.raises(ValueError, match="shut down on 23 October 2026"):
        economics.compare(CAT.prices, replace(economics.standard(CAT.prices), prompted="gpt-4o-2024-05-13"))


def test_the_cheapest_standard_row_is_the_small_model_cached():
    rows = economics.standard_rows(CAT.prices)
    best = economics.cheapest(rows)
    assert best.key == "small-cached"
    assert all(best.first_year <= row.first_year for row in rows)


def test_knowledge_in_the_prompt_against_retrieval_by_hand():
    # 150,000 tokens on GPT-6.2 Sol, 90% cached: 135,000 x 0.10 + 15,000 x 2.50 + 200 x 2 + 400 x 10 = 55,400 millionths.
    whole, retrieval = economics.knowledge_year(CAT.prices, 150_000, 1_000)
    assert whole == Fraction("0.0554") * 1_000 * 30 * 12
    # Retrieval: 800-token prompt (too short to cache) + 2,000 passages + 200 in at $2, 400 out at $10 = $0.01 a call,
    # plus 160 hours at $100 to build it.
    assert retrieval == Fraction("0.01") * 1_000 * 30 * 12 + 16_000
    crossover = economics.knowledge_crossover(CAT.prices, 150_000)
    w, rag = economics.knowledge_year(CAT.prices, 150_000, crossover)
    assert rag < w
    w, rag = economics.knowledge_year(CAT.prices, 150_000, crossover - 1)
    assert rag >= w


def test_index_cost_by_hand():
    embedder = model(input=Decimal("0.02"), output=Decimal(0), cached_input=None, cache_min_tokens=None)
    assert cost.index_cost(embedder, 10_000_000) == Decimal("0.2")


def test_usd_rounds_half_up_to_the_cent_exactly():
    assert usd(Decimal("0.005")) == "$0.01"
    assert usd(Decimal("1234.5649")) == "$1,234.56"
    assert usd(Decimal("0.00705"), 4) == "$0.0071"
    assert usd(Fraction(1, 8)) == "$0.13"  # 0.125 -> up
    assert usd(Fraction(2, 3)) == "$0.67"
    assert usd(Fraction(3075, 12)) == "$256.25"
    assert usd(Decimal("-0.005")) == "-$0.01"
    # Binary floating point would print 2.675 as 2.67.
    assert usd(Decimal("2.675")) == "$2.68"


def test_large_sums_in_words():
    assert cost.usd_short(Decimal("78352034")) == "$78.4 million"
    assert cost.usd_short(Decimal("100000000")) == "$100 million"
    assert cost.usd_short(Decimal("1200000000")) == "$1.2 billion"
    assert cost.usd_short(Decimal("3075")) == "$3,075"


@pytest.mark.parametrize("bad", [dict(system_tokens=-1), dict(cached_share=Decimal("1.5"))])
def test_impossible_shapes_are_refused(bad):
    args = dict(system_tokens=1, retrieved_tokens=0, user_tokens=0, output_tokens=0)
    with pytest.raises(ValueError):
        RequestShape(**{**args, **bad})
