"""The catalogue as a static, accessible website: an index with search, a page per career."""
