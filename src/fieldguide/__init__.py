"""Field Guide: the content, the economics, the links and the outputs behind the site, and the plugin that builds it."""

__version__ = "0.1.0"
