"""Properties of the cost model that must hold for any prices and any call (hypothesis)."""

from __future__ import annotations

import os

from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fieldguide.economics import cost
from fieldguide.economics.cost import RequestShape, monthly, per_call, usd
from fieldguide.economics.prices import ModelPrice

price = st.decimals(min_value=0, max_value=100, places=6, allow_nan=False, allow_infinity=False)
tokens = st.integers(min_value=0, max_value=2_000_000)
share = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
volume = st.integers(min_value=0, max_value=10_000_000)


@st.composite
def models(draw, write: bool | None = None):
    inp = draw(price)
    cached = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=inp, places=6)))
    has_write = draw(st.booleans()) if write is None else write
    cache_write = None
    if has_write:
        if cached is None:
            cached = inp
        cache_write = draw(st.decimals(min_value=inp, max_value=inp * 2, places=6))
    minimum = None if cached is None else draw(st.integers(min_value=1, max_value=8_192))
    return ModelPrice(id="m", name="M", vendor="V", status="current", input=inp, cached_input=cached,
                      cache_write=cache_write, cache_min_tokens=minimum, output=draw(price),
                      batch_discount=draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=1, places=2))),
                      source="s", checked="2026-01-01")


@st.composite
def shapes(draw, cached_share=share):
    return RequestShape(draw(tokens), draw(tokens), draw(tokens), draw(tokens), draw(cached_share))


# The whole suite tries 150 cases per property; `make check` (--hypothesis-profile=quick) 40.
settings.register_profile("fieldguide", max_examples=150, deadline=None)
settings.register_profile("quick", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fieldguide"))


@given(models(), shapes(), volume)
def test_cost_is_never_negative(m, shape, calls):
    assert per_call(m, shape) >= 0
    assert monthly(m, shape, calls) >= 0


@given(models(), shapes(), volume, volume)
def test_monthly_cost_grows_with_volume(m, shape, a, b):
    low, high = sorted((a, b))
    assert monthly(m, shape, low) <= monthly(m, shape, high)


@given(models(), shapes(), st.sampled_from(["system_tokens", "retrieved_tokens", "user_tokens", "output_tokens"]),
       st.integers(min_value=1, max_value=100_000))
def test_more_tokens_never_cost_less(m, shape, field, extra):
    bigger = RequestShape(**{**shape.__dict__, field: getattr(shape, field) + extra})
    # A prompt that grows past the caching minimum becomes cacheable and may cost less: vendors price it so.
    assume(cost.caches(m, bigger) == cost.caches(m, shape))
    assert per_call(m, bigger) >= per_call(m, shape)


@given(models(write=True), st.data())
def test_a_prompt_under_the_caching_minimum_costs_what_it_costs_uncached(m, data):
    system = data.draw(st.integers(min_value=0, max_value=m.cache_min_tokens - 1))
    shape = RequestShape(system, data.draw(tokens), data.draw(tokens), data.draw(tokens), data.draw(share))
    uncached = RequestShape(shape.system_tokens, shape.retrieved_tokens, shape.user_tokens, shape.output_tokens)
    assert per_call(m, shape) == per_call(m, uncached)


@given(models(write=False), shapes())
def test_caching_never_raises_cost_without_a_write_surcharge(m, shape):
    uncached = RequestShape(shape.system_tokens, shape.retrieved_tokens, shape.user_tokens, shape.output_tokens)
    assert per_call(m, shape) <= per_call(m, uncached)


@given(models(write=True), shapes())
def test_with_a_write_surcharge_caching_never_raises_cost_above_the_break_even_hit_share(m, shape):
    uncached = RequestShape(shape.system_tokens, shape.retrieved_tokens, shape.user_tokens, shape.output_tokens)
    if Fraction(shape.cached_share) >= cost.min_cache_hit_share(m):
        assert per_call(m, shape) <= per_call(m, uncached)
    else:
        # Below it the surcharge on misses outweighs the cheaper reads: the model says so.
        assert per_call(m, shape) >= per_call(m, uncached)


@given(models(write=False), shapes(), share, share)
def test_a_higher_hit_share_never_costs_more(m, shape, a, b):
    low, high = sorted((a, b))
    at = lambda s: RequestShape(shape.system_tokens, shape.retrieved_tokens, shape.user_tokens, shape.output_tokens, s)  # noqa: E731
    assert per_call(m, at(high)) <= per_call(m, at(low))


@given(
    st.decimals(min_value=Decimal("0.000001"), max_value=10, places=6),
    st.decimals(min_value=0, max_value=10, places=6),
    st.decimals(min_value=0, max_value=1_000_000, places=2),
)
def test_from_the_break_even_volume_the_tuned_month_is_never_dearer(prompted, tuned, fixed_year):
    assume(tuned < prompted)
    fixed_month = Fraction(fixed_year) / 12
    even = cost.break_even_calls_per_day(prompted, tuned, fixed_month)
    assert even is not None and even >= 0
    for volume in (even, even + 1, even * 2 + 7):
        assert cost.monthly_at(tuned, volume, fixed_month) <= cost.monthly_at(prompted, volume)
    if even >= 1:  # one call a day short of it, the tuned month is dearer
        assert cost.monthly_at(tuned, even - 1, fixed_month) > cost.monthly_at(prompted, even - 1)


@settings(max_examples=150)
@given(
    st.fractions(min_value=Fraction(1, 100), max_value=5, max_denominator=100),
    st.integers(min_value=0, max_value=2_000),
    st.integers(min_value=1, max_value=400),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=3),
)
def test_on_dedicated_gpus_the_break_even_is_the_last_volume_the_tuned_model_is_dearer(p, fixed, gpu, per_gpu, minimum):
    """Brute force over every volume up to a horizon well past the answer."""
    even = cost.break_even_calls_per_day(p, 0, fixed, gpu_month=gpu, calls_per_gpu_day=per_gpu, min_gpus=minimum)

    def dearer(v):
        return cost.gpus_needed(v, per_gpu, minimum) * gpu + fixed > 30 * p * v

    if even is None:
        # Each GPU costs at least what the calls it serves save: the tuned model is dearer again at some later step.
        assert 30 * p * per_gpu <= gpu
        assert any(dearer(v) for v in range(10_000, 10_000 + 2 * per_gpu + 2))
        return
    assert not any(dearer(v) for v in range(even, even + 5 * per_gpu + 50))
    if even > 0:
        assert dearer(even - 1)


@given(models(), shapes(), st.booleans())
def test_the_batch_discount_never_raises_a_call(m, shape, batch):
    assert per_call(m, shape, batch=True) <= per_call(m, shape)


@given(st.decimals(min_value=0, max_value=10, places=6), st.decimals(min_value=0, max_value=10, places=6))
def test_no_break_even_when_the_tuned_call_is_not_cheaper(prompted, tuned):
    assume(tuned >= prompted)
    assert cost.break_even_calls_per_day(prompted, tuned, 100) is None


@given(st.fractions(min_value=0, max_value=10**9))
def test_printed_dollars_are_within_half_a_cent_of_the_exact_amount(amount):
    printed = Fraction(usd(amount).replace("$", "").replace(",", ""))
    assert abs(printed - amount) <= Fraction(1, 200)
