"""Load and cross-check every data file under ``data/``.

:func:`load_catalog` validates each file against its schema, then checks what no single
file can: that every reference (a card's analogy, a trait's cells, a citation) points
at something that exists, that ids are unique, that every figure cites a source, and that
every worked scenario still gets the recommendation its author expects. All problems
are reported together, each as ``file:line: where: what is wrong``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from fieldguide import figures, schema
from fieldguide.yamlfile import DataFileError, LoadedYaml, display_path, load_yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Which schema each data file follows, by file stem.
FILES: dict[str, type[BaseModel]] = {
    "sources": schema.SourcesFile,
    "prices": schema.PricesFile,
    "cards": schema.CardsFile,
    "traits": schema.TraitsFile,
    "phrases": schema.PhrasesFile,
    "analogies": schema.AnalogiesFile,
    "scenarios": schema.ScenariosFile,
}

#: A figure in prose: money, a percentage, a large or suffixed number. Years are not figures.
FIGURE = re.compile(
    r"\$\s?\d[\d,.]*"
    r"|\b\d+(?:\.\d+)?\s?%"
    r"|\b\d+(?:\.\d+)?\s?(?:K|M|B|million|billion|trillion)\b"
    r"|\b\d{1,3}(?:,\d{3})+\b"
)


def data_dir() -> Path:
    """The data folder: ``$FIELDGUIDE_DATA`` if set, else ``data/`` in the project."""
    return Path(os.environ.get("FIELDGUIDE_DATA", PROJECT_ROOT / "data"))


@dataclass(frozen=True)
class Catalog:
    """Everything in ``data/``, validated, with items indexed by id."""

    sources: dict[str, schema.Source]
    prices: schema.PricesFile
    cards: dict[str, schema.Card]
    traits: dict[str, schema.Trait]
    phrases: dict[str, schema.Phrase]
    analogies: dict[str, schema.Analogy]
    scenarios: dict[str, schema.Scenario]
    files: dict[str, LoadedYaml]

    def where(self, file: str, loc: tuple[str | int, ...]) -> str:
        """``data/file.yml:line`` for a location inside one of the files."""
        loaded = self.files[file]
        return f"{display_path(loaded.path)}:{loaded.line_of(loc)}"


def _format_loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, loaded: LoadedYaml, loc: tuple[str | int, ...], message: str) -> None:
        self.items.append(f"{display_path(loaded.path)}:{loaded.line_of(loc)}: {_format_loc(loc)}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            # The first problem leads, so the build's first line says what and where.
            tail = f"({len(self.items)} problem{'s' if len(self.items) > 1 else ''} in the data files)"
            raise DataFileError("\n".join([*self.items, tail]))


def _validate(name: str, loaded: LoadedYaml, problems: _Problems) -> BaseModel | None:
    model = FILES[name]
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            msg = err["msg"]
            if err["type"] == "missing":
                msg = "required field is missing; add it"
            elif err["type"] == "extra_forbidden":
                msg = "unknown field; check its spelling against src/fieldguide/schema.py"
            elif err["type"] == "model_type" and not loc:
                msg = f"the file must be a mapping with a top-level list (see the schema {model.__name__})"
            problems.add(loaded, loc, msg)
        return None


def _texts(value: Any, here: tuple[str | int, ...]):
    """Yield (path, string) for every string inside a parsed YAML value."""
    if isinstance(value, str):
        yield here, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*here, i))


def _resolve_figures(loaded: LoadedYaml, values: dict[str, str], problems: _Problems) -> None:
    """Put figures into every string of a file, in place; report typed or unknown ones."""

    def walk(value: Any, here: tuple[str | int, ...]) -> Any:
        if isinstance(value, str):
            text, found = figures.resolve(value, values)
            for message in found:
                problems.add(loaded, here, message)
            return text
        if isinstance(value, dict):
            return {key: walk(item, (*here, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, (*here, i)) for i, item in enumerate(value)]
        return value

    loaded.data = walk(loaded.data, ())


def _unique(name: str, loaded: LoadedYaml, items: list[Any], problems: _Problems) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item.id in out:
            problems.add(loaded, (name, i, "id"), f"duplicate id {item.id!r}; ids must be unique, choose another")
        out[item.id] = item
    return out


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load, validate and cross-check every data file.

    Raises:
        DataFileError: listing every problem as ``file:line: field path: what to do``.
    """
    directory = Path(directory) if directory else data_dir()
    problems = _Problems()
    loaded: dict[str, LoadedYaml] = {}
    parsed: dict[str, Any] = {}
    for name in FILES:
        path = directory / f"{name}.yml"
        try:
            loaded[name] = load_yaml(path)
        except DataFileError as exc:
            problems.items.append(str(exc))
            continue
        parsed[name] = _validate(name, loaded[name], problems)
    problems.raise_if_any()
    _unique("models", loaded["prices"], parsed["prices"].models, problems)
    _unique("routes", loaded["prices"], parsed["prices"].routes, problems)
    _check_prices(loaded["prices"], parsed["prices"], {src.id for src in parsed["sources"].sources}, problems)
    problems.raise_if_any()
    # Figures in every text (the price file's own notes included) come from the prices:
    # put them in, then validate again so the items hold the final text.
    figure_values = figures.compute(parsed["prices"])
    for name in FILES:
        _resolve_figures(loaded[name], figure_values, problems)
    problems.raise_if_any()
    for name in FILES:
        parsed[name] = _validate(name, loaded[name], problems)
    problems.raise_if_any()

    sources = _unique("sources", loaded["sources"], parsed["sources"].sources, problems)
    cards = _unique("cards", loaded["cards"], parsed["cards"].cards, problems)
    traits = _unique("traits", loaded["traits"], parsed["traits"].traits, problems)
    phrases = _unique("phrases", loaded["phrases"], parsed["phrases"].phrases, problems)
    analogies = _unique("analogies", loaded["analogies"], parsed["analogies"].analogies, problems)
    scenarios = _unique("scenarios", loaded["scenarios"], parsed["scenarios"].scenarios, problems)
    prices: schema.PricesFile = parsed["prices"]
    _unique("assumptions", loaded["prices"], prices.assumptions, problems)

    def ref(file: str, loc: tuple[str | int, ...], key: str, table: dict[str, Any], what: str) -> None:
        if key not in table:
            known = ", ".join(sorted(table)) or "none"
            problems.add(loaded[file], loc, f"unknown {what} {key!r}; known: {known}")

    for i, card in enumerate(cards.values()):
        if card.analogy:
            ref("cards", ("cards", i, "analogy"), card.analogy, analogies, "analogy")
        for j, s in enumerate(card.sources):
            ref("cards", ("cards", i, "sources", j), s, sources, "source")
    for i, trait in enumerate(traits.values()):
        for approach in cards:
            if approach not in trait.cells:
                problems.add(loaded["traits"], ("traits", i, "cells"), f"no cell for approach {approach!r}; every trait judges every approach")
        for approach in trait.cells:
            ref("traits", ("traits", i, "cells", approach), approach, cards, "approach")
        for j, s in enumerate(trait.sources):
            ref("traits", ("traits", i, "sources", j), s, sources, "source")
    for i, phrase in enumerate(phrases.values()):
        ref("phrases", ("phrases", i, "card"), phrase.card, cards, "card")
        for j, s in enumerate(phrase.sources):
            ref("phrases", ("phrases", i, "sources", j), s, sources, "source")
    for i, analogy in enumerate(analogies.values()):
        for j, c in enumerate(analogy.cards):
            ref("analogies", ("analogies", i, "cards", j), c, cards, "card")
        for j, s in enumerate(analogy.sources):
            ref("analogies", ("analogies", i, "sources", j), s, sources, "source")
    for i, sc in enumerate(scenarios.values()):
        for j, s in enumerate(sc.sources):
            ref("scenarios", ("scenarios", i, "sources", j), s, sources, "source")
    # Inline citations anywhere, and figures that cite nothing.
    for name in ("cards", "traits", "phrases", "analogies", "scenarios"):
        listing = loaded[name].data[name]
        for i, item in enumerate(listing):
            cited = bool(item.get("sources"))
            for loc, text in _texts(item, (name, i)):
                for key in schema.citations_in(text):
                    cited = True
                    ref(name, loc, key, sources, "source in citation [@...]")
            if not cited:
                for loc, text in _texts(item, (name, i)):
                    figure = FIGURE.search(text)
                    if figure:
                        problems.add(
                            loaded[name],
                            loc,
                            f"states the figure {figure.group(0)!r} but cites no source; add `sources:` to the item or an inline [@source-id]",
                        )
                        break
    problems.raise_if_any()

    catalog = Catalog(sources, prices, cards, traits, phrases, analogies, scenarios, loaded)
    _check_scenarios(catalog, problems)
    problems.raise_if_any()
    return catalog


