"""Load and cross-check every data file under ``data/``.

:func:`load_catalog` reads the file of every kind of item (:mod:`fieldguide.content.kinds`)
and the price list, validates each against its schema with the ids of every kind in the
validation context (so a reference to an unknown card or source fails at its field), puts
the figures computed from the prices into every text, and runs the checks only the whole
catalog can make: that ids are unique, that every figure cites a source, and each kind's
own check (every worked scenario still gets the recommendation its author expects). All
problems are reported together, each as ``file:line: where: what is wrong``, the first
problem on the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, create_model

from fieldguide.content import kinds
from fieldguide.content.schema import Strict, citations_in
from fieldguide.content.yamlfile import DataFileError, LoadedYaml, display_path, load_yaml
from fieldguide.economics import cost, figures
from fieldguide.economics.dates import check_dates
from fieldguide.economics.prices import PricesFile

#: A figure in prose: money, a percentage, a large or suffixed number. Years are not figures.
FIGURE = re.compile(
    r"\$\s?\d[\d,.]*"
    r"|\b\d+(?:\.\d+)?\s?%"
    r"|\b\d+(?:\.\d+)?\s?(?:K|M|B|million|billion|trillion)\b"
    r"|\b\d{1,3}(?:,\d{3})+\b"
)

PRICES = "prices"


def find_project(start: Path | None = None) -> Path:
    """The project folder: the nearest folder, from ``start`` (the working folder) up, that
    holds ``mkdocs.yml`` and ``data/``. Builds run there, and the build-time snippets read the
    data of the project being built, never of the installed package."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise DataFileError(f"no project here: no folder from {here} up holds mkdocs.yml and data/; run from the project")


def data_dir() -> Path:
    """The data folder of the project the working folder belongs to."""
    return find_project() / "data"


@dataclass(frozen=True)
class Catalog:
    """Everything in ``data/``, validated, with items indexed by id.

    Items are reached by their kind's plural: ``catalog.phrases["FL-001"]``,
    ``catalog.items["cards"]``.
    """

    items: dict[str, dict[str, Any]]
    prices: PricesFile
    files: dict[str, LoadedYaml]

    def __getattr__(self, name: str) -> dict[str, Any]:
        try:
            return self.__dict__["items"][name]
        except KeyError:
            raise AttributeError(name) from None


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
            tail = f"({len(self.items)} problem{'s' if len(self.items) > 1 else ''} in the data files)"
            raise DataFileError("\n".join([*self.items, tail]))


def _file_model(kind: kinds.Kind) -> type[BaseModel]:
    """The model of a whole data file: a mapping with the kind's list under its plural."""
    return create_model(f"{kind.plural.title()}File", __base__=Strict,
                        **{kind.plural: (list[kind.model], Field(min_length=1))})


def _validate(model: type[BaseModel], loaded: LoadedYaml, problems: _Problems, context: dict) -> BaseModel | None:
    try:
        return model.model_validate(loaded.data, context=context)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = "required field is missing; add it"
            elif err["type"] == "extra_forbidden":
                msg = "unknown field; check its spelling against the item's model in src/fieldguide/content/items/"
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


def _raw_ids(loaded: LoadedYaml, plural: str) -> set[str]:
    """The ids a file declares, read before validation, for the references of the others."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    listing = data.get(plural) if isinstance(data.get(plural), list) else []
    return {str(entry["id"]) for entry in listing if isinstance(entry, dict) and "id" in entry}


def _unique(loaded: LoadedYaml, plural: str, entries: list[Any], problems: _Problems) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, entry in enumerate(entries):
        if entry.id in out:
            problems.add(loaded, (plural, i, "id"), f"duplicate id {entry.id!r}; ids must be unique, choose another")
        out[entry.id] = entry
    return out


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load, validate and cross-check every data file.

    Raises:
        DataFileError: listing every problem as ``file:line: field path: what to do``.
    """
    directory = Path(directory) if directory else data_dir()
    problems = _Problems()
    data_kinds = kinds.data_kinds()
    loaded: dict[str, LoadedYaml] = {}
    for name in (*(k.plural for k in data_kinds), PRICES):
        path = directory / (f"{PRICES}.yml" if name == PRICES else next(k.data for k in data_kinds if k.plural == name))
        try:
            loaded[name] = load_yaml(path)
        except DataFileError as exc:
            problems.items.append(str(exc))
    problems.raise_if_any()

    context = {"ids": {k.plural: _raw_ids(loaded[k.plural], k.plural) for k in data_kinds}}
    models = {k.plural: _file_model(k) for k in data_kinds} | {PRICES: PricesFile}
    parsed = {name: _validate(models[name], loaded[name], problems, context) for name in loaded}
    problems.raise_if_any()
    prices: PricesFile = parsed[PRICES]
    _unique(loaded[PRICES], "models", prices.models, problems)
    _unique(loaded[PRICES], "routes", prices.routes, problems)
    _unique(loaded[PRICES], "assumptions", prices.assumptions, problems)
    _check_prices(loaded[PRICES], prices, problems)
    problems.raise_if_any()

    # Figures in every text (the price file's own notes included) come from the prices:
    # put them in, then validate again so the items hold the final text.
    figure_values = figures.compute(prices)
    for name in loaded:
        _resolve_figures(loaded[name], figure_values, problems)
    problems.raise_if_any()
    parsed = {name: _validate(models[name], loaded[name], problems, context) for name in loaded}
    problems.raise_if_any()

    items = {k.plural: _unique(loaded[k.plural], k.plural, getattr(parsed[k.plural], k.plural), problems)
             for k in data_kinds}
    sources = context["ids"]["sources"]
    for k in data_kinds:
        if k.cites:
            _check_citations(loaded[k.plural], k.plural, sources, problems)
    problems.raise_if_any()

    catalog = Catalog(items, parsed[PRICES], loaded)
    for k in data_kinds:
        if k.check is not None:
            for loc, message in k.check(catalog):
                problems.add(loaded[k.plural], loc, message)
    problems.raise_if_any()
    return catalog


