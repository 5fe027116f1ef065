"""The cost model, against examples worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fieldguide.cost import RequestShape, monthly, per_call, usd
from fieldguide.schema import ModelPrice


def model(**prices) -> ModelPrice:
    base = dict(id="m", name="M", vendor="V", input=Decimal("2.00"), cached_input=Decimal("0.50"), output=Decimal("8.00"),
                source="s", checked="2026-01-01")
    return ModelPrice(**{**base, **prices})


def test_per_call_by_hand():
    # 6,000 + 200 input tokens at $2/M = $0.0124; 400 output tokens at $8/M = $0.0032.
    assert per_call(model(), RequestShape(6_000, 0, 200, 400)) == Decimal("0.0156")


def test_cached_share_bills_the_prefix_at_the_cached_price():
    # 95% of 6,000 = 5,700 cached at $0.50/M = $0.00285; 500 fresh at $2/M = $0.001; output $0.0032.
    assert per_call(model(), RequestShape(6_000, 0, 200, 400, Decimal("0.95"))) == Decimal("0.00705")


def test_a_model_without_a_cached_price_bills_cached_tokens_as_input():
    m = model(cached_input=None)
    assert per_call(m, RequestShape(1_000, 0, 0, 0, Decimal(1))) == per_call(m, RequestShape(1_000, 0, 0, 0))


def test_monthly_is_thirty_days_and_exact():
    assert monthly(model(), RequestShape(6_000, 0, 200, 400), 100_000) == Decimal("46800.0000")


def test_usd_rounds_half_up_to_the_cent():
    assert usd(Decimal("0.005")) == "$0.01"
    assert usd(Decimal("1234.5649")) == "$1,234.56"
    assert usd(Decimal("0.00705"), 4) == "$0.0071"


@pytest.mark.parametrize("bad", [dict(system_tokens=-1), dict(cached_share=Decimal("1.5"))])
def test_impossible_shapes_are_refused(bad):
    args = dict(system_tokens=1, retrieved_tokens=0, user_tokens=0, output_tokens=0)
    with pytest.raises(ValueError):
        RequestShape(**{**args, **bad})
