"""Field Guide: the data, the decision framework, the cost model and the build hooks behind the site."""

__version__ = "0.1.0"
