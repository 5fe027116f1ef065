"""Properties of the cost model that must hold for any prices and any call (hypothesis)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fieldguide import cost
from fieldguide.cost import RequestShape, monthly, per_call, usd
from fieldguide.schema import ModelPrice

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
    return ModelPrice(id="m", name="M", vendor="V", input=inp, cached_input=cached, cache_write=cache_write,
                      output=draw(price), source="s", checked="2026-01-01")


@st.composite
def shapes(draw, cached_share=share):
    return RequestShape(draw(tokens), draw(tokens), draw(tokens), draw(tokens), draw(cached_share))


settings.register_profile("fieldguide", max_examples=300, deadline=None)
settings.load_profile("fieldguide")


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
    assert per_call(m, bigger) >= per_call(m, shape)


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
def test_at_the_break_even_volume_both_months_cost_the_same_to_the_cent(prompted, tuned, fixed_year):
    assume(tuned < prompted)
    fixed_month = Fraction(fixed_year) / 12
    even = cost.break_even_calls_per_day(prompted, tuned, fixed_month)
    assert even is not None and even >= 0
    a = cost.monthly_at(prompted, even)
    b = cost.monthly_at(tuned, even, fixed_month)
    assert a == b  # exact, so equal to the cent as well
    assert usd(a) == usd(b)
    # One whole call a day past it, the tuned model is no dearer; one call short, no cheaper.
    past = cost.monthly_at(tuned, even + 1, fixed_month) <= cost.monthly_at(prompted, even + 1)
    assert past
    if even >= 1:
        assert cost.monthly_at(tuned, even - 1, fixed_month) >= cost.monthly_at(prompted, even - 1)


@given(st.decimals(min_value=0, max_value=10, places=6), st.decimals(min_value=0, max_value=10, places=6))
def test_no_break_even_when_the_tuned_call_is_not_cheaper(prompted, tuned):
    assume(tuned >= prompted)
    assert cost.break_even_calls_per_day(prompted, tuned, 100) is None


@given(st.fractions(min_value=0, max_value=10**9))
def test_printed_dollars_are_within_half_a_cent_of_the_exact_amount(amount):
    printed = Fraction(usd(amount).replace("$", "").replace(",", ""))
    assert abs(printed - amount) <= Fraction(1, 200)
