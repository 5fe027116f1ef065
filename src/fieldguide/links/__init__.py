"""Links that last: the anchors each page publishes, the registry of published anchors, short links and redirects."""
