"""Facts age: the dates in the price list, checked against the day the build runs.

A model whose shutdown date has passed must be marked retired, and is then never a current
option: not in the standard comparison, not behind a route still offered, not in a worked
example quoted as a current cost. Today is the day the build runs
(:data:`fieldguide.content.schema.TODAY`), not the date the build is stamped with: a price
list that was right when committed can be wrong when built.
"""

from __future__ import annotations

from collections.abc import Iterator

from fieldguide.content.schema import TODAY
from fieldguide.economics.prices import PricesFile

Problem = tuple[tuple[str | int, ...], str]


def check_dates(prices: PricesFile) -> Iterator[Problem]:
    """Every date problem in the price list, as ``(location in the file, message)``."""
    today = TODAY()
    models = {m.id: m for m in prices.models}
    for i, m in enumerate(prices.models):
        if m.shutdown is None:
            continue
        if m.status != "retired" and m.shutdown <= today:
            yield ("models", i, "shutdown"), (
                f"{m.name} ({m.id}) shut down on {m.shutdown.isoformat()}, on or before today ({today.isoformat()}), "
                "but is not marked retired; set `status: retired` (it then leaves every table of current options), "
                "or correct the date from the vendor's deprecations page"
            )
        if m.status == "retired" and m.shutdown > today:
            yield ("models", i, "status"), (
                f"{m.name} is marked retired but shuts down on {m.shutdown.isoformat()}, after today; mark it legacy until then"
            )
    for i, r in enumerate(prices.routes):
        if r.serves_until is not None and r.status != "retired" and r.serves_until <= today:
            yield ("routes", i, "serves_until"), (
                f"{r.name}: its tuned models stopped serving on {r.serves_until.isoformat()}; set `status: retired`"
            )
        for key in ("base", "tuned"):
            used = models.get(getattr(r, key) or "")
            if used is not None and used.status == "retired" and r.status != "retired":
                yield ("routes", i, key), (
                    f"{r.name} uses {used.name}, which shut down on {used.shutdown.isoformat()}; a route still offered "
                    "cannot rest on a retired model; point it at a current model or retire the route"
                )
    std = prices.standard
    for key in ("flagship", "small"):
        used = models[getattr(std, key)]
        if used.status == "retired":
            yield ("standard", key), (
                f"{used.name} ({used.id}) shut down on {used.shutdown.isoformat()}; the standard comparison offers "
                "only current options, so choose a current model"
            )
    route = next(r for r in prices.routes if r.id == std.route)
    if route.status != "current" or not route.priced:
        yield ("standard", "route"), (
            f"{route.name} cannot be the standard route: it must be current and publish its prices "
            f"(it is {route.status}{'' if route.priced else ', priced in its console'})"
        )
    for i, ex in enumerate(prices.examples):
        used = models[ex.model]
        if used.status == "retired":
            yield ("examples", i, "model"), (
                f"{used.name} shut down on {used.shutdown.isoformat()}; a worked example quoted as a current cost "
                "needs a current model"
            )
