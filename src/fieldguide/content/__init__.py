"""What the guide is made of: the data and its schema, each kind of item and its blocks, the checks a page passes."""
