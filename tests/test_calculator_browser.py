"""The in-page calculator, in Debian's Chromium: the same figures as the Python model, to the cent."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

import pytest

from fieldguide.economics import calculator
from fieldguide.economics import cost
from fieldguide import economics
from fieldguide.content.data import catalog

pytestmark = [pytest.mark.browser, pytest.mark.build]

PRICES = catalog().prices
STANDARD = economics.standard(PRICES)
PLAN = economics.plan(PRICES)
PROMPTED = [m["id"] for m in calculator.data(PRICES)["models"] if not m["tuned"]]
ROUTES = [r["id"] for r in calculator.data(PRICES)["routes"]]
NUMBER_FIELDS = ("calls_per_day", "prompt_tokens", "tuned_prompt_tokens", "user_tokens", "output_tokens", "cached_percent")
PLAN_FIELDS = [name for name, *_ in calculator.PLAN_FIELDS]


def inputs(prompted, route, calls, prompt, tuned, user, output, cached, batch=False, **plan) -> economics.Inputs:
    return economics.Inputs(prompted, route, calls, prompt, tuned, user, output, cached, batch, replace(PLAN, **plan))


def combinations(n: int = 64) -> list[economics.Inputs]:
    """The standard task, the edges (nothing, every cache state, long prompts, huge volumes, a legacy route, batch
    work, an edited program), then random draws."""
    rng = random.Random(20261129)
    out = [
        replace(STANDARD, plan=PLAN),
        inputs("gpt-6-luna", "open-weight-dedicated", 0, 0, 0, 0, 0, 0),
        inputs("gpt-6-2-sol", "openai-hosted", 100_000, 6_000, 300, 200, 400, 90),  # the closing route
        inputs("gpt-6-2-sol", "openai-hosted", 1_000, 1_000, 300, 200, 400, 100),  # under OpenAI's caching minimum
        inputs("claude-haiku-5-5", "open-weight-dedicated", 1_000, 150_000, 300, 200, 400, 90),  # Haiku's long-prompt tier
        inputs("gpt-6-2-sol", "open-weight-dedicated", 1_000, 300_000, 300, 200, 400, 50),  # past 272K: the whole call dearer
        inputs("gpt-6-1-terra", "open-weight-dedicated", 100_000_000, 2_000_000, 2_000_000, 2_000_000, 2_000_000, 3),
        inputs("claude-opus-5-5", "open-weight-dedicated", 300_001, 6_000, 300, 200, 400, 90, batch=True),  # a third GPU
        inputs("gemini-4-argon", "openai-hosted", 50_000, 8_000, 300, 200, 400, 90, batch=True),
        inputs("gpt-6-luna", "open-weight-dedicated", 27_765, 6_000, 300, 200, 400, 90,
               examples=5_000, tokens_per_example=500, epochs=3, minutes_per_example=7, hourly_rate=Decimal("87.50"),
               eval_hours_per_run=40, reruns_per_year=0),
        inputs("gpt-4-1-mini", "openai-hosted", 5_000, 300, 6_000, 200, 400, 0),  # tuned dearer: never
    ]
    while len(out) < n:
        out.append(inputs(
            rng.choice(PROMPTED),
            rng.choice(ROUTES),
            rng.choice([rng.randint(0, 2_000), rng.randint(0, 1_000_000), rng.randint(0, 100_000_000)]),
            rng.randint(0, 400_000),
            rng.randint(0, 5_000),
            rng.randint(0, 20_000),
            rng.randint(0, 8_000),
            rng.choice([0, 90, 100, rng.randint(0, 100)]),
            rng.random() < 0.3,
            examples=rng.randint(0, 20_000),
            minutes_per_example=rng.randint(0, 60),
            hourly_rate=Decimal(rng.randint(0, 30_000)) / 100,
            eval_hours_per_run=rng.randint(0, 200),
            reruns_per_year=rng.randint(0, 12),
        ))
    return out


def shown(page) -> dict[str, str]:
    return page.evaluate(
        """names => Object.fromEntries(names.map(n => [n, document.querySelector(`[data-out="${n}"]`).textContent]))""",
        list(calculator.OUTPUTS),
    )


def enter(page, i: economics.Inputs) -> None:
    page.select_option("#fg-calc-prompted", i.prompted)
    page.select_option("#fg-calc-route", i.route)
    for name in NUMBER_FIELDS:
        page.fill(f"#fg-calc-{name}", str(getattr(i, name)))
    page.set_checked("#fg-calc-batch", i.batch)
    for name in PLAN_FIELDS:
        page.fill(f"#fg-calc-{name}", str(getattr(i.plan or PLAN, name)))


def enter_at_once(page, i: economics.Inputs) -> None:
    """The same values as :func:`enter`, set in one script and announced by one input event, as
    a browser's autofill does: the form must recompute from whatever it holds."""
    values = {"prompted": i.prompted, "route": i.route,
              **{name: str(getattr(i, name)) for name in NUMBER_FIELDS},
              **{name: str(getattr(i.plan or PLAN, name)) for name in PLAN_FIELDS}}
    page.evaluate("""([values, batch]) => {
        for (const [name, value] of Object.entries(values)) document.getElementById(`fg-calc-${name}`).value = value;
        const box = document.getElementById('fg-calc-batch');
        box.checked = batch;
        box.dispatchEvent(new Event('input', {bubbles: true}));
    }""", [values, i.batch])


