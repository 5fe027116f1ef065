"""The economics: list prices, the cost model, the standard comparison, the gates that decide on cost.

* :mod:`~fieldguide.economics.prices`: the price list's schema (models, routes, the standard task);
* :mod:`~fieldguide.economics.lookup`: a model, route or assumption by id; the models on offer;
* :mod:`~fieldguide.economics.cost`: what a call, a month and a GPU cost, exactly;
* :mod:`~fieldguide.economics.tuning`: what a tuning program costs (data work, runs, re-runs);
* :mod:`~fieldguide.economics.comparison`: the standard comparison and every tuning route;
* :mod:`~fieldguide.economics.knowledge`: the corpus in the prompt against retrieval;
* :mod:`~fieldguide.economics.figures`: figures in prose, ``{{ price.<model>.input }}``;
* :mod:`~fieldguide.economics.decision`: the six gates;
* :mod:`~fieldguide.economics.calculator`: the in-page calculator's form, data and expected figures;
* :mod:`~fieldguide.economics.tables`: what the build-time cost snippets share to print tables.

The public names of ``lookup``, ``comparison`` and ``knowledge`` are re-exported here, so
snippets and readers write ``from fieldguide.economics import compare, model``.
"""

from fieldguide.economics import comparison, knowledge, lookup
from fieldguide.economics.comparison import *  # noqa: F403
from fieldguide.economics.knowledge import *  # noqa: F403
from fieldguide.economics.lookup import *  # noqa: F403

__all__ = [*lookup.__all__, *comparison.__all__, *knowledge.__all__]
