"""Loading data: schema errors name the file, the line and the field path."""

from __future__ import annotations

import datetime as dt

import re
import shutil
from pathlib import Path

import pytest

from fieldguide.content.data import load_catalog
from fieldguide.content.text import escape_html_in_markdown
from fieldguide.content.yamlfile import DataFileError, load_yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def test_line_map_points_at_each_value(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("items:\n  - id: a\n    name: first\n  - id: b\n    name: second\n")
    loaded = load_yaml(path)
    assert loaded.line_of(("items", 1, "name")) == 5
    assert loaded.line_of(("items", 1, "missing")) == 4


def test_duplicate_keys_are_refused(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a: 1\nb: 2\na: 3\n")
    with pytest.raises(DataFileError, match=r"x.yml:line 3: key 'a' appears twice"):
        load_yaml(path)


def test_all_problems_are_reported_together_with_locations(data):
    prices = data / "prices.yml"
    prices.write_text(prices.read_text().replace('input: "2.00"', 'input: "-1"', 1))
    sources = data / "sources.yml"
    sources.write_text(sources.read_text().replace("    kind: paper\n", "", 1))
    with pytest.raises(DataFileError) as err:
        load_catalog(data)
    message = str(err.value)
    assert re.match(r"\S*data/(prices|sources)\.yml:\d+: ", message.splitlines()[0]), message
    assert message.endswith("(2 problems in the data files)")
    assert "models[0].input: Input should be greater than or equal to 0" in message
    assert "sources[0].kind: required field is missing; add it" in message


def test_unknown_source_reference_is_named(data):
    prices = data / "prices.yml"
    prices.write_text(prices.read_text().replace("source: openai-gpt-6-2-sol", "source: nowhere", 1))
    with pytest.raises(DataFileError, match=r"prices\.yml:\d+: models\[0\]\.source: unknown source 'nowhere'"):
        load_catalog(data)


def test_a_trait_missing_an_approach_is_named(data):
    traits = data / "traits.yml"
    lines = traits.read_text().splitlines(keepends=True)
    index = next(i for i, l in enumerate(lines) if l.strip().startswith("long-context:"))
    del lines[index]
    while index < len(lines) and lines[index].startswith(" " * 8) and not lines[index].strip().endswith(":"):
        del lines[index]
    traits.write_text("".join(lines))
    with pytest.raises(DataFileError, match=r"traits\[0\]\.cells: no cell for approach 'long-context'"):
        load_catalog(data)


def test_unknown_field_is_named(data):
    cards = data / "cards.yml"
    cards.write_text(cards.read_text().replace("    short:", "    shrot: x\n    short:", 1))
    with pytest.raises(DataFileError, match=r"cards\.yml:\d+: cards\[0\]\.shrot: unknown field"):
        load_catalog(data)


@pytest.mark.parametrize(
    "raw,escaped",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("**bold** & `a<b>`", "**bold** &amp; `a<b>`"),
        ("&mdash; stays", "&mdash; stays"),
    ],
)
def test_raw_html_in_data_is_escaped(raw, escaped):
    assert escape_html_in_markdown(raw) == escaped


def yesterday() -> str:
    return (dt.date.today() - dt.timedelta(days=1)).isoformat()


def test_a_model_past_its_shutdown_date_is_refused_with_its_name_file_and_line(data):
    prices = data / "prices.yml"
    text = prices.read_text()
    prices.write_text(text.replace("shutdown: 2027-01-14", f"shutdown: {yesterday()}", 1))
    with pytest.raises(DataFileError) as err:
        load_catalog(data)
    line = next(n for n, l in enumerate(prices.read_text().splitlines(), 1) if l.strip() == f"shutdown: {yesterday()}")
    first = str(err.value).splitlines()[0]
    assert f"prices.yml:{line}: models[3].shutdown: GPT-4.1 mini (gpt-4-1-mini) shut down on {yesterday()}" in first
    assert "set `status: retired`" in first


def test_a_retired_model_cannot_be_the_standard_flagship(data):
    prices = data / "prices.yml"
    prices.write_text(prices.read_text().replace("  flagship: gpt-6-2-sol", "  flagship: gpt-4o-2024-05-13", 1))
    with pytest.raises(DataFileError, match=r"prices\.yml:\d+: standard\.flagship: GPT-4o \(2024-05-13, launch version\) "
                                            r"\(gpt-4o-2024-05-13\) shut down on 2026-10-23; the standard comparison offers only current options"):
        load_catalog(data)


def test_a_retired_model_cannot_carry_a_future_shutdown(data):
    prices = data / "prices.yml"
    prices.write_text(prices.read_text().replace("    status: legacy\n    shutdown: 2027-01-14", "    status: retired\n    shutdown: 2027-01-14", 1))
    with pytest.raises(DataFileError, match=r"models\[3\]\.status: GPT-4.1 mini is marked retired but shuts down on 2027-01-14"):
        load_catalog(data)


@pytest.mark.parametrize("old,new,message", [
    ("    status: legacy\n    shutdown: 2027-01-14\n    shutdown_source: openai-fine-tuning-wind-down\n", "    status: legacy\n",
     r"models\[3\]: a legacy model needs its `shutdown:` date"),
    ("    cache_min_tokens: 1024\n", "", r"models\[0\]: a model with a cached_input price needs `cache_min_tokens:`"),
    ('cached_input: "0.20", cache_write: "5.00", output: "15.00"}', 'output: "15.00"}',
     r"models\[0\]: long_context needs its own cached_input price"),
    ("    tuned: ft-gpt-4-1-mini\n", "", r"routes\[1\]: a route billed per token needs `tuned:`"),
    ("    serves_until: 2027-01-14\n", "", r"routes\[1\]: a legacy route needs `serves_until:`"),
    ("  route: open-weight-dedicated", "  route: bedrock", r"standard\.route: Amazon Bedrock custom models cannot be the standard route"),
    ("  small: gpt-6-luna", "  small: gpt-7", r"standard\.small: unknown model 'gpt-7'"),
])
def test_price_data_that_cannot_be_priced_honestly_is_refused(data, old, new, message):
    prices = data / "prices.yml"
    text = prices.read_text()
    assert old in text
    prices.write_text(text.replace(old, new, 1))
    with pytest.raises(DataFileError, match=message):
        load_catalog(data)