def _check_citations(loaded: LoadedYaml, plural: str, sources: set[str], problems: _Problems) -> None:
    """Inline citations name sources; an item that states a figure cites something."""
    for i, entry in enumerate(loaded.data[plural]):
        cited = bool(entry.get("sources"))
        for loc, text in _texts(entry, (plural, i)):
            for key in citations_in(text):
                cited = True
                if key not in sources:
                    problems.add(loaded, loc, f"unknown source in citation [@...] {key!r}; known: {', '.join(sorted(sources))}")
        if not cited:
            for loc, text in _texts(entry, (plural, i)):
                figure = FIGURE.search(text)
                if figure:
                    problems.add(
                        loaded, loc,
                        f"states the figure {figure.group(0)!r} but cites no source; add `sources:` to the item or an "
                        "inline [@source-id]",
                    )
                    break


def _check_prices(loaded: LoadedYaml, prices: PricesFile, problems: _Problems) -> None:
    """References inside the price file, then the dates: checked before any figure is computed,
    so a broken price list is reported as itself, not as the figures it cannot produce."""

    def ref(loc: tuple[str | int, ...], key: str, table, what: str) -> None:
        if key not in table:
            known = ", ".join(sorted(table)) or "none"
            problems.add(loaded, loc, f"unknown {what} {key!r}; known: {known}")

    models = {m.id: m for m in prices.models}
    for i, model in enumerate(prices.models):
        if model.fine_tuned_from:
            ref(("models", i, "fine_tuned_from"), model.fine_tuned_from, models, "model")
    for i, ex in enumerate(prices.examples):
        ref(("examples", i, "model"), ex.model, models, "model")
    routes = {r.id: r for r in prices.routes}
    for i, r in enumerate(prices.routes):
        for key in ("base", "tuned"):
            if getattr(r, key):
                ref(("routes", i, key), getattr(r, key), models, "model")
    std = prices.standard
    for key, table, what in (("flagship", models, "model"), ("small", models, "model"), ("route", routes, "route")):
        ref(("standard", key), getattr(std, key), table, what)
    if prices.value_case is not None:
        facts = {f.id: f for f in prices.facts}
        rates = {a.id: a for a in prices.assumptions if a.unit.startswith("USD")}
        by_id = {entry.id: entry for entry in prices.value_case.inputs}
        tasks, per_task = by_id["tasks-per-month"].value, by_id["calls-per-task"].value
        if tasks is not None and per_task is not None and (tasks * per_task) % cost.DAYS_PER_MONTH:
            problems.add(loaded, ("value_case", "inputs"),
                         f"{tasks} requests a month at {per_task} calls each is not a whole number of calls a day "
                         f"({cost.DAYS_PER_MONTH} days a month); choose figures that divide evenly")
        for i, entry in enumerate(prices.value_case.inputs):
            if entry.fact:
                ref(("value_case", "inputs", i, "fact"), entry.fact, facts, "fact")
            if entry.rate:
                ref(("value_case", "inputs", i, "rate"), entry.rate, rates, "rate (an assumption in USD)")
    if not problems.items:
        for loc, message in check_dates(prices):
            problems.add(loaded, loc, message)


@lru_cache(maxsize=4)
def _cached(directory: str, stamp: tuple[float, ...]) -> Catalog:
    return load_catalog(Path(directory))


def catalog(directory: Path | None = None) -> Catalog:
    """The catalog, reloaded only when a data file changed (for ``make serve``)."""
    directory = Path(directory) if directory else data_dir()
    stamp = tuple(p.stat().st_mtime_ns for p in sorted(directory.glob("*.yml")))
    return _cached(str(directory), stamp)
