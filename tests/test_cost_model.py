"""The cost model, against examples worked by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from fieldguide import cost, economics
from fieldguide.cost import RequestShape, monthly, per_call, usd
from fieldguide.data import load_catalog
from fieldguide.schema import ModelPrice

CAT = load_catalog()


def model(**prices) -> ModelPrice:
    base = dict(id="m", name="M", vendor="V", input=Decimal("2.00"), cached_input=Decimal("0.50"), output=Decimal("8.00"),
                source="s", checked="2026-01-01")
    return ModelPrice(**{**base, **prices})


def test_per_call_by_hand():
    # 6,000 + 200 input tokens at $2/M = $0.0124; 400 output tokens at $8/M = $0.0032.
    assert per_call(model(), RequestShape(6_000, 0, 200, 400)) == Decimal("0.0156")


def test_cached_share_bills_the_prefix_at_the_cached_price():
    # 95% of 6,000 = 5,700 cached at $0.50/M = $0.00285; 300 + 200 fresh at $2/M = $0.001; output $0.0032.
    assert per_call(model(), RequestShape(6_000, 0, 200, 400, Decimal("0.95"))) == Decimal("0.00705")


def test_retrieved_tokens_are_never_cached():
    # Passages change every call: 2,000 retrieved tokens stay at $2/M whatever the share.
    shape = RequestShape(0, 2_000, 0, 0, Decimal(1))
    assert per_call(model(), shape) == Decimal("0.004")


def test_cache_writes_cost_extra_where_the_vendor_charges_for_them():
    # Anthropic-style: input $3, read $0.30, write $3.75. 150,000-token prefix, 80% hits:
    # 120,000 x 0.30 = 0.036; 30,000 x 3.75 = 0.1125 (writes); total $0.1485.
    m = model(input=Decimal("3"), cached_input=Decimal("0.30"), cache_write=Decimal("3.75"), output=Decimal("15"))
    assert per_call(m, RequestShape(150_000, 0, 0, 0, Decimal("0.8"))) == Decimal("0.1485")
    # Without caching there is no write: 150,000 x $3 = $0.45.
    assert per_call(m, RequestShape(150_000, 0, 0, 0)) == Decimal("0.45")


def test_break_even_share_for_cache_writes_by_hand():
    # Caching pays when s x (3 - 0.3) >= (1 - s) x (3.75 - 3): s >= 0.75 / 3.45 = 5/23.
    m = model(input=Decimal("3"), cached_input=Decimal("0.30"), cache_write=Decimal("3.75"))
    share = cost.min_cache_hit_share(m)
    assert share == Fraction(5, 23)
    at = RequestShape(1_000_000, 0, 0, 0, Decimal(5) / Decimal(23))
    assert usd(per_call(m, at)) == usd(per_call(m, RequestShape(1_000_000, 0, 0, 0)))
    assert cost.min_cache_hit_share(model()) == 0


def test_a_model_without_a_cached_price_bills_cached_tokens_as_input():
    m = model(cached_input=None)
    assert per_call(m, RequestShape(1_000, 0, 0, 0, Decimal(1))) == per_call(m, RequestShape(1_000, 0, 0, 0))


def test_monthly_is_thirty_days_and_exact():
    assert monthly(model(), RequestShape(6_000, 0, 200, 400), 100_000) == Decimal("46800.0000")


def test_tuning_program_by_hand():
    # 1,000 examples x 1,000 tokens x 3 epochs = 3M training tokens at $5/M = $15 a run.
    plan = cost.TuningPlan(examples=1_000, tokens_per_example=1_000, epochs=3,
                           curation_per_example=Decimal("3.00"), reruns_per_year=4)
    tuned = model(training=Decimal("5.00"))
    run = cost.hosted_training_run(tuned, plan)
    assert run == Decimal(15)
    program = cost.tuning_cost(run, plan)
    assert (program.curation, program.one_off, program.recurring_per_year, program.first_year) == (3000, 3015, 60, 3075)
    assert program.per_month == Fraction(3075, 12)  # $256.25, exactly
    assert cost.gpu_training_run(Decimal("4.00"), Decimal(8)) == Decimal(32)


def test_a_model_that_cannot_be_tuned_is_refused_with_its_name():
    plan = cost.TuningPlan(1, 1, 1, Decimal(0), 0)
    with pytest.raises(ValueError, match="m has no training price"):
        cost.hosted_training_run(model(), plan)


def test_break_even_by_hand():
    # Saving 0.0156 - 0.00168 = 0.01392 a call; $256.25 a month / (30 x 0.01392) = 613.6... calls a day.
    even = cost.break_even_calls_per_day(Decimal("0.0156"), Decimal("0.00168"), Fraction(3075, 12))
    assert even == Fraction("256.25") / Fraction("0.4176")
    assert cost.calls(even) == "614"
    assert cost.break_even_calls_per_day(Decimal("0.001"), Decimal("0.002"), 100) is None
    assert cost.break_even_calls_per_day(Decimal("0.001"), Decimal("0.001"), 100) is None


def test_the_standard_comparison_from_the_real_price_list():
    # GPT-4.1 at $2/$8 with a 6,000-token prompt against tuned GPT-4.1 mini at $0.80/$3.20 with 300.
    r = economics.compare(CAT.prices, economics.STANDARD)
    assert r.prompted_call == Decimal("0.0156")
    assert r.tuned_call == Decimal("0.00168")
    assert usd(r.prompted_month) == "$46,800.00"
    assert usd(r.tuned_month) == "$5,296.25"  # 5,040 + 3,075 / 12
    assert r.break_even_calls == 614


def test_index_cost_by_hand():
    embedder = model(input=Decimal("0.02"), output=Decimal(0), cached_input=None)
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