def _check_prices(loaded: LoadedYaml, prices: schema.PricesFile, sources: set[str], problems: _Problems) -> None:
    """References inside the price file, then the dates: checked before any figure is computed,
    so a broken price list is reported as itself, not as the figures it cannot produce."""

    def ref(loc: tuple[str | int, ...], key: str, table, what: str) -> None:
        if key not in table:
            known = ", ".join(sorted(table)) or "none"
            problems.add(loaded, loc, f"unknown {what} {key!r}; known: {known}")

    models = {m.id: m for m in prices.models}
    for i, model in enumerate(prices.models):
        ref(("models", i, "source"), model.source, sources, "source")
        if model.shutdown_source:
            ref(("models", i, "shutdown_source"), model.shutdown_source, sources, "source")
        if model.fine_tuned_from:
            ref(("models", i, "fine_tuned_from"), model.fine_tuned_from, models, "model")
    for i, ex in enumerate(prices.examples):
        ref(("examples", i, "model"), ex.model, models, "model")
    for i, a in enumerate(prices.assumptions):
        if a.source:
            ref(("assumptions", i, "source"), a.source, sources, "source")
    for i, f in enumerate(prices.facts):
        ref(("facts", i, "source"), f.source, sources, "source")
    routes = {r.id: r for r in prices.routes}
    for i, r in enumerate(prices.routes):
        for key in ("base", "tuned"):
            if getattr(r, key):
                ref(("routes", i, key), getattr(r, key), models, "model")
        for j, s in enumerate(r.sources):
            ref(("routes", i, "sources", j), s, sources, "source")
    std = prices.standard
    for key, table, what in (("flagship", models, "model"), ("small", models, "model"), ("route", routes, "route")):
        ref(("standard", key), getattr(std, key), table, what)
    if not problems.items:
        _check_dates(loaded, prices, problems)


