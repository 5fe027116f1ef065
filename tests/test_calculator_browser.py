"""The in-page calculator, in Debian's Chromium: the same figures as the Python model, to the cent."""

from __future__ import annotations

import random
from dataclasses import asdict

import pytest

from fieldguide import calculator, economics
from fieldguide.data import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.build]

PRICES = load_catalog().prices
PROMPTED = [m.id for m in PRICES.models if m.kind == "chat" and not m.fine_tuned_from]
TUNED = [m.id for m in PRICES.models if m.fine_tuned_from]
NUMBER_FIELDS = ("calls_per_day", "prompt_tokens", "tuned_prompt_tokens", "user_tokens", "output_tokens", "cached_percent")


def combinations(n: int = 60) -> list[economics.Inputs]:
    """The standard task, the edges (nothing, everything cached, huge volumes), then random draws."""
    rng = random.Random(20261122)
    out = [
        economics.STANDARD,
        economics.Inputs("gpt-4-1-mini", "ft-gpt-4-1-mini", 0, 0, 0, 0, 0, 0),
        economics.Inputs("claude-sonnet", "ft-gpt-4o-mini", 1, 150_000, 300, 200, 400, 100),
        economics.Inputs("claude-haiku-4-5", "ft-gpt-4-1", 100_000_000, 2_000_000, 2_000_000, 2_000_000, 2_000_000, 3),
        economics.Inputs("gpt-4-1-nano", "ft-gpt-4-1", 5_000, 300, 6_000, 200, 400, 0),  # tuned dearer: never
    ]
    while len(out) < n:
        out.append(economics.Inputs(
            prompted=rng.choice(PROMPTED),
            tuned=rng.choice(TUNED),
            calls_per_day=rng.choice([rng.randint(0, 2_000), rng.randint(0, 1_000_000), rng.randint(0, 100_000_000)]),
            prompt_tokens=rng.randint(0, 200_000),
            tuned_prompt_tokens=rng.randint(0, 5_000),
            user_tokens=rng.randint(0, 20_000),
            output_tokens=rng.randint(0, 8_000),
            cached_percent=rng.choice([0, 100, rng.randint(0, 100)]),
        ))
    return out


def shown(page) -> dict[str, str]:
    return page.evaluate(
        """names => Object.fromEntries(names.map(n => [n, document.querySelector(`[data-out="${n}"]`).textContent]))""",
        list(calculator.OUTPUTS),
    )


def enter(page, inputs: economics.Inputs) -> None:
    values = asdict(inputs)
    page.select_option("#fg-calc-prompted", values["prompted"])
    page.select_option("#fg-calc-tuned", values["tuned"])
    for name in NUMBER_FIELDS:
        page.fill(f"#fg-calc-{name}", str(values[name]))


@pytest.fixture
def economics_page(page, base_url):
    page.goto(f"{base_url}/economics/")
    page.locator(".fg-calc-form").wait_for(state="visible")
    return page


def test_the_calculator_opens_on_the_standard_task_with_the_tables_figures(economics_page):
    assert shown(economics_page) == calculator.results(PRICES, economics.STANDARD)


def test_the_calculator_equals_the_python_model_to_the_cent_on_60_inputs(economics_page):
    cases = combinations(60)
    assert len(cases) >= 50
    mismatches = []
    for inputs in cases:
        enter(economics_page, inputs)
        expected = calculator.results(PRICES, inputs)
        got = shown(economics_page)
        if got != expected:
            mismatches.append((inputs, {k: (got[k], v) for k, v in expected.items() if got[k] != v}))
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ (page, python): {mismatches[:3]}"


def test_the_calculator_keeps_working_with_the_network_off(economics_page):
    economics_page.context.set_offline(True)
    changed = economics.Inputs("gpt-4o", "ft-gpt-4o-mini", 25_000, 4_000, 250, 150, 300, 50)
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
    assert not error.is_visible()


def test_a_prompt_too_long_for_the_model_is_flagged(economics_page):
    enter(economics_page, economics.Inputs("gpt-4o", "ft-gpt-4o-mini", 1_000, 150_000, 300, 200, 400, 0))
    warning = economics_page.locator(".fg-calc-warning")
    assert warning.is_visible() and "128,000 tokens" in warning.inner_text()


def test_the_calculator_is_reachable_and_usable_by_keyboard(economics_page):
    economics_page.focus("#fg-calc-prompted")
    names = []
    for _ in range(8):
        names.append(economics_page.evaluate("document.activeElement.id"))
        economics_page.keyboard.press("Tab")
    assert names[:8] == ["fg-calc-prompted", "fg-calc-tuned", *[f"fg-calc-{n}" for n in NUMBER_FIELDS]]
    economics_page.focus("#fg-calc-calls_per_day")
    economics_page.keyboard.press("Control+A")
    economics_page.keyboard.type("2000")
    expected = calculator.results(PRICES, economics.Inputs(**{**asdict(economics.STANDARD), "calls_per_day": 2_000}))
    assert shown(economics_page) == expected