@pytest.fixture
def economics_page(page, base_url):
    page.goto(f"{base_url}/economics/")
    page.locator(".fg-calc-form").wait_for(state="visible")
    return page


def test_the_calculator_opens_on_the_standard_task_with_the_tables_figures(economics_page):
    assert shown(economics_page) == calculator.results(PRICES, STANDARD)
    r = economics.compare(PRICES, STANDARD)
    assert shown(economics_page)["tuned-month"] == cost.usd(r.tuned.month)


def test_the_calculator_equals_the_python_model_to_the_cent_on_64_inputs(economics_page):
    """The first cases typed field by field, as a reader types them; the rest set at once."""
    cases = combinations(64)
    assert len(cases) >= 60
    mismatches = []
    for n, case in enumerate(cases):
        (enter if n < 4 else enter_at_once)(economics_page, case)
        expected = calculator.results(PRICES, case)
        got = shown(economics_page)
        if got != expected:
            mismatches.append((case, {k: (got[k], v) for k, v in expected.items() if got[k] != v}))
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ (page, python): {mismatches[:3]}"


def test_the_closing_route_and_an_uncached_short_prompt_are_said_in_words(economics_page):
    case = inputs("gpt-6-2-sol", "openai-hosted", 1_000, 1_000, 300, 200, 400, 100)
    enter(economics_page, case)
    warning = economics_page.locator(".fg-calc-warning")
    assert warning.is_visible()
    assert "OpenAI hosted fine-tuning is closing" in warning.inner_text()
    assert "caches only prompts of 1,024 tokens or more" in warning.inner_text()


def test_the_calculator_keeps_working_with_the_network_off(economics_page):
    economics_page.context.set_offline(True)
    changed = inputs("claude-sonnet-5-5", "open-weight-dedicated", 25_000, 4_000, 250, 150, 300, 50, batch=True)
    enter(economics_page, changed)
    assert shown(economics_page) == calculator.results(PRICES, changed)


def test_bad_input_is_named_and_no_figure_is_made_up(economics_page):
    before = shown(economics_page)
    economics_page.fill("#fg-calc-calls_per_day", "-5")
    error = economics_page.locator(".fg-calc-error")
    assert error.is_visible()
    assert "Calls a day must be a whole number" in error.inner_text()
    assert economics_page.get_attribute("#fg-calc-calls_per_day", "aria-invalid") == "true"
    assert shown(economics_page) == before, "the last good figures stay, greyed out; nothing is computed from bad input"
    economics_page.fill("#fg-calc-calls_per_day", "100000")
    economics_page.fill("#fg-calc-hourly_rate", "12.345")
    assert "at most two decimals" in error.inner_text()
    economics_page.fill("#fg-calc-hourly_rate", "100")
    assert not error.is_visible()


def test_a_prompt_too_long_for_the_model_is_flagged(economics_page):
    enter(economics_page, inputs("gpt-6-luna", "open-weight-dedicated", 1_000, 1_200_000, 300, 200, 400, 0))
    warning = economics_page.locator(".fg-calc-warning")
    assert warning.is_visible() and "1,050,000 tokens" in warning.inner_text()


def test_the_calculator_is_reachable_and_usable_by_keyboard(economics_page):
    economics_page.focus("#fg-calc-prompted")
    names = []
    for _ in range(9):
        names.append(economics_page.evaluate("document.activeElement.id"))
        economics_page.keyboard.press("Tab")
    assert names == ["fg-calc-prompted", "fg-calc-route", *[f"fg-calc-{n}" for n in NUMBER_FIELDS], "fg-calc-batch"]
    economics_page.focus("#fg-calc-calls_per_day")
    economics_page.keyboard.press("Control+A")
    economics_page.keyboard.type("2000")
    expected = calculator.results(PRICES, replace(STANDARD, calls_per_day=2_000))
    assert shown(economics_page) == expected
    economics_page.focus("#fg-calc-batch")
    economics_page.keyboard.press("Space")
    assert shown(economics_page) == calculator.results(PRICES, replace(STANDARD, calls_per_day=2_000, batch=True))