def _check_dates(loaded: LoadedYaml, prices: schema.PricesFile, problems: _Problems) -> None:
    """Facts age: a model or route past its shutdown date must say so, and is then never a current option.

    Today is the day the build runs (``schema.TODAY``), not the date the build is stamped
    with: a price list that was right when committed can be wrong when built.
    """
    today = schema.TODAY()
    models = {m.id: m for m in prices.models}
    for i, m in enumerate(prices.models):
        if m.shutdown is None:
            continue
        if m.status != "retired" and m.shutdown <= today:
            problems.add(
                loaded, ("models", i, "shutdown"),
                f"{m.name} ({m.id}) shut down on {m.shutdown.isoformat()}, on or before today ({today.isoformat()}), "
                "but is not marked retired; set `status: retired` (it then leaves every table of current options), "
                "or correct the date from the vendor's deprecations page",
            )
        if m.status == "retired" and m.shutdown > today:
            problems.add(
                loaded, ("models", i, "status"),
                f"{m.name} is marked retired but shuts down on {m.shutdown.isoformat()}, after today; mark it legacy until then",
            )
    for i, r in enumerate(prices.routes):
        if r.serves_until is not None and r.status != "retired" and r.serves_until <= today:
            problems.add(
                loaded, ("routes", i, "serves_until"),
                f"{r.name}: its tuned models stopped serving on {r.serves_until.isoformat()}; set `status: retired`",
            )
        for key in ("base", "tuned"):
            used = models.get(getattr(r, key) or "")
            if used is not None and used.status == "retired" and r.status != "retired":
                problems.add(
                    loaded, ("routes", i, key),
                    f"{r.name} uses {used.name}, which shut down on {used.shutdown.isoformat()}; a route still offered "
                    "cannot rest on a retired model; point it at a current model or retire the route",
                )
    std = prices.standard
    for key in ("flagship", "small"):
        used = models[getattr(std, key)]
        if used.status == "retired":
            problems.add(
                loaded, ("standard", key),
                f"{used.name} ({used.id}) shut down on {used.shutdown.isoformat()}; the standard comparison offers "
                "only current options, so choose a current model",
            )
    route = next(r for r in prices.routes if r.id == std.route)
    if route.status != "current" or not route.priced:
        problems.add(
            loaded, ("standard", "route"),
            f"{route.name} cannot be the standard route: it must be current and publish its prices "
            f"(it is {route.status}{'' if route.priced else ', priced in its console'})",
        )
    for i, ex in enumerate(prices.examples):
        used = models[ex.model]
        if used.status == "retired":
            problems.add(
                loaded, ("examples", i, "model"),
                f"{used.name} shut down on {used.shutdown.isoformat()}; a worked example quoted as a current cost "
                "needs a current model",
            )


def _check_scenarios(catalog: Catalog, problems: _Problems) -> None:
    from fieldguide.decision import decide

    for i, sc in enumerate(catalog.scenarios.values()):
        got = decide(sc.answers, catalog.prices)
        if (got.approach, got.gate.id) != (sc.expect, sc.expect_gate):
            problems.add(
                catalog.files["scenarios"],
                ("scenarios", i, "expect"),
                f"the framework recommends {got.approach!r} at {got.gate.id}, but the scenario expects "
                f"{sc.expect!r} at {sc.expect_gate}; fix the answers, the expectation, or the framework",
            )


@lru_cache(maxsize=4)
def _cached(directory: str, stamp: tuple[float, ...]) -> Catalog:
    return load_catalog(Path(directory))


def catalog(directory: Path | None = None) -> Catalog:
    """The catalog, reloaded only when a data file changed (for ``mkdocs serve``)."""
    directory = Path(directory) if directory else data_dir()
    stamp = tuple(p.stat().st_mtime_ns for p in sorted(directory.glob("*.yml")))
    return _cached(str(directory), stamp)
